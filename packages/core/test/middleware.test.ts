import { HttpResponse, http } from "msw";
import createClient from "openapi-fetch";
import { describe, expect, it, vi } from "vitest";
import { createAuth, type PaytokAuth } from "../src/index.js";
import {
  API_URL,
  createTestpayAuth,
  createTokenEndpoint,
  type Deferred,
  deferred,
  defineProvider,
  recordEvents,
  rejection,
  useMswServer,
} from "./helpers.js";

const server = useMswServer();

interface Order {
  index: number;
  note: string;
}
interface Echo {
  authorization: string | null;
  body: string;
}
interface NoParameters {
  query?: never;
  header?: never;
  path?: never;
  cookie?: never;
}
interface JsonResponse<Body> {
  headers: Record<string, unknown>;
  content: { "application/json": Body };
}
/** A hand-written slice of what openapi-typescript would generate for a small orders API. */
interface paths {
  "/orders": {
    parameters: NoParameters;
    get: {
      parameters: NoParameters;
      requestBody?: never;
      responses: { 200: JsonResponse<Echo>; 401: JsonResponse<unknown> };
    };
    post: {
      parameters: NoParameters;
      requestBody: { content: { "application/json": Order } };
      responses: { 200: JsonResponse<Echo>; 401: JsonResponse<unknown> };
    };
  };
}

interface ApiRequest {
  method: string;
  authorization: string | null;
  headers: Headers;
  /** The raw body bytes as they arrived. */
  body: Uint8Array;
}

type ApiDecision = (request: ApiRequest) => Response | undefined | Promise<Response | undefined>;

/** An API below API_URL that records every request and, by default, echoes it with 200. */
function createApi(decide?: ApiDecision) {
  const requests: ApiRequest[] = [];
  let decision = decide;
  const handler = http.all(`${API_URL}/*`, async ({ request }) => {
    const recorded: ApiRequest = {
      method: request.method,
      authorization: request.headers.get("authorization"),
      headers: request.headers,
      body: new Uint8Array(await request.arrayBuffer()),
    };
    requests.push(recorded);
    return (
      (await decision?.(recorded)) ??
      HttpResponse.json({
        authorization: recorded.authorization,
        body: new TextDecoder().decode(recorded.body),
      } satisfies Echo)
    );
  });
  return {
    handler,
    requests,
    decide(next: ApiDecision | undefined) {
      decision = next;
    },
    withToken(accessToken: string | undefined) {
      return requests.filter((request) => request.authorization === `Bearer ${accessToken}`);
    },
  };
}

const unauthorized = () =>
  HttpResponse.json(
    { error: "invalid_token" },
    { status: 401, headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } },
  );

function setUp(apiHeaders: Record<string, string> = { "X-Api-Version": "2024-06-01" }) {
  const endpoint = createTokenEndpoint();
  const api = createApi();
  server.use(endpoint.handler, api.handler);
  const recorder = recordEvents();
  const auth = createAuth(defineProvider({ apiHeaders }), { onEvent: recorder.onEvent });
  return { endpoint, api, auth, recorder };
}

/**
 * Answers 401 to every request that carries `staleToken`, holding each answer until all `expected`
 * have arrived, so that they are truly parallel. The test then releases the answers in two waves.
 */
function holdStaleRequests(
  api: ReturnType<typeof createApi>,
  staleToken: string,
  expected: number,
) {
  const held: Deferred<void>[] = [];
  const allArrived = deferred();
  api.decide(async (request) => {
    if (request.authorization !== `Bearer ${staleToken}`) return undefined;
    const gate = deferred();
    held.push(gate);
    if (held.length === expected) allArrived.resolve();
    await gate.promise;
    return unauthorized();
  });
  return {
    allArrived: allArrived.promise,
    release(from: number, to: number) {
      for (const gate of held.slice(from, to)) gate.resolve();
    },
  };
}

