// Generated from specs/paysway.openapi.yaml by scripts/generate.mjs. Do not edit by hand: edit the spec and run `pnpm generate`.

/** Token endpoint base URL of each environment named in the spec's servers. */
export const payswayEnvironments = {
  "production": "https://api.paysway.dev",
} as const;

/** An environment name from the spec: the IDE offers exactly these. */
export type PayswayEnvironment = keyof typeof payswayEnvironments;

/** The first server of the spec. */
export const payswayDefaultEnvironment: PayswayEnvironment = "production";

/** Path of the token endpoint, exactly as documented. */
export const payswayTokenPath = "/oauth2/token" as const;

/** HTTP method of the token endpoint. */
export const payswayTokenMethod = "POST" as const;

/** Media type of the token request body. */
export const payswayTokenMediaType = "application/x-www-form-urlencoded" as const;

/** How the client authenticates at the token endpoint (RFC 7591 names). */
export const payswayClientAuthentication = "client_secret_post" as const;

/** Headers the provider requires on the token request and on every API call. */
export const payswayApiHeaders = {} as const satisfies Readonly<Record<string, string>>;
