import { payswayTokenEndpoint } from "./generated/token-endpoint.js";

export {
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
export type { $defs, components, operations, paths, webhooks } from "./generated/schema.js";
export {
  createPayswayClient,
  type PayswayClientOptions,
  type PayswayEnvironment,
  type PayswayLocationOptions,
  type PayswayTokenRequestValues,
  payswayApiHeaders,
  payswayClientAuthentication,
  payswayDefaultEnvironment,
  payswayEnvironments,
  payswayTokenEndpoint,
  payswayTokenLifetimeSeconds,
  payswayTokenMediaType,
  payswayTokenMethod,
  payswayTokenPath,
} from "./generated/token-endpoint.js";
export { createPayswayAuth, type PayswayAuthOptions } from "./paysway-auth.js";

/** "Tokens expire after 3600 seconds": used when a response has no `expires_in`. */
export const PAYSWAY_TOKEN_LIFETIME_SECONDS = payswayTokenEndpoint.lifetimeSeconds;
