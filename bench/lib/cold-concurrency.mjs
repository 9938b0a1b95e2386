// Benchmark 2: 10,000 authenticated calls started at once on a cold cache. A token layer that
// shares one request in progress asks for one token; one that does not asks once per caller.
import createClient from "openapi-fetch";
import { createHandWrittenMiddleware } from "./hand-written-middleware.mjs";
import { createOAuth2FetchLayer } from "./oauth2-fetch-layer.mjs";
import { authOptions, CLIENT_SECRET } from "./providers.mjs";
import { API_BASE_URL, API_URL, createStubFetch, TOKEN_BASE_URL } from "./stub-fetch.mjs";

export const COLD_CALLERS = 10_000;
/** A token answer arrives after this long, as a round trip would: the callers overlap it. */
export const COLD_TOKEN_DELAY_MS = 20;

/**
 * @param {{ entry: import("./providers.mjs").ProviderEntry, factory: Function, tokenPath: string }} provider
 */
export async function benchmarkColdConcurrency(provider, { callers = COLD_CALLERS } = {}) {
  const tokenUrl = `${TOKEN_BASE_URL}${provider.tokenPath}`;
  const credentialsFor = (stub) => ({
    tokenUrl,
    fetch: stub.fetch,
    clientId: provider.entry.clientId,
    clientSecret: CLIENT_SECRET,
  });
  const paytokAuth = (stub) =>
    provider.factory(authOptions(provider.entry, { baseUrl: TOKEN_BASE_URL, fetch: stub.fetch }));

  /** Each row builds its layer on a fresh stub and returns one call. */
  const rows = [
    {
      id: "openapi-fetch + paytok auth.middleware",
      paytok: true,
      build(stub) {
        const client = createClient({ baseUrl: API_BASE_URL, fetch: stub.fetch });
        client.use(paytokAuth(stub).middleware);
        return () => client.GET("/orders");
      },
    },
    {
      id: "paytok auth.fetch",
      paytok: true,
      build(stub) {
        const auth = paytokAuth(stub);
        return () => auth.fetch(API_URL);
      },
    },
    {
      id: "openapi-fetch + hand-written middleware",
      build(stub) {
        const client = createClient({ baseUrl: API_BASE_URL, fetch: stub.fetch });
        client.use(createHandWrittenMiddleware(credentialsFor(stub)));
        return () => client.GET("/orders");
      },
    },
    {
      id: "openapi-fetch + OAuth2Fetch as fetch",
      globalFetch: true,
      build(stub) {
        const oauth2 = createOAuth2FetchLayer(credentialsFor(stub));
        const client = createClient({
          baseUrl: API_BASE_URL,
          fetch: (request) => oauth2.fetch(request),
        });
        return () => client.GET("/orders");
      },
    },
  ];

  const results = [];
  for (const row of rows) {
    const stub = createStubFetch({ tokenUrl, tokenDelayMs: COLD_TOKEN_DELAY_MS });
    const originalFetch = globalThis.fetch;
    if (row.globalFetch) globalThis.fetch = stub.fetch;
    try {
      const call = row.build(stub);
      globalThis.gc?.();
      const startedAt = performance.now();
      const settled = await Promise.allSettled(Array.from({ length: callers }, () => call()));
      const elapsedMs = performance.now() - startedAt;
      const failed = settled.filter(
        (outcome) => outcome.status === "rejected" || outcome.value?.error !== undefined,
      ).length;
      results.push({
        id: row.id,
        paytok: row.paytok === true,
        callers,
        tokenRequests: stub.counters.tokenRequests,
        apiRequests: stub.counters.apiRequests,
        failed,
        elapsedMs,
      });
    } finally {
      globalThis.fetch = originalFetch;
    }
  }
  results.unshift({
    id: "openapi-fetch, fixed header (floor)",
    floor: true,
    callers,
    tokenRequests: undefined,
    note: "no token requests: the token is fixed",
  });
  return { provider: provider.entry.id, tokenDelayMs: COLD_TOKEN_DELAY_MS, rows: results };
}
