// What goes on the wire: method, exact path, headers (HTTP Basic) and body bytes, as msw received.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  basicAuthorization,
  createAlternativePaymentsAuth,
  createAlternativePaymentsClient,
} from "../src/index.js";
import { alternativePaymentsHandlers } from "../src/testing.js";

const handlers = alternativePaymentsHandlers();
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

/** base64("paytok-sandbox-client:paytok-sandbox-secret"), computed outside the code under test. */
const SANDBOX_BASIC = "Basic cGF5dG9rLXNhbmRib3gtY2xpZW50OnBheXRvay1zYW5kYm94LXNlY3JldA==";

const credentials = () => ({
  clientId: handlers.credentials.clientId,
  clientSecret: handlers.credentials.clientSecret,
});

describe("getToken()", () => {
  it("POSTs grant_type only, with HTTP Basic credentials, over https", async () => {
    const auth = createAlternativePaymentsAuth({ ...credentials(), retry: false });
    await auth.getToken();

    expect(handlers.tokenRequests).toHaveLength(1);
    const [request] = handlers.tokenRequests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("https://public-api.alternativepayments.io/oauth/token");
    expect(request?.headers).toEqual({
      authorization: SANDBOX_BASIC,
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    });
    expect(request?.body).toBe("grant_type=client_credentials");
  });

  it("form-encodes id and secret before base64 (RFC 6749 §2.3.1)", async () => {
    const clientId = "client:id é+1%";
    const clientSecret = "s3cret: +é%/pass";
    const custom = alternativePaymentsHandlers({ clientId, clientSecret });
    server.use(...custom);
    const auth = createAlternativePaymentsAuth({ clientId, clientSecret, retry: false });
    await auth.getToken();

    // base64("client%3Aid+%C3%A9%2B1%25:s3cret%3A+%2B%C3%A9%25%2Fpass")
    const expected =
      "Basic Y2xpZW50JTNBaWQrJUMzJUE5JTJCMSUyNTpzM2NyZXQlM0ErJTJCJUMzJUE5JTI1JTJGcGFzcw==";
    expect(custom.tokenRequests[0]?.headers.authorization).toBe(expected);
    expect(atob(expected.slice(6))).toBe("client%3Aid+%C3%A9%2B1%25:s3cret%3A+%2B%C3%A9%25%2Fpass");
    expect(basicAuthorization(clientId, clientSecret)).toBe(expected);
    expect(custom.tokenRequests[0]?.body).toBe("grant_type=client_credentials");
    expect(custom.issued).toHaveLength(1);
  });

  it("never puts the credentials in the body or the URL", async () => {
    const auth = createAlternativePaymentsAuth({ ...credentials(), retry: false });
    await auth.getToken();
    const [request] = handlers.tokenRequests;
    for (const part of [request?.body, request?.url]) {
      expect(part).not.toContain("client_id");
      expect(part).not.toContain("client_secret");
      expect(part).not.toContain("paytok-sandbox");
    }
  });

  it("sends one request for 100 parallel callers and reuses the token", async () => {
    const auth = createAlternativePaymentsAuth({ ...credentials(), retry: false });
    const tokens = await Promise.all(Array.from({ length: 100 }, () => auth.getToken()));
    await auth.getToken();
    expect(handlers.tokenRequests).toHaveLength(1);
    expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
  });
});

describe("createAlternativePaymentsClient()", () => {
  it("form-encodes the typed body and sends the caller's Basic header", async () => {
    const client = createAlternativePaymentsClient();
    const { data, error, response } = await client.POST("/oauth/token", {
      body: { grant_type: "client_credentials" },
      headers: {
        Authorization: basicAuthorization(
          handlers.credentials.clientId,
          handlers.credentials.clientSecret,
        ),
      },
    });

    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual({
      access_token: handlers.issued[0]?.accessToken,
      expires_in: 3600,
      token_type: "bearer",
    });
    const [request] = handlers.tokenRequests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("https://public-api.alternativepayments.io/oauth/token");
    expect(request?.headers).toEqual({
      authorization: SANDBOX_BASIC,
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    });
    expect(request?.body).toBe("grant_type=client_credentials");
  });

  it("takes the Basic header from the client options too", async () => {
    const client = createAlternativePaymentsClient({ headers: { Authorization: SANDBOX_BASIC } });
    const { response } = await client.POST("/oauth/token", {
      body: { grant_type: "client_credentials" },
    });
    expect(response.status).toBe(200);
    expect(handlers.tokenRequests[0]?.headers.authorization).toBe(SANDBOX_BASIC);
  });

  it("returns the documented 403 string map typed", async () => {
    const client = createAlternativePaymentsClient();
    const { data, error, response } = await client.POST("/oauth/token", {
      body: { grant_type: "client_credentials" },
      headers: { Authorization: basicAuthorization("nobody", "wrong") },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(403);
    expect(error).toEqual({ error: "Invalid credentials" });
  });

  it("reads globalThis.fetch at call time, not at creation", async () => {
    const client = createAlternativePaymentsClient();
    const spy = vi.spyOn(globalThis, "fetch");
    try {
      const { response } = await client.POST("/oauth/token", {
        body: { grant_type: "client_credentials" },
      });
      expect(response.status).toBe(403);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it("sends through a custom fetch", async () => {
    const seen: string[] = [];
    const client = createAlternativePaymentsClient({
      fetch: (request) => {
        seen.push(`${request.method} ${request.url}`);
        return globalThis.fetch(request);
      },
    });
    await client.POST("/oauth/token", { body: { grant_type: "client_credentials" } });
    expect(seen).toEqual(["POST https://public-api.alternativepayments.io/oauth/token"]);
  });
});
