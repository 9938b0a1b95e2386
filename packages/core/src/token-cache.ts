import type { Clock } from "./clock.js";
import type { Token } from "./token.js";

export interface TokenCacheOptions {
  clock: Clock;
  /** How long before expiry a token is refreshed in the background; at most half its life. */
  refreshWindowMs: number;
  /** Gets a new token for `previous` (the token it replaces, if any). */
  fetch(previous: Token | undefined, background: boolean, force: boolean): Promise<Token>;
  /** How long to wait after the n-th background failure in a row. */
  pauseAfter(failures: number): number;
  /** A background refresh failed: the cached token is served until then. */
  onRefreshFailed(error: unknown, nextAttemptAt: number): void;
}

/**
 * One provider's token in memory, in the manner of smithy's `memoize`: a fresh token is returned
 * with no I/O; inside the refresh window it is returned at once while one background refresh runs;
 * expired or absent, every caller waits on one shared request (single-flight). A failure is never
 * cached; a failed background refresh keeps the token until it expires and pauses before the next.
 */
export function createTokenCache(options: TokenCacheOptions) {
  const { clock } = options;
  let current: Token | undefined;
  /** When `current` enters its refresh window. */
  let refreshAt = 0;
  let inflight: Promise<Token> | undefined;
  let failures = 0;
  let nextBackgroundAt = 0;

  const adopt = (token: Token) => {
    const lifetime = token.expiresAt - clock.now();
    current = token;
    refreshAt = token.expiresAt - Math.max(0, Math.min(options.refreshWindowMs, lifetime / 2));
  };

  const start = (background: boolean, force: boolean): Promise<Token> => {
    const tracked: Promise<Token> = options.fetch(current, background, force).then(
      (token) => {
        if (inflight === tracked) inflight = undefined;
        adopt(token);
        failures = 0;
        nextBackgroundAt = 0;
        return token;
      },
      (error: unknown) => {
        if (inflight === tracked) inflight = undefined;
        throw error;
      },
    );
    inflight = tracked;
    return tracked;
  };

  const refreshInBackground = () => {
    if (inflight !== undefined || clock.now() < nextBackgroundAt) return;
    start(true, false).catch((error: unknown) => {
      failures += 1;
      // Not before the endpoint (or the fleet) said to try again.
      const retryAfterMs = (error as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
      nextBackgroundAt =
        clock.now() +
        Math.max(options.pauseAfter(failures), typeof retryAfterMs === "number" ? retryAfterMs : 0);
      options.onRefreshFailed(error, nextBackgroundAt);
    });
  };

  return {
    peek: () => current,
    /** The cached token when it can be used now; starts the background refresh in the window. */
    usable(): Token | undefined {
      if (current === undefined) return undefined;
      const now = clock.now();
      if (now < refreshAt) return current;
      if (now >= current.expiresAt) return undefined;
      refreshInBackground();
      return current;
    },
    /** The request under way, or a new one: `force` skips what a shared store holds. */
    fetch: (force: boolean) => inflight ?? start(false, force),
    /** Drops the cached token if it is `accessToken` (any with none); whether it dropped one. */
    drop(accessToken: string | undefined): boolean {
      if (
        current === undefined ||
        (accessToken !== undefined && current.accessToken !== accessToken)
      ) {
        return false;
      }
      current = undefined;
      refreshAt = 0;
      return true;
    },
  };
}

export type TokenCache = ReturnType<typeof createTokenCache>;
