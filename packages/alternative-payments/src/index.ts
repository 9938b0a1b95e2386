import { alternativePaymentsEnvironments } from "./generated/token-endpoint.js";

export {
  basicAuthorization,
  createMemoryTokenStore,
  type GetTokenOptions,
  isPaytokError,
  type PaytokAuth,
  PaytokError,
  type PaytokErrorCode,
  type PaytokEvent,
  type Token,
  type TokenStore,
} from "@paytok/core";
export {
  type AlternativePaymentsAuthOptions,
  createAlternativePaymentsAuth,
} from "./alternative-payments-auth.js";
export type { $defs, components, operations, paths, webhooks } from "./generated/schema.js";
/** The lifetime assumed when a response has no `expires_in` (the document's example, 3600 s). */
export {
  type AlternativePaymentsClientOptions,
  type AlternativePaymentsEnvironment,
  type AlternativePaymentsLocationOptions,
  type AlternativePaymentsTokenRequestValues,
  alternativePaymentsApiHeaders,
  alternativePaymentsClientAuthentication,
  alternativePaymentsDefaultEnvironment,
  alternativePaymentsEnvironments,
  alternativePaymentsTokenEndpoint,
  alternativePaymentsTokenLifetimeSeconds,
  alternativePaymentsTokenLifetimeSeconds as ALTERNATIVE_PAYMENTS_DEFAULT_LIFETIME_SECONDS,
  alternativePaymentsTokenMediaType,
  alternativePaymentsTokenMethod,
  alternativePaymentsTokenPath,
  createAlternativePaymentsClient,
} from "./generated/token-endpoint.js";

/** The environments that speak https: all but the documented plain-HTTP `production-http`. */
export const alternativePaymentsHttpsEnvironments = {
  production: alternativePaymentsEnvironments.production,
} as const;
