import { type Clock, systemClock } from "./clock.js";
import { isPaytokError, PaytokError, scrubError } from "./errors.js";
import type { PaytokEvent, PaytokEventListener } from "./events.js";
import type { ProviderDefinition, TokenGrant } from "./provider.js";
import { createRedactor } from "./redact.js";
import { type RetryOptions, resolveRetryOptions, sleep } from "./retry.js";
import { checkStoredToken, type Token } from "./token.js";
import { type FetchFunction, requestToken } from "./token-request.js";
import { type TokenStore, tokenCacheKey } from "./token-store.js";
import { assertSecureUrl } from "./url-safety.js";

/** The knobs every provider package accepts; each has a default. */
export interface TokenManagerOptions {
  /** fetch used for token requests and by `auth.fetch`. Default: `globalThis.fetch`, read at call time. */
  fetch?: FetchFunction;
  /** Shared token store (e.g. Redis). Default: none, the token lives in this auth object only. */
  store?: TokenStore;
  /**
   * How long before expiry a token is refreshed in the background while still being served.
   * Default 60 000 ms; never more than half the token's lifetime.
   */
  refreshWindowMs?: number;
  /** Limit of one token request attempt, reading the body included. Default 10 000 ms. */
  timeoutMs?: number;
  /**
   * Limit of one token request with all its retries and their waits (Retry-After included): a
   * caller never waits longer than this for a token. Default 30 000 ms.
   */
  totalTimeoutMs?: number;
  /** Retry policy of token requests, or `false` for none. */
  retry?: RetryOptions | false;
  /** Receives every {@link PaytokEvent}; exceptions it throws are ignored. */
  onEvent?: PaytokEventListener;
  /** Allow plain-HTTP token and API URLs to non-loopback hosts. Default false. */
  allowInsecureHttp?: boolean;
  /** Time source. Default `Date.now`. */
  clock?: Clock;
  /** How long a cross-process fetch lock is held at most (store with `lock`). Default 30 000 ms. */
  lockTimeoutMs?: number;
  /**
   * After an API refused a brand-new token with 401, further 401s within this time are handed back
   * without fetching a token for each (`fresh_token_rejected` says so). Default 10 000 ms.
   */
  unauthorizedCooldownMs?: number;
}

export interface GetTokenOptions {
  /** Skip the cache and get a new token (joins a request already under way). */
  forceRefresh?: boolean;
  /** Stops this caller's wait; a request shared with other callers goes on for them. */
  signal?: AbortSignal;
}

export interface TokenManager {
  getToken(options?: GetTokenOptions): Promise<Token>;
  /**
   * Drops the cached token, but only if it is the given one (a Token or its access token string):
   * 100 parallel 401s with one stale token lead to one new token. No argument drops any token.
   * `reason` goes into the `token_invalidated` event (the middleware says `unauthorized`).
   */
  invalidate(token?: Token | string, reason?: "invalidate" | "unauthorized"): Promise<void>;
  /** The cached token if there is one, with no I/O; `undefined` otherwise. */
  peek(): Token | undefined;
  /**
   * The cached token when it can be used right now, synchronously, exactly as `getToken()` would
   * return it (inside the refresh window this starts the background refresh); `undefined` when
   * the caller has to wait for a request. The middleware's hot path uses it to avoid a promise.
   */
  usableToken(): Token | undefined;
  /** The store key of this manager's token (never contains the secret). */
  readonly cacheKey: string;
  /** Reports an event to `onEvent`, through the same redaction as the manager's own events. */
  emit(event: PaytokEvent): void;
}

/** Longest pause between two looks at a shared store while another process fetches. */
const LOCK_POLL_MS = 250;

