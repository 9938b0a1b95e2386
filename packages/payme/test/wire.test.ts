import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createPaymeAuth,
  createPaymeClient,
  paymeEnvironments,
  paymeTokenPath,
} from "../src/index.js";
import { paymeHandlers, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from "../src/testing.js";

const handlers = paymeHandlers();
const server = setupServer(...handlers);
const tokenUrl = `${paymeEnvironments.preprod}${paymeTokenPath}`;
const AUDIENCE = "https://api.preprod.alignet.io";

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

const options = {
  clientId: SANDBOX_CLIENT_ID,
  clientSecret: SANDBOX_CLIENT_SECRET,
  audience: AUDIENCE,
  retry: false as const,
};

describe("getToken() on the wire", () => {
  it("sends the documented JSON request with ALG-API-VERSION", async () => {
    const auth = createPaymeAuth(options);
    const token = await auth.getToken();
    expect(handlers.tokenRequests).toHaveLength(1);
    const request = handlers.tokenRequests[0];
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("https://auth.preprod.alignet.io/token");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["alg-api-version"]).toBe("1709847567");
    expect(request?.headers.accept).toBe("application/json");
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toBe(
      '{"action":"authorize","grant_type":"client_credentials","audience":"https://api.preprod.alignet.io","client_id":"paytok-sandbox-client","client_secret":"paytok-sandbox-secret","scope":"create:token post:charges get:charges delete:charges"}',
    );
    expect(token.accessToken).toBe(handlers.issued[0]?.accessToken);
    expect(token.scope).toBe("create:token post:charges get:charges delete:charges");
    expect(token.refreshToken).toBeUndefined();
  });

  it("sends the chosen scopes, create:token first, without duplicates", async () => {
    const auth = createPaymeAuth({
      ...options,
      scope: ["get:charges", "create:token", "get:charges"],
    });
    await auth.getToken();
    expect(JSON.parse(handlers.tokenRequests[0]?.body ?? "{}").scope).toBe(
      "create:token get:charges",
    );
  });

  it("escapes credentials as JSON", async () => {
    const clientSecret = 'quote" back\\slash ñ';
    server.use(...paymeHandlers({ clientSecret }));
    const auth = createPaymeAuth({ ...options, clientSecret });
    const recorded: string[] = [];
    server.events.on("request:start", async ({ request }) => {
      recorded.push(await request.clone().text());
    });
    await auth.getToken();
    server.events.removeAllListeners();
    expect(recorded[0]).toContain('"client_secret":"quote\\" back\\\\slash ñ"');
    expect(JSON.parse(recorded[0] ?? "{}").client_secret).toBe(clientSecret);
  });

  it("a new token after forceRefresh is another client_credentials request", async () => {
    const auth = createPaymeAuth(options);
    await auth.getToken();
    await auth.getToken({ forceRefresh: true });
    expect(handlers.tokenRequests).toHaveLength(2);
    expect(handlers.tokenRequests[1]?.body).toBe(handlers.tokenRequests[0]?.body);
  });

  it("uses the production URL for environment: production", async () => {
    const production = paymeHandlers({ environment: "production" });
    server.use(...production);
    const auth = createPaymeAuth({ ...options, environment: "production" });
    await auth.getToken();
    expect(production.tokenRequests[0]?.url).toBe("https://auth.alignet.io/token");
    expect(handlers.tokenRequests).toHaveLength(0);
  });

  it("uses an explicit baseUrl", async () => {
    const local = paymeHandlers({ baseUrl: "http://localhost:4010" });
    server.use(...local);
    const auth = createPaymeAuth({ ...options, baseUrl: "http://localhost:4010/" });
    await auth.getToken();
    expect(local.tokenRequests[0]?.url).toBe("http://localhost:4010/token");
  });
});

describe("createPaymeClient() on the wire", () => {
  const body = {
    action: "authorize",
    grant_type: "client_credentials",
    audience: AUDIENCE,
    client_id: SANDBOX_CLIENT_ID,
    client_secret: SANDBOX_CLIENT_SECRET,
    scope: "create:token post:charges",
  } as const;

  it("sends the JSON body and the ALG-API-VERSION header", async () => {
    const client = createPaymeClient();
    const { data, error, response } = await client.POST("/token", {
      params: { header: { "ALG-API-VERSION": "1709847567" } },
      body,
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.success).toBe(true);
    expect(data?.access_token).toBe(handlers.issued[0]?.accessToken);
    expect(data?.expires_in).toBe(8600);
    const request = handlers.tokenRequests[0];
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe(tokenUrl);
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["alg-api-version"]).toBe("1709847567");
    expect(request?.headers.accept).toBe("application/json");
    expect(request?.body).toBe(JSON.stringify(body));
  });

  it("sends ALG-API-VERSION from the client defaults too", async () => {
    const client = createPaymeClient({ headers: { "X-Request-Id": "r-1" } });
    // A JavaScript caller that leaves out params still sends the header.
    const { response } = await client.POST("/token", { body } as never);
    expect(response.status).toBe(200);
    expect(handlers.tokenRequests[0]?.headers["alg-api-version"]).toBe("1709847567");
    expect(handlers.tokenRequests[0]?.headers["x-request-id"]).toBe("r-1");
  });

  it("reads a 401 with no typed body", async () => {
    const client = createPaymeClient({ environment: "preprod" });
    const { data, error, response } = await client.POST("/token", {
      params: { header: { "ALG-API-VERSION": "1709847567" } },
      body: { ...body, client_secret: "wrong-secret" },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error).toBeDefined();
  });

  it("targets production", async () => {
    const production = paymeHandlers({ environment: "production" });
    server.use(...production);
    await createPaymeClient({ environment: "production" }).POST("/token", {
      params: { header: { "ALG-API-VERSION": "1709847567" } },
      body,
    });
    expect(production.tokenRequests[0]?.url).toBe("https://auth.alignet.io/token");
  });
});
