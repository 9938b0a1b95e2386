import { inspect } from "node:util";
import { createToken, isPaytokError, type PaytokError } from "@paytok/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRedisTokenStore, type RedisTokenStore } from "../src/index.js";
import { clientKinds, connectClient, type TestClient } from "./clients.js";
import { CLIENT_SECRET, localAuth } from "./definition.js";
import { type RedisServer, startRedisServer } from "./fixtures/redis-server.mjs";
import { startTokenServer, type TokenServer } from "./fixtures/token-server.mjs";

const KEY = "q2V5LWZvci10ZXN0cy1vbmx5LTMyLWJ5dGVzLWxvbmc="; // 32 bytes, base64
const OTHER_KEY = new Uint8Array(32).fill(7);

let server: RedisServer;
let tokens: TokenServer;
let connection: TestClient;
let prefixNumber = 0;
const stores: RedisTokenStore[] = [];

beforeAll(async () => {
  server = await startRedisServer();
  tokens = await startTokenServer();
  connection = await connectClient("ioredis", server.url);
});
afterEach(() => {
  for (const store of stores.splice(0)) store.dispose();
});
afterAll(async () => {
  await connection?.close();
  await tokens?.close();
  await server?.stop("SIGTERM");
});

function storeWith(options: Partial<Parameters<typeof createRedisTokenStore>[0]> = {}) {
  const store = createRedisTokenStore({ client: connection.client, ...options });
  stores.push(store);
  return store;
}

async function rawValues(keyPrefix: string): Promise<string[]> {
  const keys = (await connection.raw("KEYS", `${keyPrefix}*`)) as string[];
  const values = await Promise.all(keys.map((key) => connection.raw("GET", key)));
  return values.map(String);
}

const freshPrefix = () => {
  prefixNumber += 1;
  return `stored:${prefixNumber}:`;
};

