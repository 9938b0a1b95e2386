// Generated from specs/lab4pay.openapi.yaml by scripts/generate.mjs. Do not edit by hand: edit the spec and run `pnpm generate`.

/** Token endpoint base URL of each environment named in the spec's servers. */
export const lab4payEnvironments = {
  "production": "https://api-payment.lab4pay.com",
  "development": "https://api-payment.lab4pay.dev",
} as const;

/** An environment name from the spec: the IDE offers exactly these. */
export type Lab4payEnvironment = keyof typeof lab4payEnvironments;

/** The first server of the spec. */
export const lab4payDefaultEnvironment: Lab4payEnvironment = "production";

/** Path of the token endpoint, exactly as documented. */
export const lab4payTokenPath = "/v1/auth/token/" as const;

/** HTTP method of the token endpoint. */
export const lab4payTokenMethod = "POST" as const;

/** Media type of the token request body. */
export const lab4payTokenMediaType = "application/json" as const;

/** How the client authenticates at the token endpoint (RFC 7591 names). */
export const lab4payClientAuthentication = "client_secret_post" as const;

/** Headers the provider requires on the token request and on every API call. */
export const lab4payApiHeaders = {} as const satisfies Readonly<Record<string, string>>;
