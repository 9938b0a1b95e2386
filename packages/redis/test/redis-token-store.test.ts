import { createToken, isPaytokError, type PaytokError } from "@paytok/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createRedisAdapter,
  createRedisTokenStore,
  type RedisTokenStore,
  VALUE_VERSION,
} from "../src/index.js";
import { clientKinds, connectClient, type TestClient } from "./clients.js";
import { type RedisServer, startRedisServer } from "./fixtures/redis-server.mjs";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: RedisServer;
beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server?.stop("SIGTERM");
});

const sampleToken = (accessToken = "access-1", lifetimeMs = 60_000) =>
  createToken({
    accessToken,
    expiresAt: Date.now() + lifetimeMs,
    scope: "payments:read",
    refreshToken: `refresh-of-${accessToken}`,
    refreshExpiresAt: Date.now() + 2 * lifetimeMs,
  });

describe.each(clientKinds)("the store contract with %s", (kind) => {
  let connection: TestClient;
  let testNumber = 0;
  const stores: RedisTokenStore[] = [];
  /** A fresh key prefix per test, so tests never see each other's keys. */
  const freshStore = (extra: Parameters<typeof createRedisTokenStore>[0] | object = {}) => {
    testNumber += 1;
    const keyPrefix = `contract:${kind}:${testNumber}:`;
    const store = createRedisTokenStore({ client: connection.client, keyPrefix, ...extra });
    stores.push(store);
    return { store, keyPrefix };
  };

  beforeAll(async () => {
    connection = await connectClient(kind, server.url);
  });
  afterEach(() => {
    for (const store of stores.splice(0)) store.dispose();
  });
  afterAll(async () => {
    await connection?.close();
  });

  it("is told apart by shape", () => {
    const adapter = createRedisAdapter(connection.client);
    expect(adapter).not.toBe(connection.client);
    expect(createRedisAdapter(adapter)).toBe(adapter);
  });

  it("keeps a fleet backoff under the prefix, with a TTL, and forgets it when it is over", async () => {
    const { store, keyPrefix } = freshStore();
    expect(await store.getBackoff("k:backoff")).toBeUndefined();
    const until = Date.now() + 300;
    await store.setBackoff("k:backoff", until);
    expect(await store.getBackoff("k:backoff")).toBe(until);
    const adapter = createRedisAdapter(connection.client);
    expect(await adapter.get(`${keyPrefix}k:backoff`)).toBe(String(until));
    await store.setBackoff("k:past", Date.now() - 1);
    expect(await adapter.get(`${keyPrefix}k:past`)).toBeNull();
    await sleep(400);
    expect(await store.getBackoff("k:backoff")).toBeUndefined();
    expect(await adapter.get(`${keyPrefix}k:backoff`)).toBeNull();
    await adapter.set(`${keyPrefix}k:junk`, "soon", 10_000);
    expect(await store.getBackoff("k:junk")).toBeUndefined();
  });

  it("misses an absent key", async () => {
    const { store } = freshStore();
    await expect(store.get("absent")).resolves.toBeUndefined();
  });

  it("gives back every token field, rebuilt with core's createToken", async () => {
    const { store } = freshStore();
    const token = sampleToken();
    await store.set("token", token, 60_000);
    const read = await store.get("token");
    expect(read).toBeDefined();
    expect(read?.accessToken).toBe("access-1");
    expect(read?.refreshToken).toBe("refresh-of-access-1");
    expect(read?.tokenType).toBe("Bearer");
    expect(read?.scope).toBe("payments:read");
    expect(read?.expiresAt).toBe(token.expiresAt);
    expect(read?.refreshExpiresAt).toBe(token.refreshExpiresAt);
    // Core's tokens hide their secrets from serialization; the rebuilt one does too.
    expect(JSON.stringify(read)).not.toContain("access-1");
  });

  it("stores with a TTL equal to the remaining life, and the entry then vanishes", async () => {
    const { store, keyPrefix } = freshStore();
    await store.set("long", sampleToken(), 45_000);
    const ttl = Number(await connection.raw("PTTL", `${keyPrefix}long`));
    expect(ttl).toBeGreaterThan(44_000);
    expect(ttl).toBeLessThanOrEqual(45_000);

    await store.set("short", sampleToken("short-lived"), 150);
    await expect(store.get("short")).resolves.toBeDefined();
    await sleep(300);
    await expect(store.get("short")).resolves.toBeUndefined();
  });

  it("stores nothing for a token with no life left", async () => {
    const { store, keyPrefix } = freshStore();
    await store.set("dead", sampleToken(), 0);
    await expect(connection.raw("EXISTS", `${keyPrefix}dead`)).resolves.toBe(0);
  });

  it("deletes", async () => {
    const { store } = freshStore();
    await store.set("token", sampleToken(), 60_000);
    await store.delete("token");
    await expect(store.get("token")).resolves.toBeUndefined();
  });

  it("puts keyPrefix before every key, the lock's too", async () => {
    const { store, keyPrefix } = freshStore();
    await store.set("paytok:v1:x", sampleToken(), 60_000);
    const lock = await store.lock("paytok:v1:x:lock", 5_000);
    const keys = (await connection.raw("KEYS", `${keyPrefix}*`)) as string[];
    expect(keys.sort()).toEqual([`${keyPrefix}paytok:v1:x`, `${keyPrefix}paytok:v1:x:lock`]);
    await lock?.release();
  });

  it("gives the lock to exactly one of many concurrent callers", async () => {
    const { store } = freshStore();
    const attempts = await Promise.all(Array.from({ length: 25 }, () => store.lock("l", 5_000)));
    const winners = attempts.filter((lock) => lock !== undefined);
    expect(winners).toHaveLength(1);
    await expect(store.lock("l", 5_000)).resolves.toBeUndefined();
    await winners[0]?.release();
    const next = await store.lock("l", 5_000);
    expect(next).toBeDefined();
    await next?.release();
  });

  it("lets only the owner release the lock", async () => {
    const { store, keyPrefix } = freshStore();
    const first = await store.lock("l", 100);
    expect(first).toBeDefined();
    await sleep(200); // first's lock expired by itself
    const second = await store.lock("l", 5_000);
    expect(second).toBeDefined();
    await first?.release(); // must not delete second's lock
    await expect(connection.raw("EXISTS", `${keyPrefix}l`)).resolves.toBe(1);
    await expect(store.lock("l", 5_000)).resolves.toBeUndefined();
    await second?.release();
    await expect(connection.raw("EXISTS", `${keyPrefix}l`)).resolves.toBe(0);
  });

  it("lets a lock expire after its TTL", async () => {
    const { store, keyPrefix } = freshStore();
    await store.lock("l", 5_000);
    const ttl = Number(await connection.raw("PTTL", `${keyPrefix}l`));
    expect(ttl).toBeGreaterThan(4_000);
    expect(ttl).toBeLessThanOrEqual(5_000);
    const short = await store.lock("s", 100);
    expect(short).toBeDefined();
    await sleep(200);
    await expect(store.lock("s", 100)).resolves.toBeDefined();
  });

  it("writes a versioned value and reads an unknown version or garbage as a miss", async () => {
    const errors: PaytokError[] = [];
    const { store, keyPrefix } = freshStore({
      onError: (error: PaytokError) => errors.push(error),
    });
    await store.set("token", sampleToken(), 60_000);
    const raw = JSON.parse(String(await connection.raw("GET", `${keyPrefix}token`)));
    expect(raw.v).toBe(VALUE_VERSION);
    expect(VALUE_VERSION).toBe(1);
    expect(raw).toMatchObject({ accessToken: "access-1", expiresAt: expect.any(Number) });

    const future = { ...raw, v: 2 };
    await connection.raw("SET", `${keyPrefix}token`, JSON.stringify(future));
    await expect(store.get("token")).resolves.toBeUndefined();
    expect(errors).toEqual([]); // a newer writer is not an error

    for (const garbage of [
      "not json",
      "[1,2]",
      '{"v":1}',
      '{"v":1,"accessToken":5,"expiresAt":1}',
    ]) {
      await connection.raw("SET", `${keyPrefix}token`, garbage);
      await expect(store.get("token")).resolves.toBeUndefined();
    }
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => isPaytokError(error, "PAYTOK_CONFIGURATION"))).toBe(true);
  });
});

describe("configuration", () => {
  it("refuses something that is not a Redis client", () => {
    expect(() => createRedisTokenStore({ client: {} as never })).toThrow(
      /@paytok\/redis: client must be an ioredis client/,
    );
  });

  it("refuses bad timeouts and prefixes", () => {
    const client = {
      get: async () => null,
      set: async () => true,
      delete: async () => {},
      deleteIfValue: async () => true,
    };
    expect(() => createRedisTokenStore({ client, operationTimeoutMs: 0 })).toThrow(
      /operationTimeoutMs/,
    );
    expect(() => createRedisTokenStore({ client, retryIntervalMs: -1 })).toThrow(/retryIntervalMs/);
    expect(() => createRedisTokenStore({ client, keyPrefix: 5 as never })).toThrow(/keyPrefix/);
  });
});
