export type { EncryptionKey } from "./encryption-key.js";
export {
  type ClientListener,
  createRedisAdapter,
  type IoRedisClientLike,
  type NodeRedisClientLike,
  type RedisAdapter,
  type RedisClientLike,
  type RedisConnectionListeners,
} from "./redis-adapter.js";
export {
  createRedisTokenStore,
  type RedisTokenStore,
  type RedisTokenStoreOptions,
} from "./redis-token-store.js";
export { VALUE_VERSION } from "./token-codec.js";