/**
 * 100 parallel requests all carrying a token the API no longer accepts. The 401s are released in
 * two waves: the second wave arrives after the new token is cached, so an invalidate that did not
 * compare tokens would throw the new one away and fetch a third.
 */
async function hundredParallelUnauthorized(
  setup: ReturnType<typeof setUp>,
  send: (index: number) => Promise<Response>,
) {
  const { endpoint, api, auth } = setup;
  const stale = await auth.getToken();
  const gate = holdStaleRequests(api, stale.accessToken, 100);
  const responses = Promise.all(Array.from({ length: 100 }, (_, index) => send(index)));
  await gate.allArrived;
  expect(endpoint.count).toBe(1);
  gate.release(0, 50);
  await vi.waitFor(() => expect(api.withToken(endpoint.issued[1]?.accessToken)).toHaveLength(50), {
    timeout: 10_000,
  });
  gate.release(50, 100);
  const settled = await responses;

  expect(endpoint.count).toBe(2);
  expect(api.requests).toHaveLength(200);
  expect(api.withToken(stale.accessToken)).toHaveLength(100);
  expect(api.withToken(endpoint.issued[1]?.accessToken)).toHaveLength(100);
  for (const response of settled) expect(response.status).toBe(200);
  return settled;
}

/** The two requests the API saw for one logical request, told apart by their body bytes. */
function sentTwice(api: ReturnType<typeof createApi>, body: Uint8Array) {
  const matching = api.requests.filter((request) => Buffer.from(request.body).equals(body));
  expect(matching).toHaveLength(2);
  return matching;
}

describe("auth.middleware on an openapi-fetch client", () => {
  it("100 parallel 401s: one new token, each request re-sent once with its JSON body byte for byte", async () => {
    const setup = setUp();
    const client = createClient<paths>({ baseUrl: API_URL });
    client.use(setup.auth.middleware);
    const orders = Array.from({ length: 100 }, (_, index) => ({
      index,
      note: `naïve café ☕ 𝄞 "quoted" \\ line\nbreak #${index}`,
    }));

    const responses = await hundredParallelUnauthorized(setup, async (index) => {
      const order = orders[index] as Order;
      const { data, response } = await client.POST("/orders", { body: order });
      expect(data?.body).toBe(JSON.stringify(order));
      return response;
    });

    expect(responses).toHaveLength(100);
    for (const order of orders) {
      const bytes = new TextEncoder().encode(JSON.stringify(order));
      const [first, retry] = sentTwice(setup.api, bytes);
      expect(first?.authorization).not.toBe(retry?.authorization);
      expect(retry?.headers.get("content-type")).toBe("application/json");
      expect(retry?.headers.get("x-api-version")).toBe("2024-06-01");
    }
  });

  it("a second 401 is returned untouched: no second retry, no third token", async () => {
    const { endpoint, api, auth } = setUp();
    api.decide(() => new HttpResponse("still unauthorized", { status: 401 }));
    const client = createClient<paths>({ baseUrl: API_URL });
    client.use(auth.middleware);

    const { error, response } = await client.POST("/orders", { body: { index: 1, note: "x" } });

    expect(response.status).toBe(401);
    expect(error).toBe("still unauthorized");
    expect(api.requests).toHaveLength(2);
    expect(endpoint.count).toBe(2);
  });

  it("re-sends a GET (no body) once after a 401", async () => {
    const { endpoint, api, auth } = setUp();
    const stale = await auth.getToken();
    api.decide((request) =>
      request.authorization === `Bearer ${stale.accessToken}` ? unauthorized() : undefined,
    );
    const client = createClient<paths>({ baseUrl: API_URL });
    client.use(auth.middleware);

    const { data, response } = await client.GET("/orders");

    expect(response.status).toBe(200);
    expect(data?.authorization).toBe(`Bearer ${endpoint.issued[1]?.accessToken}`);
    expect(api.requests.map((request) => request.method)).toEqual(["GET", "GET"]);
  });

  it.each([200, 201, 400, 403, 404, 409, 500, 503])(
    "passes a %i through untouched, with no retry and no new token",
    async (status) => {
      const { endpoint, api, auth, recorder } = setUp();
      api.decide(() =>
        status === 201 || status === 200
          ? HttpResponse.json({ authorization: "n/a", body: `status ${status}` }, { status })
          : HttpResponse.json({ error: `status ${status}` }, { status }),
      );
      const client = createClient<paths>({ baseUrl: API_URL });
      client.use(auth.middleware);

      const { data, error, response } = await client.POST("/orders", {
        body: { index: 0, note: "n" },
      });

      expect(response.status).toBe(status);
      expect(status < 300 ? data : error).toMatchObject(
        status < 300 ? { body: `status ${status}` } : { error: `status ${status}` },
      );
      expect(api.requests).toHaveLength(1);
      expect(endpoint.count).toBe(1);
      expect(recorder.of("token_invalidated")).toHaveLength(0);
    },
  );

  it("sends the retry through the client's own fetch", async () => {
    const { endpoint, api, auth } = setUp();
    const stale = await auth.getToken();
    api.decide((request) =>
      request.authorization === `Bearer ${stale.accessToken}` ? unauthorized() : undefined,
    );
    const seen: string[] = [];
    const client = createClient<paths>({
      baseUrl: API_URL,
      fetch: (request) => {
        seen.push(request.headers.get("authorization") ?? "");
        return globalThis.fetch(request);
      },
    });
    client.use(auth.middleware);

    await client.POST("/orders", { body: { index: 0, note: "via custom fetch" } });

    expect(seen).toEqual([
      `Bearer ${stale.accessToken}`,
      `Bearer ${endpoint.issued[1]?.accessToken}`,
    ]);
  });

  it("a 401 reports token_invalidated with reason unauthorized", async () => {
    const { api, auth, recorder } = setUp();
    const stale = await auth.getToken();
    api.decide((request) =>
      request.authorization === `Bearer ${stale.accessToken}` ? unauthorized() : undefined,
    );
    const client = createClient<paths>({ baseUrl: API_URL });
    client.use(auth.middleware);

    await client.GET("/orders");

    expect(recorder.of("token_invalidated").map((event) => event.reason)).toEqual(["unauthorized"]);
  });
});

