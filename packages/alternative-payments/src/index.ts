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
  ALTERNATIVE_PAYMENTS_DEFAULT_LIFETIME_SECONDS,
  type AlternativePaymentsAuthOptions,
  createAlternativePaymentsAuth,
} from "./alternative-payments-auth.js";
export {
  type AlternativePaymentsLocationOptions,
  alternativePaymentsHttpsEnvironments,
} from "./alternative-payments-base-url.js";
export {
  type AlternativePaymentsClientOptions,
  createAlternativePaymentsClient,
} from "./alternative-payments-client.js";
export {
  type AlternativePaymentsEnvironment,
  alternativePaymentsApiHeaders,
  alternativePaymentsClientAuthentication,
  alternativePaymentsDefaultEnvironment,
  alternativePaymentsEnvironments,
  alternativePaymentsTokenMediaType,
  alternativePaymentsTokenMethod,
  alternativePaymentsTokenPath,
} from "./generated/constants.js";
export type { $defs, components, operations, paths, webhooks } from "./generated/schema.js";
