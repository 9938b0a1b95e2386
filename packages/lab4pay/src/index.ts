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
  type Lab4payEnvironment,
  lab4payApiHeaders,
  lab4payClientAuthentication,
  lab4payDefaultEnvironment,
  lab4payEnvironments,
  lab4payTokenMediaType,
  lab4payTokenMethod,
  lab4payTokenPath,
} from "./generated/constants.js";
export type { $defs, components, operations, paths, webhooks } from "./generated/schema.js";
export {
  createLab4payAuth,
  LAB4PAY_DEFAULT_LIFETIME_SECONDS,
  LAB4PAY_DEFAULT_SCOPE,
  type Lab4payAuthOptions,
} from "./lab4pay-auth.js";
export type { Lab4payLocationOptions } from "./lab4pay-base-url.js";
export { createLab4payClient, type Lab4payClientOptions } from "./lab4pay-client.js";
