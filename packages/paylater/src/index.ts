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
  createPaylaterClient,
  type PaylaterClientOptions,
  type PaylaterEnvironment,
  type PaylaterLocationOptions,
  type PaylaterLocationOptions as PaylaterEndpointOptions,
  type PaylaterTokenRequestValues,
  paylaterApiHeaders,
  paylaterClientAuthentication,
  paylaterDefaultEnvironment,
  paylaterEnvironments,
  paylaterTokenEndpoint,
  paylaterTokenLifetimeSeconds,
  paylaterTokenMediaType,
  paylaterTokenMethod,
  paylaterTokenPath,
} from "./generated/token-endpoint.js";
export { createPaylaterAuth, type PaylaterAuthOptions } from "./paylater-auth.js";
