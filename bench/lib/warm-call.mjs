// Benchmark 1: what one authenticated call costs with a warm token, against the same call with a
// fixed `Authorization` header. `fetch` is an in-process stub, the same for every row, so the
// only difference between rows is the auth layer.
import createClient from "openapi-fetch";
import { createHandWrittenMiddleware } from "./hand-written-middleware.mjs";
import { median, quantile, runInterleavedRounds } from "./interleaved-rounds.mjs";
import { createOAuth2FetchLayer } from "./oauth2-fetch-layer.mjs";
import { authOptions, CLIENT_SECRET } from "./providers.mjs";
import {
  API_BASE_URL,
  API_URL,
  createStubFetch,
  FIXED_ACCESS_TOKEN,
  TOKEN_BASE_URL,
} from "./stub-fetch.mjs";

export const WARM_CALL_GOAL_RATIO = 0.97;

/**
 * @param {{ entry: import("./providers.mjs").ProviderEntry, factory: Function, tokenPath: string }} provider
 * @param {{ rounds?: number, iterations?: number, batch?: number, warmupRounds?: number, clock?: "cpu" | "wall" }} options
 */
export async function benchmarkWarmCall(provider, options = {}) {
  const { rounds = 120, iterations = 4, batch = 50, warmupRounds = 10, clock = "cpu" } = options;
  const tokenUrl = `${TOKEN_BASE_URL}${provider.tokenPath}`;
  const stub = createStubFetch({ tokenUrl });
  const credentials = {
    tokenUrl,
    fetch: stub.fetch,
    clientId: provider.entry.clientId,
    clientSecret: CLIENT_SECRET,
  };
  const fixedHeaders = { Authorization: `Bearer ${FIXED_ACCESS_TOKEN}` };

  const floorClient = createClient({
    baseUrl: API_BASE_URL,
    fetch: stub.fetch,
    headers: fixedHeaders,
  });

  const auth = provider.factory(
    authOptions(provider.entry, { baseUrl: TOKEN_BASE_URL, fetch: stub.fetch }),
  );
  const paytokClient = createClient({ baseUrl: API_BASE_URL, fetch: stub.fetch });
  paytokClient.use(auth.middleware);

  // Not an auth layer: what openapi-fetch's middleware machinery costs on its own.
  const emptyMiddlewareClient = createClient({
    baseUrl: API_BASE_URL,
    fetch: stub.fetch,
    headers: fixedHeaders,
  });
  emptyMiddlewareClient.use({ async onRequest() {} });

  const handWrittenClient = createClient({ baseUrl: API_BASE_URL, fetch: stub.fetch });
  handWrittenClient.use(createHandWrittenMiddleware(credentials));

  // OAuth2Fetch.fetch calls the global fetch: it is the stub for the duration of this benchmark.
  const oauth2 = createOAuth2FetchLayer(credentials);
  const oauth2Client = createClient({
    baseUrl: API_BASE_URL,
    fetch: (request) => oauth2.fetch(request),
  });

  // A typical payment call: a POST with a JSON body of about 1 KB.
  const order = {
    amount: { value: 12500, currency: "EUR" },
    reference: "order-2026-12-01-0001",
    customer: { id: "cus_4711", email: "buyer@example.com", name: "Ada Lovelace" },
    items: Array.from({ length: 8 }, (_, index) => ({
      sku: `sku-${index}`,
      name: `Item number ${index}`,
      quantity: index + 1,
      unitPrice: 1000 + index * 25,
    })),
    metadata: { channel: "web", campaign: "winter", note: "deliver after 18:00" },
  };
  const orderJson = JSON.stringify(order);
  const post = (client) => client.POST("/orders", { body: order });

  // The integration the README recommends for openapi-fetch: paytok's fetch and Request in place
  // of the client's own, no middleware machinery per call (when the core offers it).
  const recommendedClient =
    auth.Request === undefined
      ? undefined
      : createClient({ baseUrl: API_BASE_URL, fetch: auth.fetch, Request: auth.Request });
  const recommended = (method) =>
    recommendedClient === undefined
      ? []
      : [
          {
            id: "openapi-fetch + paytok fetch and Request (recommended)",
            paytok: true,
            call: () =>
              method === "GET" ? recommendedClient.GET("/orders") : post(recommendedClient),
          },
        ];
  const openapiGroup = (method) => {
    const call = (client) => (method === "GET" ? client.GET("/orders") : post(client));
    return [
      {
        id: `openapi-fetch ${method}, fixed header (floor)`,
        floor: true,
        call: () => call(floorClient),
      },
      {
        id: `openapi-fetch ${method}, fixed header + empty middleware (reference)`,
        reference: true,
        call: () => call(emptyMiddlewareClient),
      },
      {
        id: `openapi-fetch ${method} + paytok auth.middleware`,
        paytok: true,
        call: () => call(paytokClient),
      },
      ...recommended(method),
      {
        id: `openapi-fetch ${method} + hand-written middleware`,
        call: () => call(handWrittenClient),
      },
      { id: `openapi-fetch ${method} + OAuth2Fetch as fetch`, call: () => call(oauth2Client) },
    ].map((row) => ({ ...row, id: row.id.replace("(recommended)", `${method} (recommended)`) }));
  };
  const postInit = (headers) => ({
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: orderJson,
  });
  const fetchGroup = (method) => [
    {
      id: `fetch ${method}, fixed header (floor)`,
      floor: true,
      call: () =>
        stub.fetch(API_URL, method === "GET" ? { headers: fixedHeaders } : postInit(fixedHeaders)),
    },
    {
      // Not an auth layer: shows how much of a fetch wrapper's cost is building a Request, which
      // a real fetch does anyway but the stub does not.
      id: `fetch ${method}(new Request(…)), fixed header (reference)`,
      reference: true,
      call: () =>
        stub.fetch(
          new Request(
            API_URL,
            method === "GET" ? { headers: fixedHeaders } : postInit(fixedHeaders),
          ),
        ),
    },
    {
      id: `paytok auth.fetch ${method}${method === "POST" ? " (string body)" : ""}`,
      paytok: true,
      call: () => (method === "GET" ? auth.fetch(API_URL) : auth.fetch(API_URL, postInit({}))),
    },
    {
      id: `OAuth2Fetch.fetch ${method}`,
      call: () => (method === "GET" ? oauth2.fetch(API_URL) : oauth2.fetch(API_URL, postInit({}))),
    },
  ];
  const groups = [
    { name: "openapi-fetch client, GET", rows: openapiGroup("GET") },
    { name: "openapi-fetch client, POST with a 1 KB JSON body", rows: openapiGroup("POST") },
    { name: "plain fetch, GET", rows: fetchGroup("GET") },
    { name: "plain fetch, POST with a 1 KB string body", rows: fetchGroup("POST") },
  ];

  const originalFetch = globalThis.fetch;
  globalThis.fetch = stub.fetch;
  try {
    const rows = groups.flatMap((group) => group.rows);
    // Warm every token cache, and check that each row really sends a bearer token.
    for (const row of rows) await row.call();
    await assertBearerSent(stub, rows);
    const tokenRequestsBefore = stub.counters.tokenRequests;
    const perRound = await runInterleavedRounds(rows, {
      rounds,
      iterations,
      batch,
      warmupRounds,
      clock,
    });
    const tokenRequestsDuring = stub.counters.tokenRequests - tokenRequestsBefore;
    return {
      provider: provider.entry.id,
      settings: { rounds, iterations, batch, warmupRounds, clock },
      tokenRequestsDuring,
      bodyBytes: orderJson.length,
      groups: groups.map((group) => ({ name: group.name, rows: summarize(group.rows, perRound) })),
    };
  } finally {
    globalThis.fetch = originalFetch;
  }
}

