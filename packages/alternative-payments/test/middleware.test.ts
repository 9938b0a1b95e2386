// The token on API calls: openapi-fetch middleware and auth.fetch against the sandbox echo API.
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import createClient from "openapi-fetch";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAlternativePaymentsAuth } from "../src/index.js";
import { alternativePaymentsHandlers } from "../src/testing.js";

/** The echo API's shape, as a user's own generated `paths` would describe their API. */
interface EchoPaths {
  "/anything": {
    post: {
      requestBody: { content: { "application/json": { amount: number; currency: string } } };
      responses: {
        200: {
          content: {
            "application/json": { ok: boolean; method: string; path: string; body: string };
          };
        };
      };
    };
  };
}

const handlers = alternativePaymentsHandlers();
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

/**
 * Fails with a clear message instead of the test timeout when the 401 retry never completes: under
 * msw 2.15 on Node 20, cancelling a mocked response body never settles, so a middleware that waits
 * for the 401's body to be cancelled before re-sending hangs here.
 */
function settlesWithin<T>(promise: Promise<T>, ms = 2000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the 401 retry did not complete within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const auth = () =>
  createAlternativePaymentsAuth({
    clientId: handlers.credentials.clientId,
    clientSecret: handlers.credentials.clientSecret,
    retry: false,
  });

const apiClient = () =>
  createClient<EchoPaths>({
    baseUrl: handlers.apiUrl,
    fetch: (request) => globalThis.fetch(request),
  });

describe("auth.middleware", () => {
  it("attaches the bearer token (and nothing else) to API calls", async () => {
    const alternativePayments = auth();
    const client = apiClient();
    client.use(alternativePayments.middleware);
    const { data, response } = await client.POST("/anything", {
      body: { amount: 1250, currency: "EUR" },
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ ok: true, method: "POST", path: "/paytok-sandbox/api/anything" });
    const token = await alternativePayments.getToken();
    expect(handlers.apiRequests[0]?.headers.authorization).toBe(`Bearer ${token.accessToken}`);
    expect(await alternativePayments.headers()).toEqual({
      Authorization: `Bearer ${token.accessToken}`,
    });
    expect(handlers.tokenRequests).toHaveLength(1);
  });

  it("a revoked token: one new token, one retry, the same body re-sent", async () => {
    const alternativePayments = auth();
    const first = await alternativePayments.getToken();
    handlers.revoke(first.accessToken);
    const client = apiClient();
    client.use(alternativePayments.middleware);

    const { data, response } = await settlesWithin(
      client.POST("/anything", { body: { amount: 1250, currency: "EUR" } }),
    );

    expect(response.status).toBe(200);
    expect(data?.body).toBe('{"amount":1250,"currency":"EUR"}');
    expect(handlers.tokenRequests).toHaveLength(2);
    expect(handlers.issued).toHaveLength(2);
    expect(handlers.apiRequests).toHaveLength(2);
    const [rejected, retried] = handlers.apiRequests;
    expect(rejected?.headers.authorization).toBe(`Bearer ${first.accessToken}`);
    expect(retried?.headers.authorization).toBe(`Bearer ${handlers.issued[1]?.accessToken}`);
    expect(retried?.method).toBe("POST");
    expect(retried?.body).toBe(rejected?.body);
    expect(retried?.headers["content-type"]).toBe("application/json");
  });

  it("100 parallel calls with a revoked token lead to one new token", async () => {
    const alternativePayments = auth();
    handlers.revoke((await alternativePayments.getToken()).accessToken);
    const client = apiClient();
    client.use(alternativePayments.middleware);
    const results = await settlesWithin(
      Promise.all(
        Array.from({ length: 100 }, (_, index) =>
          client.POST("/anything", { body: { amount: index, currency: "EUR" } }),
        ),
      ),
    );
    expect(results.every(({ response }) => response.status === 200)).toBe(true);
    expect(handlers.tokenRequests).toHaveLength(2);
  });

  it("a second 401 is handed back, not retried again", async () => {
    let calls = 0;
    server.use(
      http.post(`${handlers.apiUrl}/anything`, () => {
        calls += 1;
        return new HttpResponse(null, { status: 401 });
      }),
    );
    const alternativePayments = auth();
    const client = apiClient();
    client.use(alternativePayments.middleware);
    const { response } = await settlesWithin(
      client.POST("/anything", { body: { amount: 1, currency: "EUR" } }),
    );
    expect(response.status).toBe(401);
    expect(calls).toBe(2);
    expect(handlers.tokenRequests).toHaveLength(2);
  });
});

describe("auth.fetch", () => {
  it("attaches the bearer token", async () => {
    const alternativePayments = auth();
    const response = await alternativePayments.fetch(`${handlers.apiUrl}/anything?page=2`);
    expect(response.status).toBe(200);
    const token = await alternativePayments.getToken();
    expect(handlers.apiRequests[0]?.headers.authorization).toBe(`Bearer ${token.accessToken}`);
    expect(handlers.apiRequests[0]?.url).toBe(`${handlers.apiUrl}/anything?page=2`);
  });

  it("a revoked token: one new token, one retry, the same body re-sent", async () => {
    const alternativePayments = auth();
    const first = await alternativePayments.getToken();
    handlers.revoke(first.accessToken);

    const response = await settlesWithin(
      alternativePayments.fetch(`${handlers.apiUrl}/anything`, {
        method: "POST",
        headers: { "Content-Type": "text/plain", "X-Trace": "t-1" },
        body: "amount=1250&currency=EUR",
      }),
    );

    expect(response.status).toBe(200);
    expect(((await response.json()) as { body: string }).body).toBe("amount=1250&currency=EUR");
    expect(handlers.tokenRequests).toHaveLength(2);
    const [rejected, retried] = handlers.apiRequests;
    expect(handlers.apiRequests).toHaveLength(2);
    expect(retried?.body).toBe(rejected?.body);
    expect(retried?.headers["x-trace"]).toBe("t-1");
    expect(retried?.headers.authorization).toBe(`Bearer ${handlers.issued[1]?.accessToken}`);
  });

  it("refuses to send a token over plain HTTP to a remote host", async () => {
    const alternativePayments = auth();
    await expect(
      alternativePayments.fetch("http://api.example.test/anything"),
    ).rejects.toMatchObject({
      code: "PAYTOK_INSECURE_URL",
    });
    expect(handlers.tokenRequests).toHaveLength(0);
  });
});
