import { describe, expect, it, vi } from "vitest";
import {
  createAuth,
  createMemoryTokenStore,
  createToken,
  type TokenStore,
  tokenCacheKey,
} from "../src/index.js";
import {
  CLIENT_SECRET,
  createTokenEndpoint,
  defineProvider,
  manualClock,
  recordEvents,
  TOKEN_URL,
  useMswServer,
} from "./helpers.js";

const server = useMswServer();

const token = (accessToken: string, expiresAt = Date.now() + 60_000) =>
  createToken({ accessToken, expiresAt });

describe("createMemoryTokenStore", () => {
  it("get / set / delete", async () => {
    const store = createMemoryTokenStore();
    expect(await store.get("key")).toBeUndefined();
    const stored = token("a");
    await store.set("key", stored, 60_000);
    expect(await store.get("key")).toBe(stored);
    expect(await store.get("other")).toBeUndefined();
    await store.set("key", token("b"), 60_000);
    expect((await store.get("key"))?.accessToken).toBe("b");
    await store.delete("key");
    expect(await store.get("key")).toBeUndefined();
    await store.delete("never-set");
  });

  it("drops an entry once its TTL has passed, checked on read with no timer", async () => {
    vi.useFakeTimers();
    const clock = manualClock();
    const store = createMemoryTokenStore(clock);
    await store.set("key", token("a"), 1_000);
    expect(vi.getTimerCount()).toBe(0);
    clock.advance(999);
    expect((await store.get("key"))?.accessToken).toBe("a");
    clock.advance(1);
    expect(await store.get("key")).toBeUndefined();
    await store.set("zero", token("z"), 0);
    expect(await store.get("zero")).toBeUndefined();
    await store.set("negative", token("n"), -5);
    expect(await store.get("negative")).toBeUndefined();
  });

  it("lock is exclusive until released", async () => {
    const store = createMemoryTokenStore();
    const lock = store.lock;
    if (lock === undefined) throw new Error("the memory store has a lock");
    const first = await lock("key", 30_000);
    expect(first).toBeDefined();
    expect(await lock("key", 30_000)).toBeUndefined();
    expect(await lock("other-key", 30_000)).toBeDefined();
    await first?.release();
    const second = await lock("key", 30_000);
    expect(second).toBeDefined();
    expect(await lock("key", 30_000)).toBeUndefined();
  });

  it("lock expires by itself after its TTL, and a late release does not free the new holder", async () => {
    const clock = manualClock();
    const store = createMemoryTokenStore(clock);
    const lock = store.lock?.bind(store);
    if (lock === undefined) throw new Error("the memory store has a lock");
    const stale = await lock("key", 1_000);
    clock.advance(999);
    expect(await lock("key", 1_000)).toBeUndefined();
    clock.advance(1);
    const fresh = await lock("key", 1_000);
    expect(fresh).toBeDefined();
    await stale?.release();
    expect(await lock("key", 1_000)).toBeUndefined();
    await fresh?.release();
    expect(await lock("key", 1_000)).toBeDefined();
  });
});

