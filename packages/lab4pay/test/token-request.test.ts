// What goes on the wire: method, exact path, headers and body bytes, as msw received them.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createLab4payAuth, createLab4payClient } from "../src/index.js";
import { lab4payHandlers } from "../src/testing.js";

const handlers = lab4payHandlers();
const development = lab4payHandlers({ environment: "development" });
const server = setupServer(...handlers, ...development);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
  development.reset();
});
afterAll(() => server.close());

const credentials = () => ({
  clientId: handlers.credentials.clientId,
  clientSecret: handlers.credentials.clientSecret,
});

describe("getToken()", () => {
  it("POSTs the JSON credentials to https://api-payment.lab4pay.com/v1/auth/token/", async () => {
    const auth = createLab4payAuth({ ...credentials(), retry: false });
    await auth.getToken();

    expect(handlers.tokenRequests).toHaveLength(1);
    const [request] = handlers.tokenRequests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("https://api-payment.lab4pay.com/v1/auth/token/");
    expect(request?.headers).toEqual({
      "content-type": "application/json",
      accept: "application/json",
    });
    expect(request?.body).toBe(
      '{"grant_type":"client_credentials","client_id":"paytok-sandbox-client","client_secret":"paytok-sandbox-secret"}',
    );
  });

  it("sends one request for 100 parallel callers and reuses the token", async () => {
    const auth = createLab4payAuth({ ...credentials(), retry: false });
    const tokens = await Promise.all(Array.from({ length: 100 }, () => auth.getToken()));
    await auth.getToken();
    expect(handlers.tokenRequests).toHaveLength(1);
    expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
  });

  it("keeps the trailing slash of the path and sends no Authorization header", async () => {
    const auth = createLab4payAuth({ ...credentials(), retry: false });
    await auth.getToken();
    const request = handlers.tokenRequests[0];
    expect(new URL(request?.url ?? "").pathname).toBe("/v1/auth/token/");
    expect(request?.headers.authorization).toBeUndefined();
  });

  it("escapes credentials as JSON strings", async () => {
    const clientId = 'id "quoted" \\ é';
    const clientSecret = "secret\nwith\u2028line breaks";
    const custom = lab4payHandlers({ clientId, clientSecret });
    server.use(...custom);
    const auth = createLab4payAuth({ clientId, clientSecret, retry: false });
    await auth.getToken();
    expect(custom.tokenRequests[0]?.body).toBe(
      `{"grant_type":"client_credentials","client_id":"id \\"quoted\\" \\\\ é","client_secret":"secret\\nwith\u2028line breaks"}`,
    );
    expect(JSON.parse(custom.tokenRequests[0]?.body ?? "")).toEqual({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
    });
  });

  it("asks the .dev host for environment: development", async () => {
    const auth = createLab4payAuth({ ...credentials(), environment: "development", retry: false });
    await auth.getToken();
    expect(handlers.tokenRequests).toHaveLength(0);
    expect(development.tokenRequests[0]?.url).toBe(
      "https://api-payment.lab4pay.dev/v1/auth/token/",
    );
  });

  it("appends the token path to an explicit baseUrl (trailing slashes dropped)", async () => {
    const proxy = lab4payHandlers({ baseUrl: "https://proxy.example.test/lab4pay" });
    server.use(...proxy);
    const auth = createLab4payAuth({
      ...credentials(),
      baseUrl: "https://proxy.example.test/lab4pay/",
      retry: false,
    });
    await auth.getToken();
    expect(proxy.tokenRequests[0]?.url).toBe("https://proxy.example.test/lab4pay/v1/auth/token/");
  });
});

describe("createLab4payClient()", () => {
  it("sends the documented request from the typed body", async () => {
    const client = createLab4payClient();
    const { data, error, response } = await client.POST("/v1/auth/token/", {
      body: {
        grant_type: "client_credentials",
        client_id: handlers.credentials.clientId,
        client_secret: handlers.credentials.clientSecret,
      },
    });

    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.expires_in).toBe("3600");
    expect(data?.token_type).toBe("Bearer");
    expect(data?.scope).toBe("default");
    const [request] = handlers.tokenRequests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("https://api-payment.lab4pay.com/v1/auth/token/");
    expect(request?.headers).toEqual({
      "content-type": "application/json",
      accept: "application/json",
    });
    expect(request?.body).toBe(
      '{"grant_type":"client_credentials","client_id":"paytok-sandbox-client","client_secret":"paytok-sandbox-secret"}',
    );
  });

  it("adds the caller's headers and honours environment", async () => {
    const client = createLab4payClient({
      environment: "development",
      headers: { "X-Request-Id": "abc-123" },
    });
    const { response } = await client.POST("/v1/auth/token/", {
      body: {
        grant_type: "client_credentials",
        client_id: handlers.credentials.clientId,
        client_secret: handlers.credentials.clientSecret,
      },
    });
    expect(response.status).toBe(200);
    expect(development.tokenRequests[0]?.headers).toEqual({
      "content-type": "application/json",
      accept: "application/json",
      "x-request-id": "abc-123",
    });
  });

  it("reads globalThis.fetch at call time, not at creation", async () => {
    const client = createLab4payClient();
    const spy = vi.spyOn(globalThis, "fetch");
    try {
      const { response } = await client.POST("/v1/auth/token/", {
        body: { grant_type: "client_credentials", client_id: "wrong", client_secret: "wrong" },
      });
      expect(response.status).toBe(400);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it("sends through a custom fetch", async () => {
    const seen: string[] = [];
    const client = createLab4payClient({
      fetch: (request) => {
        seen.push(`${request.method} ${request.url}`);
        return globalThis.fetch(request);
      },
    });
    await client.POST("/v1/auth/token/", {
      body: { grant_type: "client_credentials", client_id: "wrong", client_secret: "wrong" },
    });
    expect(seen).toEqual(["POST https://api-payment.lab4pay.com/v1/auth/token/"]);
  });
});
