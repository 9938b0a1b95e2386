import { type Clock, systemClock } from "./clock.js";
import { isPaytokError, PaytokError } from "./errors.js";
import type { PaytokEvent, PaytokEventListener } from "./events.js";
import type { PaytokLogger } from "./log.js";
import { checkOptions } from "./options.js";
import type { ProviderDefinition, TokenGrant } from "./provider.js";
import { backoffCeiling, type RetryOptions, resolveRetryOptions } from "./retry.js";
import { createSecrets, failure } from "./secrets.js";
import type { SharedStore } from "./shared-store.js";
import { createToken, type Token } from "./token.js";
import { createTokenCache } from "./token-cache.js";
import { type FetchFunction, type FleetBackoff, requestToken } from "./token-request.js";
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
  /**
   * Where to log what happens: any object with `debug`, `info`, `warn` and `error` (console,
   * pino, winston). Default: no logging. One line per event: `debug` for requests sent and tokens
   * read from the store, `info` for tokens issued and rotated credentials, `warn` for retries,
   * failed refreshes and store trouble, `error` for a failed token request. Never a secret.
   */
  logger?: PaytokLogger;
  /** Allow plain-HTTP token and API URLs to non-loopback hosts. Default false. */
  allowInsecureHttp?: boolean;
  /**
   * The hosts `middleware` and `fetch` may attach the bearer token for: exact hosts
   * (`api.example.com`) and `*.` suffixes (`*.example.com`, every host below it). A request for
   * any other host fails with `PAYTOK_HOST_NOT_ALLOWED` before anything is sent. Default: any
   * host, except where a provider pins its own (Pay-me: its `audience`'s host).
   */
  allowedHosts?: readonly string[];
  /** Time source. Default `Date.now`. */
  clock?: Clock;
  /** How long a cross-process fetch lock is held at most (store with `lock`). Default 30 000 ms. */
  lockTimeoutMs?: number;
  /**
   * After an API refused a brand-new token with 401, further 401s within this time are handed back
   * without fetching a token for each (`fresh_token_rejected` says so). Default 10 000 ms.
   */
  unauthorizedCooldownMs?: number;
  /** Closes the auth object when it aborts, as `close()` does. */
  signal?: AbortSignal;
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
  /** Reports an event to `onEvent`, through the same redaction as the manager's own events. */
  emit(event: PaytokEvent): void;
  /**
   * Ends every request and wait under way at once, and makes later calls fail with
   * `PAYTOK_CLOSED`. Idempotent.
   */
  close(): Promise<void>;
}

function aborted(packageName: string, reason: unknown) {
  return new PaytokError("PAYTOK_ABORTED", "getToken aborted by the caller", {
    packageName,
    cause: reason,
  });
}

