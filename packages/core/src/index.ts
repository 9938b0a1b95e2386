export { createAuth, type PaytokAuth } from "./auth.js";
export { basicAuthorization } from "./client-authentication.js";
export { type Clock, systemClock } from "./clock.js";
export {
  isPaytokError,
  type OAuthErrorCode,
  PaytokError,
  type PaytokErrorCode,
  type PaytokErrorDetails,
} from "./errors.js";
export type {
  EventBase,
  GrantType,
  PaytokEvent,
  PaytokEventListener,
  PaytokEventType,
  RequestBase,
} from "./events.js";
export { type EndpointLocation, resolveBaseUrl } from "./location.js";
export type { LogLevel, PaytokLogger } from "./log.js";
export { createMemoryTokenStore } from "./memory-store.js";
export {
  type AuthFetch,
  type AuthMiddleware,
  type AuthorizeOptions,
  createAuthFetch,
  createAuthMiddleware,
  type Replayable,
  ReplayableRequest,
} from "./middleware.js";
export type {
  ClientAuthentication,
  ClientCredentials,
  ErrorBodyDescription,
  ProviderDefinition,
  ProviderQuirks,
  TokenEndpointDescriptor,
  TokenGrant,
  TokenRequestInput,
  TokenResponseContext,
} from "./provider.js";
export {
  type AdapterArgument,
  type Credential,
  createProviderAuth,
  type ProviderAdapter,
  type ProviderAuthOptions,
  requireCredential,
  type TokenProvider,
} from "./provider-auth.js";
export { ERROR_BODY_LIMIT_BYTES, TOKEN_RESPONSE_LIMIT_BYTES } from "./read-body.js";
export {
  backoffDelay,
  type ResolvedRetryOptions,
  type RetryOptions,
  resolveRetryOptions,
} from "./retry.js";
export type { Secrets } from "./secrets.js";
export {
  createToken,
  MAX_LIFETIME_SECONDS,
  type NormalizeOptions,
  normalizeTokenResponse,
  parseLifetimeSeconds,
  type Token,
  type TokenFields,
} from "./token.js";
export { formEncode, type TokenClientOptions, tokenClientOptions } from "./token-client.js";
export {
  createTokenManager,
  type GetTokenOptions,
  type TokenManager,
  type TokenManagerOptions,
} from "./token-manager.js";
export {
  type FetchFunction,
  type FleetBackoff,
  requestToken,
  type TokenRequestContext,
} from "./token-request.js";
export { type TokenStore, type TokenStoreLock, tokenCacheKey } from "./token-store.js";
export { assertSecureUrl, isLoopbackHost } from "./url-safety.js";