/**
 * Per row: median µs/call and ops/s; against the floor, and against the group's reference row,
 * the per-round ratio (other time ÷ row time) and difference (row time − other time), each the
 * median over rounds, with the ratio's quartiles (half of the rounds fall between them).
 */
function summarize(rows, perRound) {
  const floorTimes = perRound.get(rows.find((row) => row.floor).id);
  const referenceTimes = perRound.get(rows.find((row) => row.reference).id);
  const compare = (times, otherTimes) => {
    const ratios = times.map((time, round) => otherTimes[round] / time);
    return {
      ratio: median(ratios),
      quartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
      addedMicroseconds: median(times.map((time, round) => time - otherTimes[round])),
    };
  };
  return rows.map((row) => {
    const times = perRound.get(row.id);
    const microseconds = median(times);
    const toFloor = compare(times, floorTimes);
    return {
      id: row.id,
      floor: row.floor === true,
      paytok: row.paytok === true,
      reference: row.reference === true,
      microsecondsPerCall: microseconds,
      opsPerSecond: 1e6 / microseconds,
      ratioToFloor: toFloor.ratio,
      ratioQuartiles: toFloor.quartiles,
      overheadMicroseconds: toFloor.addedMicroseconds,
      toReference: row.floor || row.reference ? undefined : compare(times, referenceTimes),
    };
  });
}

/** A row that sends no bearer token would be measuring nothing: refuse to report it. */
async function assertBearerSent(stub, rows) {
  for (const row of rows) {
    const sent = await stub.authorizationsSentBy(row.call);
    if (sent.length !== 1 || !sent[0]?.startsWith("Bearer ")) {
      throw new Error(`${row.id} did not send exactly one request with a bearer token`);
    }
  }
}