function abortable<T>(run: () => Promise<T>, signal: AbortSignal | undefined, packageName: string) {
  if (signal === undefined) return run();
  if (signal.aborted) {
    return Promise.reject(
      new PaytokError("PAYTOK_ABORTED", "getToken aborted by the caller", {
        packageName,
        cause: signal.reason,
      }),
    );
  }
  // Started only for a caller still waiting: an already-aborted one must not leave a request (and
  // its possible rejection) behind with nobody listening.
  const promise = run();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(
        new PaytokError("PAYTOK_ABORTED", "getToken aborted by the caller", {
          packageName,
          cause: signal.reason,
        }),
      );
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Caches one provider's token: fresh tokens come back with no I/O, tokens inside the refresh
 * window come back at once while one background refresh runs, and expired or absent tokens make
 * every caller wait on one shared request. No timer outlives a call.
 */
export function createTokenManager(
  definition: ProviderDefinition,
  options: TokenManagerOptions = {},
): TokenManager {
  const { packageName, provider } = definition;
  const clock = options.clock ?? systemClock;
  const retry = resolveRetryOptions(options.retry);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const totalTimeoutMs = options.totalTimeoutMs ?? 30_000;
  const refreshWindowMs = options.refreshWindowMs ?? 60_000;
  const lockTimeoutMs = options.lockTimeoutMs ?? 30_000;
  const store = options.store;
  const listener = options.onEvent;

  if (!Number.isFinite(refreshWindowMs) || refreshWindowMs < 0) {
    throw new PaytokError("PAYTOK_CONFIGURATION", "refreshWindowMs must be a number ≥ 0", {
      packageName,
    });
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new PaytokError("PAYTOK_CONFIGURATION", "timeoutMs must be a number > 0", {
      packageName,
    });
  }
  if (!Number.isFinite(totalTimeoutMs) || totalTimeoutMs <= 0) {
    throw new PaytokError("PAYTOK_CONFIGURATION", "totalTimeoutMs must be a number > 0", {
      packageName,
    });
  }
  if (!Number.isInteger(retry.retries) || retry.retries < 0) {
    throw new PaytokError("PAYTOK_CONFIGURATION", "retry.retries must be a whole number ≥ 0", {
      packageName,
    });
  }
  assertSecureUrl(definition.tokenUrl, {
    allowInsecureHttp: options.allowInsecureHttp ?? false,
    packageName,
    purpose: "the token URL",
  });

  const cacheKey = tokenCacheKey({
    provider,
    tokenUrl: definition.tokenUrl,
    clientId: definition.clientId,
    extra: definition.cacheKeyParts,
  });

  let current: Token | undefined;
  /** When `current` enters its refresh window. */
  let currentRefreshAt = 0;
  let inflight: Promise<Token> | undefined;
  let backgroundFailures = 0;
  let nextBackgroundAttemptAt = 0;

  /** The one redaction point: every error and event leaving this manager passes here. */
  const redactor = createRedactor(definition.secrets);
  const scrub = <T>(error: T): T =>
    isPaytokError(error) ? (scrubError(error, redactor.text) as T) : error;

  const emit = (event: PaytokEvent) => {
    if (listener === undefined) return;
    if ("error" in event) scrub(event.error);
    try {
      listener(event);
    } catch {
      // A logging hook must never break token handling.
    }
  };

  const adopt = (token: Token) => {
    const lifetime = token.expiresAt - clock.now();
    const window = Math.max(0, Math.min(refreshWindowMs, lifetime / 2));
    current = token;
    currentRefreshAt = token.expiresAt - window;
  };

  const storeError = (cause: unknown) => {
    emit({
      type: "store_error",
      provider,
      at: clock.now(),
      error: isPaytokError(cause)
        ? cause
        : new PaytokError("PAYTOK_STORE_ERROR", "token store failed; continuing without it", {
            packageName,
            retryable: true,
            cause,
          }),
    });
  };

  /** A usable stored token, or none; `failed` tells a store error from a plain miss. */
  const readStoreOutcome = async (): Promise<{ token: Token | undefined; failed: boolean }> => {
    if (store === undefined) return { token: undefined, failed: false };
    let stored: unknown;
    try {
      stored = await store.get(cacheKey);
    } catch (cause) {
      storeError(cause);
      return { token: undefined, failed: true };
    }
    if (stored === undefined || stored === null) return { token: undefined, failed: false };
    // Anyone who can write to the store can plant a value: it is checked like a network answer.
    const checked = checkStoredToken(stored, clock.now());
    if (typeof checked === "string") {
      storeError(
        new PaytokError(
          "PAYTOK_STORE_ERROR",
          `the store returned ${checked}; it is treated as absent`,
          {
            packageName,
          },
        ),
      );
      return { token: undefined, failed: false };
    }
    redactor.add(checked.accessToken);
    redactor.add(checked.refreshToken);
    return { token: checked.expiresAt > clock.now() ? checked : undefined, failed: false };
  };

  const readStore = async (): Promise<Token | undefined> => (await readStoreOutcome()).token;

  const request = (grant: TokenGrant, background: boolean, signal?: AbortSignal) =>
    requestToken(definition, grant, {
      clock,
      timeoutMs,
      totalTimeoutMs,
      redactor,
      retry,
      emit,
      background,
      signal,
    });

  /** Refresh grant while the refresh token lives; client credentials otherwise or on rejection. */
  const obtain = async (previous: Token | undefined, background: boolean): Promise<Token> => {
    const refreshToken = previous?.refreshToken;
    if (
      definition.supportsRefreshGrant &&
      refreshToken !== undefined &&
      (previous?.refreshExpiresAt === undefined || previous.refreshExpiresAt > clock.now())
    ) {
      try {
        return await request({ type: "refresh_token", refreshToken }, background);
      } catch (error) {
        // invalid_grant (revoked or expired refresh token) and other definite refusals: start over
        // with client credentials. Transient failures already had their retries: report them.
        if (!isPaytokError(error) || error.retryable) throw error;
        emit({ type: "refresh_grant_rejected", provider, at: clock.now(), error });
      }
    }
    return request({ type: "client_credentials" }, background);
  };

  const obtainAndStore = async (previous: Token | undefined, background: boolean) => {
    const token = await obtain(previous, background);
    if (store !== undefined) {
      try {
        await store.set(cacheKey, token, token.expiresAt - clock.now());
      } catch (cause) {
        storeError(cause);
      }
    }
    return token;
  };

  /**
   * Cross-process single-flight: one lock holder fetches, the others wait for its token and keep
   * trying the lock, so one of them takes over from a holder that died once its lock expired. No
   * caller waits longer than `lockTimeoutMs` and one poll (a lock planted without an expiry
   * included), nor on a store that fails: then it fetches for itself.
   */
  const obtainShared = async (previous: Token | undefined, background: boolean) => {
    if (store?.lock === undefined) return obtainAndStore(previous, background);
    // One poll more than the lock lives: a lock taken before we looked has expired by then, and
    // one of the waiters has taken it over.
    const giveUpAt = clock.now() + lockTimeoutMs + LOCK_POLL_MS;
    for (let pause = 10; ; pause = Math.min(pause * 2, LOCK_POLL_MS)) {
      let lock: Awaited<ReturnType<NonNullable<TokenStore["lock"]>>>;
      try {
        lock = await store.lock(`${cacheKey}:lock`, lockTimeoutMs);
      } catch (cause) {
        storeError(cause);
        break;
      }
      if (lock !== undefined) {
        try {
          const stored = await readStore();
          if (stored !== undefined && stored.accessToken !== previous?.accessToken) return stored;
          return await obtainAndStore(previous, background);
        } finally {
          await lock.release().catch(storeError);
        }
      }
      const left = giveUpAt - clock.now();
      if (left <= 0) break;
      await sleep(Math.min(pause, left));
      const { token, failed } = await readStoreOutcome();
      if (token !== undefined && token.accessToken !== previous?.accessToken) return token;
      if (failed) break;
    }
    return obtainAndStore(previous, background);
  };

  const start = (background: boolean, force: boolean): Promise<Token> => {
    const previous = current;
    const promise = (async () => {
      if (previous === undefined && !force) {
        const stored = await readStore();
        if (stored !== undefined) {
          emit({ type: "token_from_store", provider, at: clock.now() });
          return stored;
        }
      }
      return obtainShared(previous, background);
    })();
    const tracked = promise.then(
      (token) => {
        if (inflight === tracked) inflight = undefined;
        adopt(token);
        backgroundFailures = 0;
        nextBackgroundAttemptAt = 0;
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
    const now = clock.now();
    if (inflight !== undefined || now < nextBackgroundAttemptAt) return;
    start(true, false).catch((error: unknown) => {
      backgroundFailures += 1;
      const delay = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** backgroundFailures);
      nextBackgroundAttemptAt = clock.now() + delay;
      emit({
        type: "refresh_failed",
        provider,
        at: clock.now(),
        nextAttemptAt: nextBackgroundAttemptAt,
        error: isPaytokError(error)
          ? error
          : new PaytokError("PAYTOK_TOKEN_REQUEST_FAILED", "background refresh failed", {
              packageName,
              cause: error,
            }),
      });
    });
  };

  /** The cached token when it can be used now; starts the background refresh inside the window. */
  const usableToken = (): Token | undefined => {
    if (current === undefined) return undefined;
    const now = clock.now();
    if (now < currentRefreshAt) return current;
    if (now < current.expiresAt) {
      refreshInBackground();
      return current;
    }
    return undefined;
  };

  const getToken = (getOptions?: GetTokenOptions): Promise<Token> => {
    if (getOptions?.forceRefresh !== true) {
      const token = usableToken();
      if (token !== undefined) return Promise.resolve(token);
    }
    const force = getOptions?.forceRefresh === true;
    return abortable(() => inflight ?? start(false, force), getOptions?.signal, packageName).catch(
      (error: unknown) => {
        throw scrub(error);
      },
    );
  };

  return {
    cacheKey,
    emit,
    getToken,
    peek: () => current,
    usableToken,
    async invalidate(token, reason = "invalidate") {
      const accessToken = typeof token === "string" ? token : token?.accessToken;
      if (
        current !== undefined &&
        (accessToken === undefined || current.accessToken === accessToken)
      ) {
        current = undefined;
        currentRefreshAt = 0;
        emit({ type: "token_invalidated", provider, at: clock.now(), reason });
      }
      if (store === undefined) return;
      try {
        const stored = await store.get(cacheKey);
        if (
          stored !== undefined &&
          (accessToken === undefined || stored.accessToken === accessToken)
        ) {
          await store.delete(cacheKey);
        }
      } catch (cause) {
        storeError(cause);
      }
    },
  };
}
