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
export type { components, operations, paths } from "./generated/schema.js";
export {
  createPaymeClient,
  type PaymeClientOptions,
  type PaymeEnvironment,
  type PaymeLocationOptions,
  type PaymeLocationOptions as PaymeEndpointOptions,
  type PaymeScope,
  type PaymeTokenRequestValues,
  paymeApiHeaders,
  paymeClientAuthentication,
  paymeDefaultEnvironment,
  paymeEnvironments,
  paymeScopes,
  paymeTokenEndpoint,
  paymeTokenLifetimeSeconds,
  paymeTokenMediaType,
  paymeTokenMethod,
  paymeTokenPath,
} from "./generated/token-endpoint.js";
export { createPaymeAuth, type PaymeAuthOptions, type PaymeStatusDetails } from "./payme-auth.js";