/** Settles like `run()`, or rejects at once when the caller's `signal` aborts. */
function abortable<T>(run: () => Promise<T>, signal: AbortSignal | undefined, packageName: string) {
  if (signal === undefined) return run();
  // Started only for a caller still waiting: an already-aborted one must not leave a request (and
  // its possible rejection) behind with nobody listening.
  if (signal.aborted) return Promise.reject(aborted(packageName, signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted(packageName, signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
    run()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * One provider's tokens: the in-memory cache (fresh, refresh window, single-flight), the token
 * request behind it (refresh grant while it lives, client credentials otherwise), and a shared
 * store, when there is one, between the two. Every error and event leaves through one redactor.
 */
export function createTokenManager(
  definition: ProviderDefinition,
  options: TokenManagerOptions = {},
): TokenManager {
  const { packageName, provider } = definition;
  checkOptions(options as Record<string, unknown>, packageName);
  const clock = options.clock ?? systemClock;
  const retry = resolveRetryOptions(options.retry);
  const store = options.store;
  const listener = options.onEvent;
  const { logger } = options;
  /** The logger's writer, once its module is loaded (only with a logger). */
  let log: ((event: PaytokEvent) => void) | undefined;
  const logging =
    logger === undefined
      ? undefined
      : import("./log.js").then(({ writeLog }) => {
          log = (event) => writeLog(logger, event);
        });
  assertSecureUrl(definition.tokenUrl, {
    allowInsecureHttp: options.allowInsecureHttp ?? false,
    packageName,
    purpose: "the token URL",
  });

  /** The store key: with a client id from a function, made from the first id it returns. */
  const keyFor = (clientId: string) =>
    tokenCacheKey({
      provider,
      tokenUrl: definition.tokenUrl,
      clientId,
      extra: definition.cacheKeyParts,
    });
  const storeKey = async () =>
    keyFor(definition.clientId ?? (await definition.credentials()).clientId);

  /**
   * The one redaction point: every error and event leaving this manager passes here, scrubbed of
   * the credentials and every token seen (on the failure path, loaded on the first failure).
   */
  const secrets = createSecrets(definition.secrets);
  const scrub = async (error: unknown) =>
    isPaytokError(error) ? (await failure()).scrubError(error, secrets.values) : error;
  const deliver = (event: PaytokEvent) => {
    log?.(event);
    try {
      listener?.(event);
    } catch {
      // A logging hook must never break token handling.
    }
  };
  /**
   * Events keep their order: one with an error waits for its scrubbing, and later ones for it (and
   * all of them for the logger's module, while it loads).
   */
  let queued = 0;
  let queue = Promise.resolve();
  const emit = (event: PaytokEvent) => {
    if (listener === undefined && logger === undefined) return;
    if (queued === 0 && !("error" in event) && (logger === undefined || log !== undefined)) {
      return deliver(event);
    }
    queued += 1;
    queue = queue
      .then(async () => {
        if (logging !== undefined) await logging;
        if ("error" in event) await scrub(event.error);
        deliver(event);
      })
      .catch(() => undefined)
      .finally(() => {
        queued -= 1;
      });
  };
  const at = () => clock.now();

  const closing = new AbortController();
  const closed = () =>
    new PaytokError("PAYTOK_CLOSED", "the auth object was closed: create a new one", {
      packageName,
    });
  options.signal?.addEventListener("abort", () => closing.abort(), { once: true });
  if (options.signal?.aborted) closing.abort();

  const request = (grant: TokenGrant, background: boolean) =>
    requestToken(definition, grant, {
      clock,
      timeoutMs: options.timeoutMs ?? 10_000,
      totalTimeoutMs: options.totalTimeoutMs ?? 30_000,
      secrets,
      // A background refresh makes one attempt: the next call after its pause tries again, and
      // an idle process is kept waiting by one attempt at most.
      retry: background ? { ...retry, retries: 0 } : retry,
      emit,
      background,
      signal: closing.signal,
      fleet,
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
        const token = await request({ type: "refresh_token", refreshToken }, background);
        // A refresh answer without a refresh token leaves the one we have in force (RFC 6749
        // §6 lets the server keep it): it is used again while it lives, not a full grant.
        if (token.refreshToken !== undefined) return token;
        return createToken({
          accessToken: token.accessToken,
          expiresAt: token.expiresAt,
          scope: token.scope,
          refreshToken,
          refreshExpiresAt: previous?.refreshExpiresAt,
        });
      } catch (error) {
        // invalid_grant (revoked or expired refresh token) and other definite refusals: start over
        // with client credentials. Transient failures already had their retries: report them.
        if (!isPaytokError(error) || error.retryable || closing.signal.aborted) throw error;
        emit({ type: "refresh_grant_rejected", provider, at: at(), error });
      }
    }
    return request({ type: "client_credentials" }, background);
  };

  const storeError = (cause: unknown) =>
    emit({
      type: "store_error",
      provider,
      at: at(),
      error: isPaytokError(cause)
        ? cause
        : new PaytokError("PAYTOK_STORE_ERROR", "token store failed; continuing without it", {
            packageName,
            retryable: true,
            cause,
          }),
    });

  /** The shared-store protocol, loaded the first time it is needed (only with a store). */
  let shared: Promise<SharedStore> | undefined;
  /** The fleet's backoff, once the protocol is loaded, with a store that keeps one. */
  let fleet: FleetBackoff | undefined;
  const sharedStore = () =>
    (shared ??= Promise.all([import("./shared-store.js"), storeKey()]).then(
      ([{ createSharedStore, createFleetBackoff }, cacheKey]) => {
        fleet = createFleetBackoff({
          store: store as TokenStore,
          cacheKey,
          clock,
          packageName,
          report: storeError,
        });
        return createSharedStore({
          store: store as TokenStore,
          cacheKey,
          clock,
          lockTimeoutMs: options.lockTimeoutMs ?? 30_000,
          packageName,
          provider,
          obtain,
          report: storeError,
          learn: (token) => {
            secrets.add(token.accessToken);
            secrets.add(token.refreshToken);
          },
          emit,
          signal: closing.signal,
        });
      },
    ));

  const cache = createTokenCache({
    clock,
    refreshWindowMs: options.refreshWindowMs ?? 60_000,
    fetch: (previous, background, force) =>
      store === undefined
        ? obtain(previous, background)
        : sharedStore().then((protocol) => protocol.fetch(previous, background, force)),
    pauseAfter: (failures) => backoffCeiling(failures, retry),
    onRefreshFailed: (error, nextAttemptAt) =>
      emit({
        type: "refresh_failed",
        provider,
        at: at(),
        nextAttemptAt,
        error: isPaytokError(error)
          ? error
          : new PaytokError("PAYTOK_TOKEN_REQUEST_FAILED", "background refresh failed", {
              packageName,
              cause: error,
            }),
      }),
  });

  const usableToken = () => {
    if (closing.signal.aborted) return undefined;
    const token = cache.usable();
    if (token !== undefined && listener !== undefined) {
      emit({ type: "token_served", provider, at: at(), source: "cache", waitedMs: 0 });
    }
    return token;
  };

  return {
    emit,
    peek: cache.peek,
    usableToken,
    getToken(getOptions) {
      if (closing.signal.aborted) return Promise.reject(closed());
      const force = getOptions?.forceRefresh === true;
      const token = force ? undefined : usableToken();
      if (token !== undefined) return Promise.resolve(token);
      const waitFrom = listener === undefined ? 0 : at();
      // A caller hears of its token, or of its failure, after every event of it was delivered.
      return abortable(() => cache.fetch(force), getOptions?.signal, packageName).then(
        async (fetched) => {
          if (listener !== undefined) {
            const now = at();
            emit({
              type: "token_served",
              provider,
              at: now,
              source: "fetch",
              waitedMs: now - waitFrom,
            });
          }
          await queue;
          return fetched;
        },
        async (error: unknown) => {
          const clean = closing.signal.aborted ? closed() : await scrub(error);
          await queue;
          throw clean;
        },
      );
    },
    async invalidate(token, reason = "invalidate") {
      const accessToken = typeof token === "string" ? token : token?.accessToken;
      if (cache.drop(accessToken)) {
        emit({ type: "token_invalidated", provider, at: at(), reason });
      }
      if (store !== undefined) await (await sharedStore()).invalidate(accessToken);
    },
    async close() {
      closing.abort();
    },
  };
}
