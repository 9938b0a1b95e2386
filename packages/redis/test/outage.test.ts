import { isPaytokError, type PaytokError, type PaytokEvent } from "@paytok/core";
import { afterEach, describe, expect, it } from "vitest";
import { createRedisTokenStore } from "../src/index.js";
import { clientKinds, connectClient } from "./clients.js";
import { localAuth } from "./definition.js";
import { runFleet, type WorkerReport } from "./fixtures/fleet.mjs";
import { type RedisServer, startRedisServer } from "./fixtures/redis-server.mjs";
import { startTokenServer } from "./fixtures/token-server.mjs";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Things to stop after each test, last first. */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(kind: (typeof clientKinds)[number], lifetimeSeconds: number) {
  const redis: RedisServer = await startRedisServer();
  cleanups.push(() => redis.stop());
  const tokens = await startTokenServer({ lifetimeSeconds });
  cleanups.push(() => tokens.close());
  const connection = await connectClient(kind, redis.url);
  cleanups.push(() => connection.close());
  const storeErrors: PaytokError[] = [];
  const events: PaytokEvent[] = [];
  const keyPrefix = `outage:${kind}:`;
  const store = createRedisTokenStore({
    client: connection.client,
    keyPrefix,
    onError: (error) => storeErrors.push(error),
  });
  cleanups.push(() => store.dispose());
  return { redis, tokens, connection, store, storeErrors, events, keyPrefix };
}

/** Calls `check` until it is true, at most `timeoutMs`. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await sleep(50);
  }
  return check();
}

describe.each(clientKinds)("Redis going away, with %s", (kind) => {
  it("keeps every call succeeding in-process while redis-server is down, and shares again once it is back", async () => {
    // 8 s tokens refreshed in their last 4 s: the second token lives long enough for the restart,
    // the write-back and the newcomer below even on a loaded machine.
    const { redis, tokens, store, storeErrors, events, keyPrefix } = await setUp(kind, 8);
    const auth = localAuth(tokens.url, {
      store,
      refreshWindowMs: 4_000,
      lockTimeoutMs: 2_000,
      onEvent: (event) => events.push(event),
    });
    await auth.getToken();
    expect(tokens.requests).toHaveLength(1);

    await redis.stop(); // SIGKILL, like a crash
    // Call on until this process has fetched a new token by itself (the refresh at 4 s).
    let calls = 0;
    let failures = 0;
    let slowest = 0;
    const started = Date.now();
    while (tokens.requests.length < 2 || Date.now() - started < 4_300) {
      const before = performance.now();
      try {
        await auth.getToken();
      } catch {
        failures += 1;
      }
      calls += 1;
      slowest = Math.max(slowest, performance.now() - before);
      await sleep(20);
      if (Date.now() - started > 10_000) break;
    }
    expect(failures).toBe(0);
    expect(calls).toBeGreaterThan(50);
    expect(tokens.requests).toHaveLength(2);
    // Each Redis call is bounded by operationTimeoutMs (250 ms), then skipped for a while.
    expect(slowest).toBeLessThan(2_000);
    expect(events.some((event) => event.type === "store_error")).toBe(true);
    expect(storeErrors.length).toBeGreaterThan(0);
    expect(storeErrors.every((error) => isPaytokError(error) && error.retryable)).toBe(true);

    await redis.start(); // same port, empty
    const current = await auth.getToken();
    // The client reconnects by itself; the store then puts back the token this process holds.
    const raw = await connectClient(kind, redis.url);
    cleanups.push(() => raw.close());
    const restored = await eventually(async () => {
      const keys = (await raw.raw("KEYS", `${keyPrefix}*`)) as string[];
      return keys.length === 1;
    }, 5_000);
    expect(restored).toBe(true);

    // A new process finds the token in Redis: no new token request.
    const [result] = await runFleet(1, {
      store: kind,
      redisUrl: redis.url,
      keyPrefix,
      tokenUrl: tokens.url,
      mode: "burst",
      calls: 10,
    });
    expect(result).toMatchObject({ type: "result", failures: [] });
    expect((result as WorkerReport).tokens).toEqual([current.accessToken]);
    expect(tokens.requests).toHaveLength(2);
  });

  it("bounds every call by operationTimeoutMs when Redis is slow, and uses it again afterwards", async () => {
    const { redis, tokens, store, storeErrors, events } = await setUp(kind, 300);
    const admin = await connectClient(kind, redis.url);
    cleanups.push(() => admin.close());
    // Every other client's commands wait 2.5 s: Redis is there but far too slow.
    await admin.raw("CLIENT", "PAUSE", "2500", "ALL");
    const auth = localAuth(tokens.url, {
      store,
      onEvent: (event) => events.push(event),
    });
    const before = performance.now();
    const token = await auth.getToken();
    expect(performance.now() - before).toBeLessThan(1_500);
    expect(tokens.requests).toHaveLength(1);
    expect(storeErrors.some((error) => isPaytokError(error, "PAYTOK_TIMEOUT"))).toBe(true);
    expect(events.some((event) => event.type === "store_error")).toBe(true);

    // After the pause (and the store's retry interval) Redis serves the token again.
    await sleep(3_000);
    const newcomer = localAuth(tokens.url, { store });
    await expect(newcomer.getToken()).resolves.toMatchObject({ expiresAt: token.expiresAt });
    expect(tokens.requests).toHaveLength(1);
  });
});
