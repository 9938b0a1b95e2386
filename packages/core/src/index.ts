export {
  basicAuthorization,
  createAuth,
  type EndpointLocation,
  formEncode,
  type PaytokAuth,
  requireCredential,
  resolveBaseUrl,
  type TokenClientOptions,
  tokenClientOptions,
} from "./auth.js";
export { type Clock, systemClock } from "./clock.js";
export {
  isPaytokError,
  type OAuthErrorCode,
  PaytokError,
  type PaytokErrorCode,
  type PaytokErrorDetails,
} from "./errors.js";
export type { GrantType, PaytokEvent, PaytokEventListener, PaytokEventType } from "./events.js";
export { createMemoryTokenStore } from "./memory-store.js";
export {
  type AuthFetch,
  type AuthMiddleware,
  type AuthorizeOptions,
  createAuthFetch,
  createAuthMiddleware,
} from "./middleware.js";
export type {
  ErrorBodyDescription,
  ProviderDefinition,
  TokenGrant,
  TokenHttpRequest,
  TokenResponseContext,
} from "./provider.js";
export { redact } from "./redact.js";
export { backoffDelay, parseRetryAfter, type RetryOptions, resolveRetryOptions } from "./retry.js";
export {
  createToken,
  MAX_LIFETIME_SECONDS,
  type NormalizeOptions,
  normalizeTokenResponse,
  parseLifetimeSeconds,
  type Token,
  type TokenFields,
} from "./token.js";
export {
  createTokenManager,
  type GetTokenOptions,
  type TokenManager,
  type TokenManagerOptions,
} from "./token-manager.js";
export { type FetchFunction, requestToken } from "./token-request.js";
export { type TokenStore, type TokenStoreLock, tokenCacheKey } from "./token-store.js";
export { assertSecureUrl, isLoopbackHost } from "./url-safety.js";
