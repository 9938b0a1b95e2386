import type { PaytokError, TokenStore, TokenStoreLock } from "@paytok/core";
import { type Cluster, Redis } from "ioredis";
import { createClient } from "redis";
import { describe, expectTypeOf, it } from "vitest";
import {
  createRedisAdapter,
  createRedisTokenStore,
  type EncryptionKey,
  type RedisAdapter,
  type RedisClientLike,
  type RedisTokenStore,
  type RedisTokenStoreOptions,
} from "../src/index.js";

describe("createRedisTokenStore", () => {
  it("takes an ioredis client, a node-redis client or an adapter, by shape", () => {
    expectTypeOf<Redis>().toExtend<RedisClientLike>();
    expectTypeOf<Cluster>().toExtend<RedisClientLike>();
    expectTypeOf<ReturnType<typeof createClient>>().toExtend<RedisClientLike>();
    expectTypeOf<RedisAdapter>().toExtend<RedisClientLike>();
    createRedisTokenStore({ client: new Redis() });
    createRedisTokenStore({ client: createClient() });
    // @ts-expect-error a plain object is no client
    createRedisTokenStore({ client: {} });
    // @ts-expect-error the client is required
    createRedisTokenStore({});
  });

  it("returns a core TokenStore whose lock is always there", () => {
    const store = createRedisTokenStore({ client: new Redis() });
    expectTypeOf(store).toEqualTypeOf<RedisTokenStore>();
    expectTypeOf(store).toExtend<TokenStore>();
    expectTypeOf(store.lock).returns.toEqualTypeOf<Promise<TokenStoreLock | undefined>>();
    expectTypeOf(store.dispose).toEqualTypeOf<() => void>();
  });

  it("has typed options", () => {
    expectTypeOf<RedisTokenStoreOptions["keyPrefix"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<RedisTokenStoreOptions["operationTimeoutMs"]>().toEqualTypeOf<
      number | undefined
    >();
    expectTypeOf<RedisTokenStoreOptions["retryIntervalMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<RedisTokenStoreOptions["encryptionKey"]>().toEqualTypeOf<
      EncryptionKey | undefined
    >();
    expectTypeOf<NonNullable<RedisTokenStoreOptions["onError"]>>()
      .parameter(0)
      .toEqualTypeOf<PaytokError>();
    expectTypeOf<CryptoKey>().toExtend<EncryptionKey>();
    expectTypeOf<Uint8Array>().toExtend<EncryptionKey>();
    expectTypeOf<string>().toExtend<EncryptionKey>();
    // @ts-expect-error a timeout is a number of milliseconds
    createRedisTokenStore({ client: new Redis(), operationTimeoutMs: "250" });
    // @ts-expect-error exactOptionalPropertyTypes: leave it out instead of passing undefined
    createRedisTokenStore({ client: new Redis(), keyPrefix: undefined });
    // @ts-expect-error unknown options are refused
    createRedisTokenStore({ client: new Redis(), prefix: "x" });
  });
});

describe("createRedisAdapter", () => {
  it("turns any accepted client into the five operations", () => {
    expectTypeOf(createRedisAdapter).parameter(0).toEqualTypeOf<RedisClientLike>();
    expectTypeOf(createRedisAdapter).returns.toEqualTypeOf<RedisAdapter>();
    expectTypeOf<RedisAdapter["get"]>().returns.toEqualTypeOf<Promise<string | null>>();
    expectTypeOf<RedisAdapter["deleteIfValue"]>().returns.toEqualTypeOf<Promise<boolean>>();
  });
});
