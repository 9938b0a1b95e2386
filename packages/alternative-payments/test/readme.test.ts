// The README's examples, run against the sandbox handlers. Named after the README sections.
import { isPaytokError } from "@paytok/core";
import { setupServer } from "msw/node";
import createClient from "openapi-fetch";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  basicAuthorization,
  createAlternativePaymentsAuth,
  createAlternativePaymentsClient,
} from "../src/index.js";
import { alternativePaymentsHandlers } from "../src/testing.js";

/** Stand-in for the user's own generated API types. */
interface paths {
  "/payments": {
    get: { responses: { 200: { content: { "application/json": { ok: boolean } } } } };
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
    const auth = createAlternativePaymentsAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: handlers.credentials.clientSecret,
    });

    const token = await auth.getToken();
    expect(token.tokenType).toBe("Bearer");
    expect(handlers.tokenRequests[0]?.url).toBe(
      "https://public-api.alternativepayments.io/oauth/token",
    );

    const api = createClient<paths>({
      baseUrl: handlers.apiUrl,
      fetch: (request) => globalThis.fetch(request),
    });
    api.use(auth.middleware);
    const { data } = await api.GET("/payments");
    expect(data).toMatchObject({ ok: true });

    const response = await auth.fetch(`${handlers.apiUrl}/payments`);
    expect(response.status).toBe(200);
    expect(await auth.headers()).toEqual({ Authorization: `Bearer ${token.accessToken}` });
    expect(handlers.tokenRequests).toHaveLength(1);
  });

  it("Quick start: the raw call", async () => {
    const { clientId, clientSecret } = handlers.credentials;
    const client = createAlternativePaymentsClient();
    const { data } = await client.POST("/oauth/token", {
      body: { grant_type: "client_credentials" },
      headers: { Authorization: basicAuthorization(clientId, clientSecret) },
    });
    expect(data).toMatchObject({ expires_in: 3600, token_type: "bearer" });
    const { error } = await client.POST("/oauth/token", {
      body: { grant_type: "client_credentials" },
      headers: { Authorization: basicAuthorization(clientId, "wrong") },
    });
    expect(error).toEqual({ error: "Invalid credentials" });
  });

  it("Errors: a 403 carries the provider's message", async () => {
    const auth = createAlternativePaymentsAuth({ clientId: "my-client", clientSecret: "wrong" });
    let description: string | undefined;
    try {
      await auth.getToken();
    } catch (error) {
      if (isPaytokError(error, "PAYTOK_TOKEN_REQUEST_FAILED") && error.status === 403) {
        description = error.oauthErrorDescription;
      }
    }
    expect(description).toBe("Invalid credentials");
  });

  it("Testing: gets a new token when the API revokes the old one", async () => {
    const auth = createAlternativePaymentsAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: handlers.credentials.clientSecret,
    });
    const first = await auth.getToken();
    handlers.revoke(first.accessToken);

    const response = await settlesWithin(
      auth.fetch(`${handlers.apiUrl}/payments`, {
        method: "POST",
        body: JSON.stringify({ amount: 1250 }),
      }),
    );

    expect(response.status).toBe(200);
    expect(handlers.issued).toHaveLength(2);
    expect(handlers.apiRequests).toHaveLength(2);
  });
});
