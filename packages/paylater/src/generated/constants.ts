// Generated from specs/paylater.openapi.yaml by scripts/generate.mjs. Do not edit by hand: edit the spec and run `pnpm generate`.

/** Token endpoint base URL of each environment named in the spec's servers. */
export const paylaterEnvironments = {
  "sandbox": "https://connect.uat.paylaterapp.com",
  "production": "https://connect.paylaterapp.com",
} as const;

/** An environment name from the spec: the IDE offers exactly these. */
export type PaylaterEnvironment = keyof typeof paylaterEnvironments;

/** The first server of the spec. */
export const paylaterDefaultEnvironment: PaylaterEnvironment = "sandbox";

/** Path of the token endpoint, exactly as documented. */
export const paylaterTokenPath = "/auth/realms/api/protocol/openid-connect/token" as const;

/** HTTP method of the token endpoint. */
export const paylaterTokenMethod = "POST" as const;

/** Media type of the token request body. */
export const paylaterTokenMediaType = "application/x-www-form-urlencoded" as const;

/** How the client authenticates at the token endpoint (RFC 7591 names). */
export const paylaterClientAuthentication = "client_secret_post" as const;

/** Headers the provider requires on the token request and on every API call. */
export const paylaterApiHeaders = {} as const satisfies Readonly<Record<string, string>>;
