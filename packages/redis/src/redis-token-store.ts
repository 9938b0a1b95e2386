import { PaytokError, type Token, type TokenStore, type TokenStoreLock } from "@paytok/core";
import { type EncryptionKey, prepareEncryptionKey } from "./encryption-key.js";
import { OperationTimeout, withTimeout } from "./operation-timeout.js";
import { createRedisAdapter, type RedisClientLike } from "./redis-adapter.js";
import { type DecodeResult, decodeToken, encodeToken } from "./token-codec.js";

const packageName = "@paytok/redis";

/** Longest TTL ever sent to Redis; core clamps token lifetimes to a year already. */
const MAX_TTL_MS = 366 * 24 * 60 * 60 * 1000;

export interface RedisTokenStoreOptions {
  /** An ioredis client, a connected node-redis v4–v6 client, or a {@link RedisAdapter}. */
  client: RedisClientLike;
  /** Put before every key this store writes, e.g. `"billing:"`. Default `""`. */
  keyPrefix?: string;
  /**
   * Encrypts stored tokens with AES-GCM (Web Crypto) under this key: a `CryptoKey`, 16 or 32 raw
   * bytes, or those bytes in base64. Every process of the fleet needs the same key. Default: none.
   */
  encryptionKey?: EncryptionKey;
  /** Time limit of each Redis call; a slower call counts as a failure. Default 250 ms. */
  operationTimeoutMs?: number;
  /** After a failed call, Redis is skipped for this long before it is tried again. Default 1 000 ms. */
  retryIntervalMs?: number;
  /**
   * Told about every Redis failure and every stored value it cannot read; exceptions it throws are
   * ignored. Token handling goes on in-process either way.
   */
  onError?: (error: PaytokError) => void;
}

/** A {@link TokenStore} kept in Redis, with the cross-process fetch lock and fleet backoff. */
export interface RedisTokenStore extends TokenStore {
  lock(key: string, ttlMs: number): Promise<TokenStoreLock | undefined>;
  setBackoff(key: string, untilMs: number): Promise<void>;
  getBackoff(key: string): Promise<number | undefined>;
  /** Stops listening to the client's connection events. The client stays open: it is yours. */
  dispose(): void;
}

function configurationError(message: string): PaytokError {
  return new PaytokError("PAYTOK_CONFIGURATION", message, { packageName });
}

function failure(operation: string, cause: unknown): PaytokError {
  if (cause instanceof OperationTimeout) {
    return new PaytokError("PAYTOK_TIMEOUT", `Redis ${operation} timed out (${cause.message})`, {
      packageName,
      retryable: true,
      cause,
    });
  }
  // The client's error is not attached as `cause`: ioredis hangs the failed command, arguments
  // and so the token included, on its errors. Its message is only Redis's or the socket's words.
  const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return new PaytokError(
    "PAYTOK_NETWORK_ERROR",
    `Redis ${operation} failed (${reason.slice(0, 160)})`,
    { packageName, retryable: true },
  );
}

const unreadableReasons: Partial<Record<DecodeResult["kind"], string>> = {
  malformed: "a stored token value is malformed; it is treated as absent",
  "encrypted-without-key": "a stored token is encrypted but no encryptionKey was given",
  "plain-with-key": "a stored token is not encrypted although an encryptionKey was given",
  undecryptable: "a stored token does not decrypt with the given encryptionKey",
};

function positiveNumber(value: unknown, name: string, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value < 0 ||
    (!allowZero && value === 0)
  ) {
    throw configurationError(`${name} must be a number ${allowZero ? "≥" : ">"} 0`);
  }
  return value;
}

/**
 * A token store in Redis for `@paytok/core`: tokens live under `keyPrefix + key` with a TTL equal
 * to their remaining life, the fetch lock is `SET key owner NX PX` released by compare-and-delete,
 * and every call is bounded by `operationTimeoutMs`. When Redis fails, calls reject fast for
 * `retryIntervalMs` so the token manager carries on in-process; when it is back, tokens this
 * process knows are written again (only where absent), so a restarted empty Redis is shared at once.
 */
