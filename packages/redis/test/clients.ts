import { Redis } from "ioredis";
import { createClient } from "redis";
import type { RedisClientLike } from "../src/index.js";

/** A connected client of either library, plus a raw command runner and a way to close it. */
export interface TestClient {
  client: RedisClientLike;
  raw(...args: string[]): Promise<unknown>;
  close(): Promise<void>;
}

export type ClientKind = "ioredis" | "node-redis";

export const clientKinds: readonly ClientKind[] = ["ioredis", "node-redis"];

export async function connectClient(kind: ClientKind, url: string): Promise<TestClient> {
  if (kind === "ioredis") {
    const client = new Redis(url, { lazyConnect: true });
    client.on("error", () => {});
    await client.connect();
    return {
      client,
      raw: (command, ...args) => client.call(command, args),
      close: async () => client.disconnect(),
    };
  }
  const client = createClient({ url });
  client.on("error", () => {});
  await client.connect();
  return {
    client,
    raw: (...args) => client.sendCommand(args),
    close: async () => client.destroy(),
  };
}