describe("what lands in Redis", () => {
  it("never holds the client secret, only the token fields", async () => {
    const keyPrefix = freshPrefix();
    const auth = localAuth(tokens.url, { store: storeWith({ keyPrefix }) });
    const token = await auth.getToken();
    const [value, ...others] = await rawValues(keyPrefix);
    expect(others).toEqual([]);
    expect(value).toBeDefined();
    expect(value).not.toContain(CLIENT_SECRET);
    expect(value).not.toContain(btoa(`fleet-client:${CLIENT_SECRET}`));
    expect(Object.keys(JSON.parse(value ?? "{}")).sort()).toEqual([
      "accessToken",
      "expiresAt",
      "v",
    ]);
    // Without encryption the token itself is there: the check above is not vacuous.
    expect(value).toContain(token.accessToken);
  });

  it("with encryptionKey holds no readable token, and another process with the key reads it", async () => {
    const keyPrefix = freshPrefix();
    const writer = localAuth(tokens.url, {
      store: storeWith({ keyPrefix, encryptionKey: KEY }),
    });
    const token = await writer.getToken();
    const requestsBefore = tokens.requests.length;
    const [value] = await rawValues(keyPrefix);
    expect(value).not.toContain(token.accessToken);
    expect(value).not.toContain(CLIENT_SECRET);
    expect(JSON.parse(value ?? "{}")).toMatchObject({ v: 1, alg: "AES-GCM" });

    const reader = localAuth(tokens.url, {
      store: storeWith({ keyPrefix, encryptionKey: KEY }),
    });
    await expect(reader.getToken()).resolves.toMatchObject({ expiresAt: token.expiresAt });
    expect((await reader.getToken()).accessToken).toBe(token.accessToken);
    expect(tokens.requests.length).toBe(requestsBefore);
  });

  it("uses a fresh IV on every write", async () => {
    const keyPrefix = freshPrefix();
    const store = storeWith({ keyPrefix, encryptionKey: KEY });
    const token = createToken({ accessToken: "same", expiresAt: Date.now() + 60_000 });
    await store.set("a", token, 60_000);
    const first = await connection.raw("GET", `${keyPrefix}a`);
    await store.set("a", token, 60_000);
    const second = await connection.raw("GET", `${keyPrefix}a`);
    expect(JSON.parse(String(first)).iv).not.toBe(JSON.parse(String(second)).iv);
  });

  it("reads a wrong key as a miss, not a crash, and says so through onError", async () => {
    const keyPrefix = freshPrefix();
    const right = storeWith({ keyPrefix, encryptionKey: KEY });
    const errors: PaytokError[] = [];
    const wrong = storeWith({
      keyPrefix,
      encryptionKey: OTHER_KEY,
      onError: (error) => errors.push(error),
    });
    await right.set(
      "t",
      createToken({ accessToken: "secret-token", expiresAt: Date.now() + 60_000 }),
      60_000,
    );
    await expect(wrong.get("t")).resolves.toBeUndefined();
    await expect(wrong.get("t")).resolves.toBeUndefined();
    expect(errors).toHaveLength(1); // the same value is reported once
    expect(errors[0]?.message).toMatch(/does not decrypt/);
    expect(errors[0]?.message).not.toContain("secret-token");

    // The token manager on top carries on: it fetches its own token.
    const auth = localAuth(tokens.url, { store: wrong }, "wrong-key-client");
    await expect(auth.getToken()).resolves.toMatchObject({ tokenType: "Bearer" });
  });

  it("does not decrypt a value copied under another key", async () => {
    const keyPrefix = freshPrefix();
    const store = storeWith({ keyPrefix, encryptionKey: KEY });
    await store.set(
      "a",
      createToken({ accessToken: "moved", expiresAt: Date.now() + 60_000 }),
      60_000,
    );
    await connection.raw("COPY", `${keyPrefix}a`, `${keyPrefix}b`);
    await expect(store.get("a")).resolves.toBeDefined();
    await expect(store.get("b")).resolves.toBeUndefined();
  });

  it("refuses plain values when a key is set, and encrypted ones when none is", async () => {
    const keyPrefix = freshPrefix();
    const plain = storeWith({ keyPrefix });
    const sealed = storeWith({ keyPrefix, encryptionKey: KEY });
    const token = createToken({ accessToken: "x", expiresAt: Date.now() + 60_000 });
    await plain.set("p", token, 60_000);
    await sealed.set("s", token, 60_000);
    await expect(sealed.get("p")).resolves.toBeUndefined();
    await expect(plain.get("s")).resolves.toBeUndefined();
    await expect(plain.get("p")).resolves.toBeDefined();
    await expect(sealed.get("s")).resolves.toBeDefined();
  });

  it("takes a Web Crypto CryptoKey, raw bytes or base64, and refuses anything else", async () => {
    const cryptoKey = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, [
      "encrypt",
      "decrypt",
    ]);
    const keyPrefix = freshPrefix();
    const store = storeWith({ keyPrefix, encryptionKey: cryptoKey });
    await store.set("k", createToken({ accessToken: "y", expiresAt: Date.now() + 60_000 }), 60_000);
    expect((await store.get("k"))?.accessToken).toBe("y");
    expect(() => storeWith({ encryptionKey: new Uint8Array(16) })).not.toThrow();

    const refusals: unknown[] = [new Uint8Array(10), "c2hvcnQ=", "not base64 at all!", 42];
    for (const encryptionKey of refusals) {
      let caught: unknown;
      try {
        storeWith({ encryptionKey: encryptionKey as never });
      } catch (error) {
        caught = error;
      }
      expect(isPaytokError(caught, "PAYTOK_CONFIGURATION")).toBe(true);
    }
    const hmac = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
    ]);
    expect(() => storeWith({ encryptionKey: hmac })).toThrow(/AES-GCM CryptoKey/);
  });

  it("never puts the token into an error, even when Redis refuses the write", async () => {
    await connection.raw("CONFIG", "SET", "maxmemory", "1");
    try {
      for (const kind of clientKinds) {
        const other = await connectClient(kind, server.url);
        const errors: PaytokError[] = [];
        const store = createRedisTokenStore({
          client: other.client,
          keyPrefix: freshPrefix(),
          onError: (error) => errors.push(error),
        });
        const token = createToken({ accessToken: "tok-in-oom", expiresAt: Date.now() + 60_000 });
        let thrown: unknown;
        await store.set("t", token, 60_000).catch((error: unknown) => {
          thrown = error;
        });
        store.dispose();
        await other.close();
        expect(isPaytokError(thrown, "PAYTOK_NETWORK_ERROR")).toBe(true);
        expect(errors).toHaveLength(1);
        expect(String((thrown as Error).message)).toMatch(/OOM/);
        for (const error of [thrown, ...errors]) {
          expect(inspect(error, { depth: 10 })).not.toContain("tok-in-oom");
          expect(JSON.stringify(error)).not.toContain("tok-in-oom");
          expect(inspect((error as Error).cause, { depth: 10 })).not.toContain("tok-in-oom");
        }
      }
    } finally {
      await connection.raw("CONFIG", "SET", "maxmemory", "0");
    }
  });
});
