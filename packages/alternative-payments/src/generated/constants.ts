// Generated from specs/alternative-payments.openapi.yaml by scripts/generate.mjs. Do not edit by hand: edit the spec and run `pnpm generate`.

/** Token endpoint base URL of each environment named in the spec's servers. */
export const alternativePaymentsEnvironments = {
  "production": "http://public-api.alternativepayments.io",
} as const;

/** An environment name from the spec: the IDE offers exactly these. */
export type AlternativePaymentsEnvironment = keyof typeof alternativePaymentsEnvironments;

/** The first server of the spec. */
export const alternativePaymentsDefaultEnvironment: AlternativePaymentsEnvironment = "production";

/** Path of the token endpoint, exactly as documented. */
export const alternativePaymentsTokenPath = "/oauth/token" as const;

/** HTTP method of the token endpoint. */
export const alternativePaymentsTokenMethod = "POST" as const;

/** Media type of the token request body. */
export const alternativePaymentsTokenMediaType = "application/x-www-form-urlencoded" as const;

/** How the client authenticates at the token endpoint (RFC 7591 names). */
export const alternativePaymentsClientAuthentication = "client_secret_basic" as const;

/** Headers the provider requires on the token request and on every API call. */
export const alternativePaymentsApiHeaders = {} as const satisfies Readonly<Record<string, string>>;
