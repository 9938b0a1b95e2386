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
export {
  type PayswayEnvironment,
  payswayApiHeaders,
  payswayClientAuthentication,
  payswayDefaultEnvironment,
  payswayEnvironments,
  payswayTokenMediaType,
  payswayTokenMethod,
  payswayTokenPath,
} from "./generated/constants.js";
export type { $defs, components, operations, paths, webhooks } from "./generated/schema.js";
export {
  createPayswayAuth,
  PAYSWAY_TOKEN_LIFETIME_SECONDS,
  type PayswayAuthOptions,
} from "./paysway-auth.js";
export type { PayswayLocationOptions } from "./paysway-base-url.js";
export { createPayswayClient, type PayswayClientOptions } from "./paysway-client.js";
