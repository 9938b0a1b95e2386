import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  runFleet,
  type WorkerConfig,
  type WorkerExit,
  type WorkerReport,
} from "./fixtures/fleet.mjs";
import { runRateLimitedFleet } from "./fixtures/rate-limited-fleet.mjs";
import { type RedisServer, startRedisServer } from "./fixtures/redis-server.mjs";
import { startTokenServer, type TokenServer } from "./fixtures/token-server.mjs";

let server: RedisServer;
let tokens: TokenServer | undefined;
let run = 0;

beforeAll(async () => {
  server = await startRedisServer();
});
afterEach(async () => {
  await tokens?.close();
  tokens = undefined;
});
afterAll(async () => {
  await server?.stop("SIGTERM");
});

/** Half the fleet on ioredis, half on node-redis: both read what the other writes. */
function mixedFleet(config: Omit<WorkerConfig, "store" | "redisUrl" | "keyPrefix">) {
  run += 1;
  const keyPrefix = `fleet:${run}:`;
  return (index: number): WorkerConfig => ({
    ...config,
    store: index % 2 === 0 ? "ioredis" : "node-redis",
    redisUrl: server.url,
    keyPrefix,
  });
}

function reports(results: (WorkerReport | WorkerExit)[]): WorkerReport[] {
  for (const result of results) {
    if (result.type === "exited") {
      throw new Error(
        `worker ${result.pid} exited (${result.code ?? result.signal}): ${result.stderr}`,
      );
    }
  }
  return results as WorkerReport[];
}

describe("a fleet of processes sharing one Redis", () => {
  it("8 processes × 250 concurrent getToken() from cold make exactly 1 token request", async () => {
    const server = await startTokenServer({ lifetimeSeconds: 300, delayFor: () => 50 });
    tokens = server;
    const results = reports(
      await runFleet(8, mixedFleet({ tokenUrl: server.url, mode: "burst", calls: 250 })),
    );
    expect(server.requests).toHaveLength(1);
    expect(results).toHaveLength(8);
    for (const result of results) {
      expect(result.failures).toEqual([]);
      expect(result.calls).toBe(250);
      expect(result.tokens).toEqual(["at-1"]);
    }
    // Seven processes got the token from Redis, not from the token server.
    const requesters = new Set(server.requests.map((request) => request.worker));
    expect(requesters.size).toBe(1);
  });

  it("with refresh-ahead, all processes together make one refresh request per token", async () => {
    // 3 s tokens refreshed 1.5 s before expiry: one process alone asks every 1.5 s.
    const server = await startTokenServer({ lifetimeSeconds: 3 });
    tokens = server;
    const durationMs = 7_000;
    const results = reports(
      await runFleet(
        8,
        mixedFleet({
          tokenUrl: server.url,
          mode: "loop",
          calls: 5,
          intervalMs: 20,
          durationMs,
          refreshWindowMs: 1_500,
          lockTimeoutMs: 2_000,
        }),
      ),
    );
    for (const result of results) expect(result.failures).toEqual([]);
    const times = server.requests.map((request) => request.at);
    const gaps = times.slice(1).map((at, index) => at - (times[index] ?? 0));
    // Two processes refreshing the same token would put two requests a few ms apart.
    for (const gap of gaps) expect(gap).toBeGreaterThan(1_000);
    // 1 cold request, then one refresh per token: at 0, ~1.5, ~3, ~4.5, ~6 s.
    expect(server.requests.length).toBeGreaterThanOrEqual(4);
    expect(server.requests.length).toBeLessThanOrEqual(Math.ceil(durationMs / 1_500) + 1);
    // Every process saw every token in turn, so all of them were really sharing.
    for (const result of results) {
      expect(result.tokens.length).toBeGreaterThanOrEqual(server.requests.length - 1);
    }
  });

  it("takes over from a lock holder killed mid-fetch after the lock's TTL; nobody fails or waits forever", async () => {
    const lockTimeoutMs = 1_000;
    const killed: number[] = [];
    let workers: { pid: number; kill(): void }[] = [];
    const server = await startTokenServer({
      // The first request is never answered; its process is killed as soon as it asks.
      delayFor: (record) => (record.index === 0 ? Number.POSITIVE_INFINITY : 0),
      onRequest: (record) => {
        if (record.index !== 0) return;
        const holder = workers.find((worker) => String(worker.pid) === record.worker);
        killed.push(Number(record.worker));
        holder?.kill();
      },
    });
    tokens = server;
    const results = await runFleet(
      5,
      mixedFleet({
        tokenUrl: server.url,
        mode: "burst",
        calls: 20,
        lockTimeoutMs,
        // This test is about the lock, not about a slow Redis: on a loaded CI machine a Redis call
        // can pass the 250 ms default, and a store that times out is (rightly) bypassed.
        operationTimeoutMs: 5_000,
      }),
      { onStart: (started) => (workers = started) },
    );
    expect(killed).toHaveLength(1);
    const victim = results.find((result) => result.pid === killed[0]);
    expect(victim).toMatchObject({ type: "exited", signal: "SIGKILL" });
    const survivors = reports(results.filter((result) => result !== victim));
    expect(survivors).toHaveLength(4);
    // One survivor took over: exactly one more request, and everyone got its token.
    expect(server.requests).toHaveLength(2);
    for (const survivor of survivors) {
      expect(survivor.failures).toEqual([]);
      expect(survivor.tokens).toEqual(["at-2"]);
      // One lock lifetime of waiting, the takeover and polling; far from forever.
      expect(survivor.maxLatencyMs).toBeLessThan(lockTimeoutMs * 3 + 2_000);
    }
  });
});

describe("fleet-wide backoff", () => {
  // The token endpoint answers 429 with Retry-After: 2 for 4 s. Without the shared backoff, each
  // process retries on its own (pnpm bench, 6 processes, Retry-After 5: 7 requests in the first
  // window, and 16–19 before background refreshes honoured Retry-After at all).
  for (const scenario of [
    { name: "from cold", limitedFromMs: 0 },
    {
      name: "while the fleet's token is refreshed ahead and then expires",
      limitedFromMs: 500,
      lifetimeSeconds: 3,
      refreshWindowMs: 1_500,
    },
  ]) {
    it(`6 processes make at most one token request per Retry-After window, ${scenario.name}`, async () => {
      run += 1;
      const result = await runRateLimitedFleet({
        redisUrl: server.url,
        keyPrefix: `backoff:${run}:`,
        processes: 6,
        retryAfterSeconds: 2,
        limitedForMs: 4_000,
        runForMs: 7_000,
        ...scenario,
      });
      expect(result.perWindow).toHaveLength(2);
      expect(result.maxPerWindow).toBeLessThanOrEqual(1);
      expect(result.limitedRequests).toBeGreaterThanOrEqual(1);
      expect(result.failures).toBe(0);
      expect(result.workersWithToken).toBe(6);
    });
  }
});
