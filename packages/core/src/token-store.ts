import type { Token } from "./token.js";

/** A held cross-process lock; release it once the fetched token is stored. */
export interface TokenStoreLock {
  release(): Promise<void>;
}

/**
 * Where tokens live between calls. The in-process cache of the token manager always comes first;
 * a store is consulted when that cache is empty or stale, so a shared store (Redis) lets many
 * processes use one token. Implementations must never persist anything but the token itself.
 */
export interface TokenStore {
  get(key: string): Promise<Token | undefined>;
  /** `ttlMs` is the token's remaining life; the store may drop it after that. */
  set(key: string, token: Token, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Optional cross-process lock for single-flight across processes. Resolves to a lock when this
   * caller won it, `undefined` when another holder has it; it expires by itself after `ttlMs`.
   */
  lock?(key: string, ttlMs: number): Promise<TokenStoreLock | undefined>;
  /**
   * Optional, for fleet-wide backoff (both or neither): records that token requests for `key` must
   * wait until `untilMs` (epoch ms), because one process was told to wait (`Retry-After`) or kept
   * failing; the record may be dropped after that time. Every process reads it before a token
   * request and waits it out instead of hitting the endpoint itself.
   */
  setBackoff?(key: string, untilMs: number): Promise<void>;
  /** The time `setBackoff` recorded for `key`, if any (a past one counts as none). */
  getBackoff?(key: string): Promise<number | undefined>;
}

/**
 * The cache key of a token: provider, token URL, client id and whatever else makes tokens differ
 * (scope, audience). Never the secret.
 */
export function tokenCacheKey(parts: {
  provider: string;
  tokenUrl: string;
  clientId: string;
  extra?: readonly string[] | undefined;
}): string {
  return ["paytok", "v1", parts.provider, parts.tokenUrl, parts.clientId, ...(parts.extra ?? [])]
    .map((part) => encodeURIComponent(part))
    .join(":");
}
