// The shared-store protocol: read a token another process stored, one lock holder fetches while the
// others wait for its token, write the new one back, compare-and-delete on invalidate. Loaded only
// by an auth object that has a `store`: the default path never carries it.
import type { Clock } from "./clock.js";
import { PaytokError } from "./errors.js";
import type { PaytokEvent } from "./events.js";
import { backoffCeiling, sleep } from "./retry.js";
import { createToken, MAX_LIFETIME_SECONDS, type Token } from "./token.js";
import type { FleetBackoff } from "./token-request.js";
import type { TokenStore, TokenStoreLock } from "./token-store.js";

/**
 * Longest fleet-wide backoff recorded or honoured: a later time read from the store is taken for
 * a planted or corrupt value (reported) rather than stopping the fleet.
 */
const MAX_FLEET_BACKOFF_MS = 5 * 60_000;

/** Longest pause between two looks at the store while another process fetches. */
const LOCK_POLL_MS = 250;

/** Visible ASCII only: what an `Authorization` header can carry unchanged. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * Checks a token read from a store the way a network answer is checked: header-safe strings,
 * finite times, and an expiry within the lifetime cap. Returns a fresh {@link Token} (so its
 * secrets stay hidden whatever the store handed back), or what is wrong, without its content.
 */
export function checkStoredToken(value: unknown, now: number): Token | string {
  if (typeof value !== "object" || value === null) return "a value that is not a token";
  const { accessToken, expiresAt, scope, refreshToken, refreshExpiresAt } = value as Record<
    string,
    unknown
  >;
  if (typeof accessToken !== "string" || !HEADER_SAFE.test(accessToken)) {
    return "a token whose access token is missing or has characters not allowed in an HTTP header";
  }
  const latest = now + MAX_LIFETIME_SECONDS * 1000;
  const isTime = (time: unknown) =>
    typeof time === "number" && Number.isFinite(time) && time <= latest;
  if (!isTime(expiresAt)) return "a token whose expiry is not a time within the one-year cap";
  if (
    refreshToken !== undefined &&
    (typeof refreshToken !== "string" || /\p{Cc}/u.test(refreshToken))
  ) {
    return "a token whose refresh token is not a string or has control characters";
  }
  if (refreshExpiresAt !== undefined && !isTime(refreshExpiresAt)) {
    return "a token whose refresh expiry is not a time within the one-year cap";
  }
  if (scope !== undefined && typeof scope !== "string")
    return "a token whose scope is not a string";
  return createToken({
    accessToken,
    expiresAt: expiresAt as number,
    scope,
    refreshToken,
    refreshExpiresAt: refreshExpiresAt as number | undefined,
  });
}

export interface SharedStoreContext {
  store: TokenStore;
  cacheKey: string;
  clock: Clock;
  lockTimeoutMs: number;
  packageName: string;
  provider: string;
  /** A new token from the network (refresh grant or client credentials). */
  obtain(previous: Token | undefined, background: boolean): Promise<Token>;
  /** A store failure or an unusable stored value, reported as `store_error`. */
  report(cause: unknown): void;
  /** A token read from the store: its secrets join the redactor's. */
  learn(token: Token): void;
  emit(event: PaytokEvent): void;
  /** Aborts when the auth object closes: no wait outlives it. */
  signal: AbortSignal;
}

