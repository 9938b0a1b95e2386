// auth.middleware and auth.fetch against the sandbox's echo API, which (like Pay-me's API)
// requires ALG-API-VERSION on every call.
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import createClient from "openapi-fetch";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPaymeAuth } from "../src/index.js";
import { paymeHandlers, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from "../src/testing.js";

const handlers = paymeHandlers();
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

interface Echo {
  ok: boolean;
  method: string;
  path: string;
  body: string;
}
interface EchoPaths {
  "/anything": {
    get: { responses: { 200: { content: { "application/json": Echo } } } };
    post: {
      requestBody: { content: { "application/json": { amount: number; currency: string } } };
      responses: { 200: { content: { "application/json": Echo } } };
    };
  };
}

function newAuth() {
  return createPaymeAuth({
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
    audience: "https://api.preprod.alignet.io",
    retry: false,
  });
}

function newClient() {
  const auth = newAuth();
  const client = createClient<EchoPaths>({ baseUrl: handlers.apiUrl });
  client.use(auth.middleware);
  return { auth, client };
}

describe("the sandbox echo API", () => {
  it("refuses a valid token without ALG-API-VERSION (so the tests below can fail)", async () => {
    const token = await newAuth().getToken();
    const response = await fetch(`${handlers.apiUrl}/anything`, {
      headers: { Authorization: `Bearer ${token.accessToken}` },
    });
    expect(response.status).toBe(400);
    const withHeader = await fetch(`${handlers.apiUrl}/anything`, {
      headers: { Authorization: `Bearer ${token.accessToken}`, "ALG-API-VERSION": "1709847567" },
    });
    expect(withHeader.status).toBe(200);
  });
});

describe("auth.middleware", () => {
  it("attaches the bearer token and ALG-API-VERSION", async () => {
    const { client } = newClient();
    const { data, response } = await client.GET("/anything");
    expect(response.status).toBe(200);
    expect(data?.ok).toBe(true);
    const request = handlers.apiRequests[0];
    expect(request?.headers.authorization).toBe(`Bearer ${handlers.issued[0]?.accessToken}`);
    expect(request?.headers["alg-api-version"]).toBe("1709847567");
  });

  it("after a revoked token: exactly one new token, one retry with both headers, the POST body re-sent", async () => {
    const { client } = newClient();
    await client.GET("/anything");
    handlers.revoke();
    const { data, response } = await client.POST("/anything", {
      body: { amount: 1250, currency: "PEN" },
    });
    expect(response.status).toBe(200);
    expect(data?.body).toBe('{"amount":1250,"currency":"PEN"}');
    expect(handlers.tokenRequests).toHaveLength(2);
    expect(handlers.apiRequests).toHaveLength(3);
    const [, refused, retried] = handlers.apiRequests;
    expect(refused?.headers.authorization).toBe(`Bearer ${handlers.issued[0]?.accessToken}`);
    expect(retried?.headers.authorization).toBe(`Bearer ${handlers.issued[1]?.accessToken}`);
    expect(retried?.headers["alg-api-version"]).toBe("1709847567");
    expect(retried?.body).toBe(refused?.body);
  });

  it("many parallel 401s with the same stale token lead to one new token", async () => {
    const { client } = newClient();
    await client.GET("/anything");
    handlers.revoke();
    const results = await Promise.all(Array.from({ length: 10 }, () => client.GET("/anything")));
    expect(results.every((result) => result.response.status === 200)).toBe(true);
    expect(handlers.tokenRequests).toHaveLength(2);
  });

  it("a second 401 is handed back, not retried again", async () => {
    const { client } = newClient();
    let calls = 0;
    server.use(
      http.all(`${handlers.apiUrl}/*`, () => {
        calls += 1;
        return new HttpResponse(null, { status: 401 });
      }),
    );
    const { response } = await client.GET("/anything");
    expect(response.status).toBe(401);
    expect(calls).toBe(2);
  });
});

describe("auth.fetch", () => {
  it("attaches the bearer token and ALG-API-VERSION", async () => {
    const auth = newAuth();
    const response = await auth.fetch(`${handlers.apiUrl}/anything`);
    expect(response.status).toBe(200);
    expect(handlers.apiRequests[0]?.headers["alg-api-version"]).toBe("1709847567");
    expect(handlers.apiRequests[0]?.headers.authorization).toBe(
      `Bearer ${handlers.issued[0]?.accessToken}`,
    );
  });

  it("after a revoked token: exactly one new token, one retry, the POST body re-sent", async () => {
    const auth = newAuth();
    await auth.fetch(`${handlers.apiUrl}/anything`);
    handlers.revoke();
    const response = await auth.fetch(`${handlers.apiUrl}/anything`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: '{"charge":"C-1"}',
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Echo).body).toBe('{"charge":"C-1"}');
    expect(handlers.tokenRequests).toHaveLength(2);
    expect(handlers.apiRequests).toHaveLength(3);
    expect(handlers.apiRequests[2]?.body).toBe('{"charge":"C-1"}');
    expect(handlers.apiRequests[2]?.headers["alg-api-version"]).toBe("1709847567");
  });
});

describe("auth.headers()", () => {
  it("returns Authorization and ALG-API-VERSION", async () => {
    const auth = newAuth();
    expect(await auth.headers()).toEqual({
      Authorization: `Bearer ${handlers.issued[0]?.accessToken}`,
      "ALG-API-VERSION": "1709847567",
    });
  });
});
