// The README's examples, run against the sandbox handlers. Named after the README sections.
import { isPaytokError } from "@paytok/core";
import { setupServer } from "msw/node";
import createClient from "openapi-fetch";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLab4payAuth, createLab4payClient } from "../src/index.js";
import { lab4payHandlers } from "../src/testing.js";

/** Stand-in for the user's own generated API types. */
interface paths {
  "/orders": {
    get: { responses: { 200: { content: { "application/json": { ok: boolean } } } } };
  };
}

const development = lab4payHandlers({ environment: "development" });
const handlers = lab4payHandlers();
const server = setupServer(...development, ...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  development.reset();
  handlers.reset();
});
afterAll(() => server.close());

/** A hung 401 retry fails with a message instead of the test timeout. */
function settlesWithin<T>(promise: Promise<T>, ms = 2000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not complete within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe("README", () => {
  it("Quick start", async () => {
    const auth = createLab4payAuth({
      environment: "development",
      clientId: development.credentials.clientId,
      clientSecret: development.credentials.clientSecret,
    });

    const token = await auth.getToken();
    expect(token.tokenType).toBe("Bearer");
    expect(token.scope).toBe("default");
    expect(token.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);

    const api = createClient<paths>({
      baseUrl: development.apiUrl,
      fetch: (request) => globalThis.fetch(request),
    });
    api.use(auth.middleware);
    const { data } = await api.GET("/orders");
    expect(data).toMatchObject({ ok: true });

    const response = await auth.fetch(`${development.apiUrl}/v1/terminals`);
    expect(response.status).toBe(200);
    expect(await auth.headers()).toEqual({ Authorization: `Bearer ${token.accessToken}` });
    expect(development.tokenRequests).toHaveLength(1);
  });

  it("Quick start: the raw call", async () => {
    const client = createLab4payClient({ environment: "development" });
    const { data, error } = await client.POST("/v1/auth/token/", {
      body: {
        grant_type: "client_credentials",
        client_id: development.credentials.clientId,
        client_secret: development.credentials.clientSecret,
      },
    });
    expect(error).toBeUndefined();
    expect(data?.expires_in).toBe("3600");
  });

  it("Errors: a 400 means the Pairing credentials are wrong", async () => {
    const auth = createLab4payAuth({ clientId: "paired-client", clientSecret: "wrong-secret" });
    let checked = false;
    try {
      await auth.getToken();
    } catch (error) {
      if (isPaytokError(error, "PAYTOK_TOKEN_REQUEST_FAILED") && error.status === 400) {
        checked = true;
      }
    }
    expect(checked).toBe(true);
  });

  it("Testing: gets a new token when the API revokes the old one", async () => {
    const auth = createLab4payAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: handlers.credentials.clientSecret,
    });
    const first = await auth.getToken();
    handlers.revoke(first.accessToken);

    const response = await settlesWithin(
      auth.fetch(`${handlers.apiUrl}/orders`, {
        method: "POST",
        body: JSON.stringify({ amount: 1250 }),
      }),
    );

    expect(response.status).toBe(200);
    expect(handlers.issued).toHaveLength(2);
    expect(handlers.apiRequests).toHaveLength(2);
  });
});