export function createRedisTokenStore(options: RedisTokenStoreOptions): RedisTokenStore {
  if (typeof options !== "object" || options === null) {
    throw configurationError("createRedisTokenStore needs an options object with a client");
  }
  const adapter = createRedisAdapter(options.client);
  const keyPrefix = options.keyPrefix ?? "";
  if (typeof keyPrefix !== "string") throw configurationError("keyPrefix must be a string");
  const timeoutMs = positiveNumber(options.operationTimeoutMs, "operationTimeoutMs", 250);
  const retryIntervalMs = positiveNumber(options.retryIntervalMs, "retryIntervalMs", 1_000, true);
  const loadKey =
    options.encryptionKey === undefined ? undefined : prepareEncryptionKey(options.encryptionKey);
  const cryptoKey = async () => (loadKey === undefined ? undefined : loadKey());
  const { onError } = options;

  /** Redis is skipped until then. */
  let skipUntil = 0;
  let healthy = true;
  let republishing = false;
  let lastUnreadableValue: string | undefined;
  /** The newest token this process wrote or read, per key: written again after an outage. */
  const known = new Map<string, Token>();

  const report = (error: PaytokError) => {
    if (onError === undefined) return;
    try {
      onError(error);
    } catch {
      // A logging hook must never break token handling.
    }
  };

  const markDown = () => {
    skipUntil = Date.now() + retryIntervalMs;
    healthy = false;
  };

  /** Redis lost what it held if it restarted; put back what we know, never over a newer value. */
  const republish = async () => {
    if (republishing || known.size === 0) return;
    republishing = true;
    try {
      for (const [key, token] of known) {
        const remaining = token.expiresAt - Date.now();
        if (remaining <= 0) {
          known.delete(key);
          continue;
        }
        const redisKey = keyPrefix + key;
        const value = await encodeToken(token, redisKey, await cryptoKey());
        await call("SET NX", () => adapter.set(redisKey, value, remaining, { onlyIfAbsent: true }));
      }
    } catch {
      // Reported by `call`; the next recovery tries again.
    } finally {
      republishing = false;
    }
  };

  const markUp = () => {
    skipUntil = 0;
    if (healthy) return;
    healthy = true;
    void republish();
  };

  const call = async <T>(
    operation: string,
    run: () => Promise<T>,
    late?: (value: T) => void,
  ): Promise<T> => {
    if (Date.now() < skipUntil) {
      throw new PaytokError(
        "PAYTOK_NETWORK_ERROR",
        `Redis ${operation} skipped: Redis failed less than ${retryIntervalMs} ms ago`,
        { packageName, retryable: true },
      );
    }
    let value: T;
    try {
      value = await withTimeout(Promise.resolve().then(run), timeoutMs, late);
    } catch (cause) {
      const error = failure(operation, cause);
      markDown();
      report(error);
      throw error;
    }
    markUp();
    return value;
  };

  const stopWatching = adapter.watch?.({
    ready() {
      skipUntil = 0;
      healthy = true;
      void republish();
    },
    error(cause) {
      // Clients repeat connection errors on every reconnect attempt: report the first only.
      const wasHealthy = healthy;
      markDown();
      if (wasHealthy) report(failure("connection", cause));
    },
  });

  return {
    async get(key) {
      const redisKey = keyPrefix + key;
      const value = await call("GET", () => adapter.get(redisKey));
      if (value === null) return undefined;
      const result = await decodeToken(value, redisKey, await cryptoKey());
      if (result.kind === "token") {
        known.set(key, result.token);
        return result.token;
      }
      const reason = unreadableReasons[result.kind];
      // An unknown version is a newer writer, not an error. Report each unreadable value once:
      // waiting processes read the same value many times.
      if (reason !== undefined && value !== lastUnreadableValue) {
        lastUnreadableValue = value;
        report(new PaytokError("PAYTOK_CONFIGURATION", reason, { packageName }));
      }
      return undefined;
    },

    async set(key, token, ttlMs) {
      if (!(ttlMs > 0)) return;
      known.set(key, token);
      const redisKey = keyPrefix + key;
      const value = await encodeToken(token, redisKey, await cryptoKey());
      await call("SET", () => adapter.set(redisKey, value, Math.min(ttlMs, MAX_TTL_MS)));
    },

    async delete(key) {
      known.delete(key);
      const redisKey = keyPrefix + key;
      await call("DEL", () => adapter.delete(redisKey));
    },

    async setBackoff(key, untilMs) {
      const ttlMs = untilMs - Date.now();
      if (!(ttlMs > 0)) return;
      // The time itself, not a secret: every process compares it with its own clock.
      await call("SET", () =>
        adapter.set(keyPrefix + key, String(Math.ceil(untilMs)), Math.min(ttlMs, MAX_TTL_MS)),
      );
    },

    async getBackoff(key) {
      const value = await call("GET", () => adapter.get(keyPrefix + key));
      const until = value === null ? Number.NaN : Number(value);
      return Number.isFinite(until) && until > Date.now() ? until : undefined;
    },

    async lock(key, ttlMs) {
      const redisKey = keyPrefix + key;
      const owner = globalThis.crypto.randomUUID();
      const giveBack = () => {
        adapter.deleteIfValue(redisKey, owner).catch(() => {
          // It expires by itself after ttlMs.
        });
      };
      const won = await call(
        "SET NX",
        () =>
          adapter.set(redisKey, owner, Math.min(Math.max(1, ttlMs), MAX_TTL_MS), {
            onlyIfAbsent: true,
          }),
        // Won after we stopped waiting: nobody will use it, so give it back at once.
        (lateWin) => {
          if (lateWin) giveBack();
        },
      );
      if (!won) return undefined;
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          await call("EVAL", () => adapter.deleteIfValue(redisKey, owner));
        },
      };
    },

    dispose() {
      stopWatching?.();
    },
  };
}