export function createSharedStore(context: SharedStoreContext) {
  const { store, cacheKey, clock, packageName } = context;

  /** A usable stored token, or none; `failed` tells a store error from a plain miss. */
  const read = async (): Promise<{ token: Token | undefined; failed: boolean }> => {
    let stored: unknown;
    try {
      stored = await store.get(cacheKey);
    } catch (cause) {
      context.report(cause);
      return { token: undefined, failed: true };
    }
    if (stored === undefined || stored === null) return { token: undefined, failed: false };
    // Anyone who can write to the store can plant a value: it is checked like a network answer.
    const checked = checkStoredToken(stored, clock.now());
    if (typeof checked === "string") {
      context.report(
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
    context.learn(checked);
    return { token: checked.expiresAt > clock.now() ? checked : undefined, failed: false };
  };

  const obtainAndStore = async (previous: Token | undefined, background: boolean) => {
    const token = await context.obtain(previous, background);
    try {
      await store.set(cacheKey, token, token.expiresAt - clock.now());
    } catch (cause) {
      context.report(cause);
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
    if (store.lock === undefined) return obtainAndStore(previous, background);
    // One poll more than the lock lives: a lock taken before we looked has expired by then, and
    // one of the waiters has taken it over.
    const giveUpAt = clock.now() + context.lockTimeoutMs + LOCK_POLL_MS;
    const isNew = (token: Token | undefined) =>
      token !== undefined && token.accessToken !== previous?.accessToken;
    for (let pause = 10; ; pause = Math.min(pause * 2, LOCK_POLL_MS)) {
      let lock: TokenStoreLock | undefined;
      try {
        lock = await store.lock(`${cacheKey}:lock`, context.lockTimeoutMs);
      } catch (cause) {
        context.report(cause);
        break;
      }
      if (lock !== undefined) {
        try {
          const { token } = await read();
          return isNew(token) ? (token as Token) : await obtainAndStore(previous, background);
        } finally {
          await lock.release().catch(context.report);
        }
      }
      const left = giveUpAt - clock.now();
      if (left <= 0) break;
      await sleep(Math.min(pause, left), context.signal);
      const { token, failed } = await read();
      if (isNew(token)) return token as Token;
      if (failed) break;
    }
    return obtainAndStore(previous, background);
  };

  return {
    /** A stored token first (when there is none in memory), else a shared fetch. */
    async fetch(previous: Token | undefined, background: boolean, force: boolean): Promise<Token> {
      if (previous === undefined && !force) {
        const { token } = await read();
        if (token !== undefined) {
          context.emit({ type: "token_from_store", provider: context.provider, at: clock.now() });
          return token;
        }
      }
      return obtainShared(previous, background);
    },

    /** Deletes the stored token, but only if it is `accessToken` (any with none). */
    async invalidate(accessToken: string | undefined): Promise<void> {
      try {
        const stored = await store.get(cacheKey);
        if (
          stored !== undefined &&
          (accessToken === undefined || stored.accessToken === accessToken)
        ) {
          await store.delete(cacheKey);
        }
      } catch (cause) {
        context.report(cause);
      }
    },
  };
}

export type SharedStore = ReturnType<typeof createSharedStore>;

/**
 * Fleet-wide backoff through a store that has `setBackoff`/`getBackoff`: what one process is told
 * to wait (or learns by failing again and again), every process waits out. Store failures only
 * mean no fleet-wide backoff (reported as `store_error`), never a failed token request.
 */
export function createFleetBackoff(context: {
  store: TokenStore;
  cacheKey: string;
  clock: Clock;
  packageName: string;
  report(cause: unknown): void;
}): FleetBackoff | undefined {
  const { store, clock } = context;
  const { setBackoff, getBackoff } = store;
  if (setBackoff === undefined || getBackoff === undefined) return undefined;
  const key = `${context.cacheKey}:backoff`;
  /** The latest time recorded by this process: never shortened by a later, shorter wait. */
  let recorded = 0;
  const until = async (): Promise<number | undefined> => {
    try {
      const value = await getBackoff.call(store, key);
      const now = clock.now();
      if (typeof value !== "number" || !Number.isFinite(value) || value <= now) return undefined;
      if (value - now > MAX_FLEET_BACKOFF_MS) {
        context.report(
          new PaytokError(
            "PAYTOK_STORE_ERROR",
            `the store holds a backoff over ${MAX_FLEET_BACKOFF_MS / 60_000} minutes ahead; it is ignored`,
            { packageName: context.packageName },
          ),
        );
        return undefined;
      }
      return value;
    } catch (cause) {
      context.report(cause);
      return undefined;
    }
  };
  const record = (wanted: number) => {
    const untilMs = Math.min(wanted, clock.now() + MAX_FLEET_BACKOFF_MS);
    if (untilMs <= recorded || untilMs <= clock.now()) return;
    recorded = untilMs;
    setBackoff.call(store, key, untilMs).catch(context.report);
  };
  return {
    async waitBefore(definition, grant, request, deadline) {
      const waitUntil = await until();
      const now = clock.now();
      if (waitUntil === undefined) return 0;
      const waitMs = waitUntil - now;
      const base = {
        provider: definition.provider,
        grant: grant.type,
        requestId: request.requestId ?? 0,
        at: now,
      } as const;
      // A background refresh does not wait (the token in hand is served, and callers must not
      // join a request that is asleep): it fails, and the next one comes after the backoff.
      if (request.background || waitUntil >= deadline || waitMs > request.retry.maxRetryAfterMs) {
        const error = new PaytokError(
          "PAYTOK_FLEET_BACKOFF",
          `the token endpoint asked the fleet to wait ${Math.ceil(waitMs / 1000)} s more, beyond this request's limits (totalTimeoutMs, retry.maxRetryAfterMs)`,
          { packageName: definition.packageName, retryable: true, retryAfterMs: waitMs },
        );
        request.emit({ type: "token_request_failed", ...base, error });
        throw error;
      }
      request.emit({ type: "fleet_backoff", ...base, waitMs });
      return waitMs;
    },
    afterFailure(error, attemptNumber, nextDelayMs, retry) {
      // What the endpoint said goes to the fleet; so does a retry that failed again, and when this
      // process gives up after its retries, the others pause as long as its next step would.
      if (error.retryAfterMs !== undefined) record(clock.now() + error.retryAfterMs);
      else if (attemptNumber > 0) {
        record(clock.now() + (nextDelayMs ?? backoffCeiling(attemptNumber + 1, retry)));
      }
    },
  };
}
