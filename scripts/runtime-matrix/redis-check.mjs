// The Redis check of the Node rows: two auth objects, each with its own Redis connection and
// store (as two processes of a fleet would have), ask for a token at the same moment; the store's
// lock lets one of them fetch it and the other one reads it from Redis.
import { createRedisTokenStore } from "@paytok/redis";
import { Redis } from "ioredis";
import { createAuth, expectEqual } from "./client.mjs";

export const redisCheck = {
  name: "redis",
  async run({ provider, control, config }) {
    // A prefix per row and provider: a row must never find a token an earlier row stored.
    const keyPrefix = `runtime-matrix:${config.row}:${provider.name}:`;
    const clients = [0, 1].map(
      () => new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 }),
    );
    try {
      await Promise.all(clients.map((client) => client.connect()));
      const errors = [];
      const auths = clients.map((client) =>
        createAuth(provider.name, {
          baseUrl: provider.baseUrl,
          ...provider.credentials,
          store: createRedisTokenStore({
            client,
            keyPrefix,
            // The store carries on without Redis when a call is slow; on a busy machine that
            // would turn into a second token request, which is what this check counts.
            operationTimeoutMs: 10_000,
            onError: (error) => errors.push(`${error.code}: ${error.message}`),
          }),
        }),
      );
      const before = await control.state(provider.name);
      const tokens = await Promise.all(auths.map((auth) => auth.getToken()));
      const after = await control.state(provider.name);
      expectEqual("Redis store errors", errors.join("; "), "");
      expectEqual(
        "token requests for two auths sharing Redis",
        after.tokenRequests - before.tokenRequests,
        1,
      );
      expectEqual("both auths use one token", tokens[0].accessToken, tokens[1].accessToken);
    } finally {
      for (const client of clients) client.disconnect();
    }
  },
};
