export {
  type PaytokAuth,
  basicAuthorization,
  createAuth,
  formEncode,
  requireCredential,
  resolveBaseUrl,
} from "./auth.js";
export { type Clock, systemClock } from "./clock.js";
export {
  type OAuthErrorCode,
  type PaytokErrorCode,
  type PaytokErrorDetails,
  PaytokError,
  isPaytokError,
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
export { type RetryOptions, backoffDelay, parseRetryAfter, resolveRetryOptions } from "./retry.js";
export {
  MAX_LIFETIME_SECONDS,
  type NormalizeOptions,
  type Token,
  type TokenFields,
  createToken,
  normalizeTokenResponse,
  parseLifetimeSeconds,
} from "./token.js";
export {
  type GetTokenOptions,
  type TokenManager,
  type TokenManagerOptions,
  createTokenManager,
} from "./token-manager.js";
export { type FetchFunction, requestToken } from "./token-request.js";
export { type TokenStore, type TokenStoreLock, tokenCacheKey } from "./token-store.js";
export { assertSecureUrl, isLoopbackHost } from "./url-safety.js";
