import type { Token } from "./token.js";
import type { TokenStore, TokenStoreLock } from "./token-store.js";

interface Entry {
  token: Token;
  expiresAt: number;
}

/**
 * A {@link TokenStore} in this process's memory. Share one instance between several auth objects
 * with the same credentials to let them share one token; the lock serializes fetches within the
 * process. Expiry is checked on read, so no timer is ever left running.
 */
export function createMemoryTokenStore(
  clock: { now(): number } = { now: () => Date.now() },
): TokenStore {
  const entries = new Map<string, Entry>();
  const locks = new Map<string, number>();
  const backoffs = new Map<string, number>();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (clock.now() >= entry.expiresAt) {
        entries.delete(key);
        return undefined;
      }
      return entry.token;
    },
    async set(key, token, ttlMs) {
      entries.set(key, { token, expiresAt: clock.now() + Math.max(0, ttlMs) });
    },
    async delete(key) {
      entries.delete(key);
    },
    async setBackoff(key, untilMs) {
      backoffs.set(key, untilMs);
    },
    async getBackoff(key) {
      const until = backoffs.get(key);
      if (until !== undefined && until <= clock.now()) backoffs.delete(key);
      return until !== undefined && until > clock.now() ? until : undefined;
    },
    async lock(key, ttlMs): Promise<TokenStoreLock | undefined> {
      const now = clock.now();
      const heldUntil = locks.get(key);
      if (heldUntil !== undefined && heldUntil > now) return undefined;
      const until = now + ttlMs;
      locks.set(key, until);
      return {
        async release() {
          if (locks.get(key) === until) locks.delete(key);
        },
      };
    },
  };
}
