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
  type PaylaterEnvironment,
  paylaterApiHeaders,
  paylaterClientAuthentication,
  paylaterDefaultEnvironment,
  paylaterEnvironments,
  paylaterTokenMediaType,
  paylaterTokenMethod,
  paylaterTokenPath,
} from "./generated/constants.js";
export type { components, operations, paths } from "./generated/schema.js";
export { createPaylaterAuth, type PaylaterAuthOptions } from "./paylater-auth.js";
export { createPaylaterClient, type PaylaterClientOptions } from "./paylater-client.js";
export type { PaylaterEndpointOptions } from "./paylater-endpoint.js";
