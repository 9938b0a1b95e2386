// What goes on the wire: method, exact path, headers and body bytes, as msw received them.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createPayswayAuth, createPayswayClient } from "../src/index.js";
import { payswayHandlers } from "../src/testing.js";

const handlers = payswayHandlers();
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

const credentials = () => ({
  clientId: handlers.credentials.clientId,
  clientSecret: handlers.credentials.clientSecret,
});

const SANDBOX_BODY =
  "grant_type=client_credentials&client_id=paytok-sandbox-client&client_secret=paytok-sandbox-secret";

describe("getToken()", () => {
  it("POSTs the form-encoded credentials to https://api.paysway.dev/oauth2/token", async () => {
    const auth = createPayswayAuth({ ...credentials(), retry: false });
    await auth.getToken();

    expect(handlers.tokenRequests).toHaveLength(1);
    const [request] = handlers.tokenRequests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("https://api.paysway.dev/oauth2/token");
    expect(request?.headers).toEqual({
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    });
    // The document's cURL order: grant_type, client_id, client_secret.
    expect(request?.body).toBe(SANDBOX_BODY);
  });

  it("form-encodes credentials with reserved characters", async () => {
    const clientId = "m2m client+1";
    const clientSecret = "s&e=c/r%t é?";
    const custom = payswayHandlers({ clientId, clientSecret });
    server.use(...custom);
    const auth = createPayswayAuth({ clientId, clientSecret, retry: false });
    await auth.getToken();
    expect(custom.tokenRequests[0]?.body).toBe(
      "grant_type=client_credentials&client_id=m2m+client%2B1&client_secret=s%26e%3Dc%2Fr%25t+%C3%A9%3F",
    );
  });

  it("sends one request for 100 parallel callers and reuses the token", async () => {
    const auth = createPayswayAuth({ ...credentials(), retry: false });
    const tokens = await Promise.all(Array.from({ length: 100 }, () => auth.getToken()));
    await auth.getToken();
    expect(handlers.tokenRequests).toHaveLength(1);
    expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
  });

  it("appends the token path to an explicit baseUrl (trailing slashes dropped)", async () => {
    const proxy = payswayHandlers({ baseUrl: "https://proxy.example.test/paysway" });
    server.use(...proxy);
    const auth = createPayswayAuth({
      ...credentials(),
      baseUrl: "https://proxy.example.test/paysway/",
      retry: false,
    });
    await auth.getToken();
    expect(proxy.tokenRequests[0]?.url).toBe("https://proxy.example.test/paysway/oauth2/token");
  });
});

describe("createPayswayClient()", () => {
  it("form-encodes the typed body, in the documented order", async () => {
    const client = createPayswayClient();
    const { data, error, response } = await client.POST("/oauth2/token", {
      body: {
        grant_type: "client_credentials",
        client_id: handlers.credentials.clientId,
        client_secret: handlers.credentials.clientSecret,
      },
    });

    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual({
      access_token: handlers.issued[0]?.accessToken,
      token_type: "Bearer",
      expires_in: 3600,
    });
    const [request] = handlers.tokenRequests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("https://api.paysway.dev/oauth2/token");
    expect(request?.headers).toEqual({
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    });
    expect(request?.body).toBe(SANDBOX_BODY);
  });

  it("returns the RFC 6749 error body typed", async () => {
    const client = createPayswayClient();
    const { data, error, response } = await client.POST("/oauth2/token", {
      body: { grant_type: "client_credentials", client_id: "nobody", client_secret: "wrong" },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error).toEqual({ error: "invalid_client" });
  });

  it("adds the caller's headers", async () => {
    const client = createPayswayClient({ headers: { "X-Request-Id": "abc-123" } });
    await client.POST("/oauth2/token", {
      body: {
        grant_type: "client_credentials",
        client_id: handlers.credentials.clientId,
        client_secret: handlers.credentials.clientSecret,
      },
    });
    expect(handlers.tokenRequests[0]?.headers).toEqual({
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
      "x-request-id": "abc-123",
    });
    expect(handlers.tokenRequests[0]?.body).toBe(SANDBOX_BODY);
  });

  it("reads globalThis.fetch at call time, not at creation", async () => {
    const client = createPayswayClient();
    const spy = vi.spyOn(globalThis, "fetch");
    try {
      const { response } = await client.POST("/oauth2/token", {
        body: { grant_type: "client_credentials", client_id: "a", client_secret: "b" },
      });
      expect(response.status).toBe(401);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it("sends through a custom fetch", async () => {
    const seen: string[] = [];
    const client = createPayswayClient({
      fetch: (request) => {
        seen.push(`${request.method} ${request.url}`);
        return globalThis.fetch(request);
      },
    });
    await client.POST("/oauth2/token", {
      body: { grant_type: "client_credentials", client_id: "a", client_secret: "b" },
    });
    expect(seen).toEqual(["POST https://api.paysway.dev/oauth2/token"]);
  });
});
