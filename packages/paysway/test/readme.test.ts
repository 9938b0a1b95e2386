// The README's examples, run against the sandbox handlers. Named after the README sections.
import { isPaytokError } from "@paytok/core";
import { setupServer } from "msw/node";
import createClient from "openapi-fetch";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPayswayAuth, createPayswayClient } from "../src/index.js";
import { payswayHandlers } from "../src/testing.js";

/** Stand-in for the user's own generated API types. */
interface paths {
  "/payments/validations": {
    post: { responses: { 200: { content: { "application/json": { ok: boolean } } } } };
  };
}

const handlers = payswayHandlers();
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
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
    const auth = createPayswayAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: handlers.credentials.clientSecret,
    });

    const token = await auth.getToken();
    expect(token.tokenType).toBe("Bearer");
    expect(token.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);

    const api = createClient<paths>({
      baseUrl: handlers.apiUrl,
      fetch: (request) => globalThis.fetch(request),
    });
    api.use(auth.middleware);
    const { data } = await api.POST("/payments/validations");
    expect(data).toMatchObject({ ok: true });

    const response = await auth.fetch(`${handlers.apiUrl}/payments/validations`, {
      method: "POST",
    });
    expect(response.status).toBe(200);
    expect(await auth.headers()).toEqual({ Authorization: `Bearer ${token.accessToken}` });
    expect(handlers.tokenRequests).toHaveLength(1);
  });

  it("Quick start: the raw call", async () => {
    const client = createPayswayClient();
    const { data } = await client.POST("/oauth2/token", {
      body: {
        grant_type: "client_credentials",
        client_id: handlers.credentials.clientId,
        client_secret: handlers.credentials.clientSecret,
      },
    });
    expect(data).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
    const { error } = await client.POST("/oauth2/token", {
      body: { grant_type: "client_credentials", client_id: "someone", client_secret: "wrong" },
    });
    expect(error).toEqual({ error: "invalid_client" });
  });

  it("Errors: invalid_client means a wrong client id or secret", async () => {
    const auth = createPayswayAuth({ clientId: "m2m-client", clientSecret: "wrong-secret" });
    let checked = false;
    try {
      await auth.getToken();
    } catch (error) {
      if (
        isPaytokError(error, "PAYTOK_TOKEN_REQUEST_FAILED") &&
        error.oauthError === "invalid_client"
      ) {
        checked = true;
      }
    }
    expect(checked).toBe(true);
  });

  it("Testing: gets a new token when the API answers 401", async () => {
    const auth = createPayswayAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: handlers.credentials.clientSecret,
    });
    const first = await auth.getToken();
    handlers.revoke(first.accessToken);

    const response = await settlesWithin(
      auth.fetch(`${handlers.apiUrl}/payments/validations`, {
        method: "POST",
        body: JSON.stringify({ iban: "DE89370400440532013000" }),
      }),
    );

    expect(response.status).toBe(200);
    expect(handlers.issued).toHaveLength(2);
    expect(handlers.apiRequests).toHaveLength(2);
  });
});
