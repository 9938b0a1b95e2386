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
  type PaymeEnvironment,
  type PaymeScope,
  paymeApiHeaders,
  paymeClientAuthentication,
  paymeDefaultEnvironment,
  paymeEnvironments,
  paymeScopes,
  paymeTokenMediaType,
  paymeTokenMethod,
  paymeTokenPath,
} from "./generated/constants.js";
export type { components, operations, paths } from "./generated/schema.js";
export { createPaymeAuth, type PaymeAuthOptions } from "./payme-auth.js";
export { createPaymeClient, type PaymeClientOptions } from "./payme-client.js";
export type { PaymeEndpointOptions } from "./payme-endpoint.js";
export type { PaymeStatusDetails } from "./payme-response.js";