describe("auth.fetch", () => {
  /** Every byte value, then the index: bodies that no text encoding round-trips by accident. */
  const binaryBody = (index: number) =>
    Uint8Array.from([...Array.from({ length: 256 }, (_, value) => value), index]);

  it("100 parallel 401s: one new token, each request re-sent once with its binary body byte for byte", async () => {
    const setup = setUp();
    await hundredParallelUnauthorized(setup, (index) =>
      setup.auth.fetch(`${API_URL}/uploads`, {
        method: "POST",
        headers: { "Content-Type": "application/octet-stream" },
        body: binaryBody(index),
      }),
    );
    for (let index = 0; index < 100; index++) {
      const [, retry] = sentTwice(setup.api, binaryBody(index));
      expect(retry?.headers.get("content-type")).toBe("application/octet-stream");
      expect(retry?.headers.get("x-api-version")).toBe("2024-06-01");
    }
  });

  it("re-sends a streamed body byte for byte", async () => {
    const { endpoint, api, auth } = setUp();
    const stale = await auth.getToken();
    api.decide((request) =>
      request.authorization === `Bearer ${stale.accessToken}` ? unauthorized() : undefined,
    );
    const bytes = binaryBody(7);
    const init = {
      method: "PUT",
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.subarray(0, 100));
          controller.enqueue(bytes.subarray(100));
          controller.close();
        },
      }),
      duplex: "half",
    };

    const response = await auth.fetch(`${API_URL}/stream`, init as RequestInit);

    expect(response.status).toBe(200);
    const [first, retry] = sentTwice(api, bytes);
    expect(first?.authorization).toBe(`Bearer ${stale.accessToken}`);
    expect(retry?.authorization).toBe(`Bearer ${endpoint.issued[1]?.accessToken}`);
  });

  it("accepts a Request object and keeps its method, headers and body on the retry", async () => {
    const { endpoint, api, auth } = setUp();
    const stale = await auth.getToken();
    api.decide((request) =>
      request.authorization === `Bearer ${stale.accessToken}` ? unauthorized() : undefined,
    );
    const request = new Request(`${API_URL}/orders?page=2`, {
      method: "PATCH",
      headers: { "X-Request-Id": "abc-123", "Content-Type": "text/plain;charset=utf-8" },
      body: "état=ok",
    });

    const response = await auth.fetch(request);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      authorization: `Bearer ${endpoint.issued[1]?.accessToken}`,
      body: "état=ok",
    });
    const retry = api.requests[1];
    expect(retry?.method).toBe("PATCH");
    expect(retry?.headers.get("x-request-id")).toBe("abc-123");
  });

  it("a second 401 is returned untouched", async () => {
    const { endpoint, api, auth } = setUp();
    api.decide(() => new HttpResponse("go away", { status: 401 }));
    const response = await auth.fetch(`${API_URL}/orders`, { method: "POST", body: "a=1" });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe("go away");
    expect(api.requests).toHaveLength(2);
    expect(endpoint.count).toBe(2);
  });

  it.each([200, 204, 403, 500])("passes a %i through untouched", async (status) => {
    const { endpoint, api, auth } = setUp();
    api.decide(() => new HttpResponse(status === 204 ? null : `body ${status}`, { status }));
    const response = await auth.fetch(`${API_URL}/orders`, { method: "POST", body: "a=1" });
    expect(response.status).toBe(status);
    expect(await response.text()).toBe(status === 204 ? "" : `body ${status}`);
    expect(api.requests).toHaveLength(1);
    expect(endpoint.count).toBe(1);
  });

  it("rejects with the token error when no new token can be had after a 401", async () => {
    const { endpoint, api, auth } = setUp();
    const stale = await auth.getToken();
    api.decide(() => unauthorized());
    endpoint.respond(() => HttpResponse.json({ error: "invalid_client" }, { status: 401 }));

    const error = await rejection(auth.fetch(`${API_URL}/orders`));

    expect(error.code).toBe("PAYTOK_TOKEN_REQUEST_FAILED");
    expect(error.oauthError).toBe("invalid_client");
    expect(api.withToken(stale.accessToken)).toHaveLength(1);
  });

  it("uses the fetch passed in the options for the API calls too", async () => {
    const { endpoint } = setUp();
    const calls: string[] = [];
    const auth = createTestpayAuth({
      fetch: (input, init) => {
        calls.push(input instanceof Request ? input.url : String(input));
        return globalThis.fetch(input, init);
      },
    });
    await auth.fetch(`${API_URL}/orders`);
    expect(calls).toEqual([endpoint.handler.info.path, `${API_URL}/orders`]);
  });
});

describe("auth.headers()", () => {
  it("returns the bearer header and the provider's headers", async () => {
    const { endpoint, auth } = setUp({ "ALG-API-VERSION": "1709847567" });
    expect(await auth.headers()).toEqual({
      Authorization: `Bearer ${endpoint.issued[0]?.accessToken}`,
      "ALG-API-VERSION": "1709847567",
    });
  });

  it("honours forceRefresh", async () => {
    const { endpoint, auth } = setUp({});
    await auth.headers();
    const forced = await auth.headers({ forceRefresh: true });
    expect(forced).toEqual({ Authorization: `Bearer ${endpoint.issued[1]?.accessToken}` });
  });
});

describe("the auth object", () => {
  it("is frozen and has the documented members", () => {
    const { auth } = setUp();
    expect(Object.isFrozen(auth)).toBe(true);
    expect(Object.keys(auth).sort()).toEqual([
      "Request",
      "close",
      "fetch",
      "getToken",
      "headers",
      "invalidate",
      "middleware",
    ] satisfies (keyof PaytokAuth)[]);
  });
});
