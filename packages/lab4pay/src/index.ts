import { lab4payTokenEndpoint } from "./generated/token-endpoint.js";

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
  createLab4payClient,
  type Lab4payClientOptions,
  type Lab4payEnvironment,
  type Lab4payLocationOptions,
  type Lab4payTokenRequestValues,
  lab4payApiHeaders,
  lab4payClientAuthentication,
  lab4payDefaultEnvironment,
  lab4payEnvironments,
  lab4payTokenEndpoint,
  lab4payTokenLifetimeSeconds,
  lab4payTokenMediaType,
  lab4payTokenMethod,
  lab4payTokenPath,
} from "./generated/token-endpoint.js";
export { createLab4payAuth, type Lab4payAuthOptions } from "./lab4pay-auth.js";

/** Lifetime assumed when a response has no `expires_in` (the spec's, an assumption). */
export const LAB4PAY_DEFAULT_LIFETIME_SECONDS = lab4payTokenEndpoint.lifetimeSeconds;

/** The documented default of the response's `scope`. */
export const LAB4PAY_DEFAULT_SCOPE = lab4payTokenEndpoint.responseDefaults.scope;
