// Generated from specs/payme.openapi.yaml by scripts/generate.mjs. Do not edit by hand: edit the spec and run `pnpm generate`.

/** Token endpoint base URL of each environment named in the spec's servers. */
export const paymeEnvironments = {
  "preprod": "https://auth.preprod.alignet.io",
  "production": "https://auth.alignet.io",
} as const;

/** An environment name from the spec: the IDE offers exactly these. */
export type PaymeEnvironment = keyof typeof paymeEnvironments;

/** The first server of the spec. */
export const paymeDefaultEnvironment: PaymeEnvironment = "preprod";

/** Path of the token endpoint, exactly as documented. */
export const paymeTokenPath = "/token" as const;

/** HTTP method of the token endpoint. */
export const paymeTokenMethod = "POST" as const;

/** Media type of the token request body. */
export const paymeTokenMediaType = "application/json" as const;

/** How the client authenticates at the token endpoint (RFC 7591 names). */
export const paymeClientAuthentication = "client_secret_post" as const;

/** Headers the provider requires on the token request and on every API call. */
export const paymeApiHeaders = {"ALG-API-VERSION":"1709847567"} as const satisfies Readonly<Record<string, string>>;

/** Every scope the document lists. */
export const paymeScopes = ["create:token","post:charges","get:charges","delete:charges"] as const;

/** One of the documented scopes. */
export type PaymeScope = (typeof paymeScopes)[number];
