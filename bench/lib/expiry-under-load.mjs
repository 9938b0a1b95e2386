// Benchmark 3: short-lived tokens under steady load over real loopback HTTP. Counts the token
// requests, the calls that reached the API with an expired token, and the calls that had to wait
// for a token request once the first token was there.
import createClient from "openapi-fetch";
import { createHandWrittenMiddleware } from "./hand-written-middleware.mjs";
import { median } from "./interleaved-rounds.mjs";
import { startLoopbackTokenServer } from "./loopback-token-server.mjs";
import { createOAuth2FetchLayer } from "./oauth2-fetch-layer.mjs";
import { authOptions, CLIENT_SECRET } from "./providers.mjs";

export const EXPIRY_SETTINGS = {
  lifetimeSeconds: 2,
  callers: 10,
  durationMs: 10_000,
  /** How long the token endpoint takes to answer; the API answers at once. */
  tokenLatencyMs: 25,
};

/**
 * Token requests go through this wrapper, which notes when each access token became available to
 * the layer: a call that sends a token which became available after the call started must have
 * waited for that token request.
 */
function createTokenAvailabilityRecorder() {
  const availableAt = new Map();
  const tokenFetch = async (input, init) => {
    const response = await fetch(input, init);
    const text = await response.text();
    try {
      const accessToken = JSON.parse(text).access_token;
      if (typeof accessToken === "string") availableAt.set(accessToken, performance.now());
    } catch {
      // Not a token answer; the layer will report it.
    }
    return new Response(text, { status: response.status, headers: response.headers });
  };
  return { tokenFetch, availableAt };
}

/**
 * @param {{ entry: import("./providers.mjs").ProviderEntry, factory: Function, tokenPath: string }} provider
 */
export async function benchmarkExpiryUnderLoad(provider, settings = EXPIRY_SETTINGS) {
  const rows = [
    {
      id: "openapi-fetch + paytok auth.middleware",
      paytok: true,
      build({ baseUrl, tokenFetch }) {
        const auth = provider.factory(authOptions(provider.entry, { baseUrl, fetch: tokenFetch }));
        return (send) => {
          const client = createClient({ baseUrl: `${baseUrl}/api`, fetch: send });
          client.use(auth.middleware);
          return () => client.GET("/orders");
        };
      },
    },
    {
      id: "openapi-fetch + hand-written middleware",
      build({ baseUrl, tokenFetch }) {
        const middleware = createHandWrittenMiddleware({
          tokenUrl: `${baseUrl}${provider.tokenPath}`,
          fetch: tokenFetch,
          clientId: provider.entry.clientId,
          clientSecret: CLIENT_SECRET,
        });
        return (send) => {
          const client = createClient({ baseUrl: `${baseUrl}/api`, fetch: send });
          client.use(middleware);
          return () => client.GET("/orders");
        };
      },
    },
    {
      // OAuth2Fetch's middleware form, so that each caller's requests go through its own `send`.
      id: "openapi-fetch + OAuth2Fetch (mw)",
      build({ baseUrl, tokenFetch }) {
        const oauth2 = createOAuth2FetchLayer({
          tokenUrl: `${baseUrl}${provider.tokenPath}`,
          fetch: tokenFetch,
          clientId: provider.entry.clientId,
          clientSecret: CLIENT_SECRET,
        });
        return (send) => {
          const client = createClient({
            baseUrl: `${baseUrl}/api`,
            fetch: (request) => oauth2.mw()(request, send),
          });
          return () => client.GET("/orders");
        };
      },
    },
  ];

  const results = [];
  for (const row of rows) {
    results.push({
      id: row.id,
      paytok: row.paytok === true,
      ...(await runRow(row, provider, settings)),
    });
  }
  return { provider: provider.entry.id, settings, rows: results };
}

async function runRow(row, provider, settings) {
  const server = await startLoopbackTokenServer({
    tokenPath: provider.tokenPath,
    lifetimeSeconds: settings.lifetimeSeconds,
    tokenLatencyMs: settings.tokenLatencyMs,
  });
  const { tokenFetch, availableAt } = createTokenAvailabilityRecorder();
  try {
    const clientFor = row.build({ baseUrl: server.baseUrl, tokenFetch });
    const latencies = [];
    let calls = 0;
    let failedCalls = 0;
    let waitedCalls = 0;
    let longestWaitMs = 0;

    const caller = async (deadline) => {
      /** The bearer tokens the current call sent: the first try and any retry after a 401. */
      const sentTokens = [];
      const send = (input, init) => {
        const request = new Request(input, init);
        sentTokens.push(request.headers.get("Authorization")?.replace(/^Bearer /, ""));
        return fetch(request);
      };
      const call = clientFor(send);
      while (performance.now() < deadline) {
        sentTokens.length = 0;
        const startedAt = performance.now();
        const result = await call().catch((error) => ({ error }));
        const endedAt = performance.now();
        calls += 1;
        latencies.push(endedAt - startedAt);
        if (result.error !== undefined || !result.response?.ok) failedCalls += 1;
        // A token that became available only after the call started was waited for.
        const waited = sentTokens.some((token) => !(availableAt.get(token) < startedAt));
        if (waited) {
          waitedCalls += 1;
          longestWaitMs = Math.max(longestWaitMs, endedAt - startedAt);
        }
      }
    };

    // Warm-up: the first token, fetched before the clock starts.
    const warmUp = await clientFor(fetch)();
    if (!warmUp.response?.ok) throw new Error(`${row.id}: warm-up call failed`);
    server.resetCounters();
    globalThis.gc?.();
    const deadline = performance.now() + settings.durationMs;
    await Promise.all(Array.from({ length: settings.callers }, () => caller(deadline)));

    latencies.sort((left, right) => left - right);
    return {
      calls,
      failedCalls,
      tokenRequests: server.counters.tokenRequests,
      apiCallsWithExpiredToken: server.counters.apiCallsWithExpiredToken,
      apiCallsWithUnknownToken: server.counters.apiCallsWithUnknownToken,
      waitedCalls,
      longestWaitMs,
      medianLatencyMs: median(latencies),
      p99LatencyMs: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))],
    };
  } finally {
    await server.close();
  }
}
