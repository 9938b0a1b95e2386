import { PaytokError } from "@paytok/core";

const packageName = "@paytok/redis";

/**
 * The five Redis operations the token store needs. Pass one of your own as `client` to use a
 * Redis client other than ioredis or node-redis.
 */
export interface RedisAdapter {
  /** `GET key`: the value, or `null` when the key does not exist. */
  get(key: string): Promise<string | null>;
  /**
   * `SET key value PX ttlMs`, with `NX` when `onlyIfAbsent` is true. Resolves whether the value
   * was written (`false` only when `NX` found the key).
   */
  set(
    key: string,
    value: string,
    ttlMs: number,
    options?: { onlyIfAbsent?: boolean },
  ): Promise<boolean>;
  /** `DEL key`. */
  delete(key: string): Promise<void>;
  /** Deletes `key` only while it holds `value`, atomically. Resolves whether it did. */
  deleteIfValue(key: string, value: string): Promise<boolean>;
  /**
   * Optional: calls `ready` whenever the connection is (re)established and `error` when the client
   * reports a failure. Returns a function that stops the calls.
   */
  watch?(listeners: RedisConnectionListeners): () => void;
}

export interface RedisConnectionListeners {
  ready(): void;
  error(cause: unknown): void;
}

/** A listener as EventEmitter-style clients take it. */
export type ClientListener = (...args: unknown[]) => void;

interface ClientEvents {
  on?(event: string, listener: ClientListener): unknown;
  off?(event: string, listener: ClientListener): unknown;
}

/** The part of an ioredis client (`Redis` or `Cluster`) the store uses. */
export interface IoRedisClientLike extends ClientEvents {
  readonly status: string;
  call(command: string, args: (string | number)[]): Promise<unknown>;
}

/** The part of a node-redis v4–v6 client (`createClient()`) the store uses. */
export interface NodeRedisClientLike extends ClientEvents {
  readonly isOpen: boolean;
  sendCommand(args: string[]): Promise<unknown>;
}

/** What `createRedisTokenStore({ client })` accepts. */
export type RedisClientLike = IoRedisClientLike | NodeRedisClientLike | RedisAdapter;

/** Compare-and-delete: only the owner of a lock may release it. */
const DELETE_IF_VALUE_SCRIPT =
  'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end';

function setArguments(
  key: string,
  value: string,
  ttlMs: number,
  onlyIfAbsent: boolean | undefined,
): string[] {
  const args = [key, value, "PX", String(Math.max(1, Math.ceil(ttlMs)))];
  if (onlyIfAbsent === true) args.push("NX");
  return args;
}

function watchEvents(client: ClientEvents): RedisAdapter["watch"] {
  const { on, off } = client;
  if (typeof on !== "function" || typeof off !== "function") return undefined;
  return (listeners) => {
    const ready: ClientListener = () => listeners.ready();
    const error: ClientListener = (cause) => listeners.error(cause);
    on.call(client, "ready", ready);
    on.call(client, "error", error);
    return () => {
      off.call(client, "ready", ready);
      off.call(client, "error", error);
    };
  };
}

function fromIoRedis(client: IoRedisClientLike): RedisAdapter {
  const call = (command: string, args: (string | number)[]) => client.call(command, args);
  const watch = watchEvents(client);
  return {
    async get(key) {
      const value = await call("GET", [key]);
      return typeof value === "string" ? value : value == null ? null : String(value);
    },
    async set(key, value, ttlMs, options) {
      return (await call("SET", setArguments(key, value, ttlMs, options?.onlyIfAbsent))) !== null;
    },
    async delete(key) {
      await call("DEL", [key]);
    },
    async deleteIfValue(key, value) {
      return Number(await call("EVAL", [DELETE_IF_VALUE_SCRIPT, 1, key, value])) === 1;
    },
    ...(watch === undefined ? {} : { watch }),
  };
}

function fromNodeRedis(client: NodeRedisClientLike): RedisAdapter {
  const send = (args: string[]) => client.sendCommand(args);
  const watch = watchEvents(client);
  return {
    async get(key) {
      const value = await send(["GET", key]);
      return typeof value === "string" ? value : value == null ? null : String(value);
    },
    async set(key, value, ttlMs, options) {
      return (
        (await send(["SET", ...setArguments(key, value, ttlMs, options?.onlyIfAbsent)])) !== null
      );
    },
    async delete(key) {
      await send(["DEL", key]);
    },
    async deleteIfValue(key, value) {
      return Number(await send(["EVAL", DELETE_IF_VALUE_SCRIPT, "1", key, value])) === 1;
    },
    ...(watch === undefined ? {} : { watch }),
  };
}

function isAdapter(client: object): client is RedisAdapter {
  const candidate = client as unknown as Partial<Record<keyof RedisAdapter, unknown>>;
  return (
    typeof candidate.get === "function" &&
    typeof candidate.set === "function" &&
    typeof candidate.delete === "function" &&
    typeof candidate.deleteIfValue === "function"
  );
}

/**
 * Wraps an ioredis client, a node-redis v4–v6 client or an adapter of your own (returned as is),
 * told apart by shape: ioredis has `status` and `call`, node-redis has `isOpen` and
 * `sendCommand`. Neither library is imported.
 */
export function createRedisAdapter(client: RedisClientLike): RedisAdapter {
  if (typeof client === "object" && client !== null) {
    if (isAdapter(client)) return client;
    const candidate = client as unknown as Partial<Record<string, unknown>>;
    if (typeof candidate.status === "string" && typeof candidate.call === "function") {
      return fromIoRedis(client as IoRedisClientLike);
    }
    if (typeof candidate.isOpen === "boolean" && typeof candidate.sendCommand === "function") {
      return fromNodeRedis(client as NodeRedisClientLike);
    }
  }
  throw new PaytokError(
    "PAYTOK_CONFIGURATION",
    "client must be an ioredis client, a node-redis v4–v6 client or a RedisAdapter",
    { packageName },
  );
}