describe("a store shared by several auth objects", () => {
  it("two auth objects sharing one memory store share one token (one request)", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const store = createMemoryTokenStore();
    const first = createAuth(defineProvider(), { store });
    const second = createAuth(defineProvider(), { store });

    const [a, b] = await Promise.all([first.getToken(), second.getToken()]);
    expect(a.accessToken).toBe(b.accessToken);
    expect(endpoint.count).toBe(1);

    const third = createAuth(defineProvider(), { store });
    const recorder = recordEvents();
    const fourth = createAuth(defineProvider(), { store, onEvent: recorder.onEvent });
    expect((await third.getToken()).accessToken).toBe(a.accessToken);
    expect((await fourth.getToken()).accessToken).toBe(a.accessToken);
    expect(recorder.of("token_from_store")).toHaveLength(1);
    expect(endpoint.count).toBe(1);
  });

  it("many auth objects started together on a cold store make one request", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const store = createMemoryTokenStore();
    const auths = Array.from({ length: 20 }, () => createAuth(defineProvider(), { store }));
    const tokens = await Promise.all(auths.map((auth) => auth.getToken()));
    expect(new Set(tokens.map((each) => each.accessToken)).size).toBe(1);
    expect(endpoint.count).toBe(1);
  });

  it("different client ids or cache key parts do not share", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const store = createMemoryTokenStore();
    await createAuth(defineProvider(), { store }).getToken();
    await createAuth(defineProvider({ clientId: "another-client" }), { store }).getToken();
    await createAuth(defineProvider({ cacheKeyParts: ["scope=payments"] }), { store }).getToken();
    expect(endpoint.count).toBe(3);
  });

  it("stores the token with its remaining life as TTL under a key without the secret", async () => {
    const endpoint = createTokenEndpoint({ lifetimeSeconds: 120 });
    server.use(endpoint.handler);
    const calls: { key: string; ttlMs: number }[] = [];
    const memory = createMemoryTokenStore();
    const store: TokenStore = {
      get: (key) => memory.get(key),
      delete: (key) => memory.delete(key),
      async set(key, value, ttlMs) {
        calls.push({ key, ttlMs });
        await memory.set(key, value, ttlMs);
      },
    };
    const clock = manualClock();
    const auth = createAuth(defineProvider(), { store, clock });
    await auth.getToken();
    const expectedKey = tokenCacheKey({
      provider: "testpay",
      tokenUrl: TOKEN_URL,
      clientId: "client-4711",
    });
    expect(calls).toEqual([{ key: expectedKey, ttlMs: 120_000 }]);
    expect(expectedKey).toBe(`paytok:v1:testpay:${encodeURIComponent(TOKEN_URL)}:client-4711`);
    expect(expectedKey).not.toContain(CLIENT_SECRET);
  });

  it("ignores an expired token in the store", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const store = createMemoryTokenStore();
    const key = tokenCacheKey({
      provider: "testpay",
      tokenUrl: TOKEN_URL,
      clientId: "client-4711",
    });
    // A store that keeps tokens past their expiry (a misconfigured TTL).
    await store.set(key, token("expired", Date.now() - 1), 60_000);
    const fetched = await createAuth(defineProvider(), { store }).getToken();
    expect(fetched.accessToken).toBe(endpoint.issued[0]?.accessToken);
  });

  it("a store that fails is reported with store_error and tokens still come", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const recorder = recordEvents();
    const broken: TokenStore = {
      get: () => Promise.reject(new Error("ECONNREFUSED")),
      set: () => Promise.reject(new Error("ECONNREFUSED")),
      delete: () => Promise.reject(new Error("ECONNREFUSED")),
      lock: () => Promise.reject(new Error("ECONNREFUSED")),
    };
    const auth = createAuth(defineProvider(), { store: broken, onEvent: recorder.onEvent });
    const fetched = await auth.getToken();
    expect(fetched.accessToken).toBe(endpoint.issued[0]?.accessToken);
    await auth.invalidate(fetched);
    const errors = recorder.of("store_error").map((event) => event.error);
    expect(errors.length).toBeGreaterThanOrEqual(3);
    for (const error of errors) {
      expect(error.code).toBe("PAYTOK_STORE_ERROR");
      expect(error.retryable).toBe(true);
    }
  });

  it("a lock holder that never stores a token does not block the others forever", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const memory = createMemoryTokenStore();
    const alwaysHeld: TokenStore = {
      get: (key) => memory.get(key),
      set: (key, value, ttlMs) => memory.set(key, value, ttlMs),
      delete: (key) => memory.delete(key),
      lock: async () => undefined,
    };
    const auth = createAuth(defineProvider(), { store: alwaysHeld, lockTimeoutMs: 50 });
    const started = Date.now();
    const fetched = await auth.getToken();
    expect(fetched.accessToken).toBe(endpoint.issued[0]?.accessToken);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
