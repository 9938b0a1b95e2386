import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createPaylaterAuth,
  createPaylaterClient,
  paylaterEnvironments,
  paylaterTokenPath,
} from "../src/index.js";
import { paylaterHandlers, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from "../src/testing.js";

const handlers = paylaterHandlers();
const server = setupServer(...handlers);
const tokenUrl = `${paylaterEnvironments.sandbox}${paylaterTokenPath}`;

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

const credentials = { clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET };

describe("getToken() on the wire", () => {
  it("sends the documented client_credentials request", async () => {
    const auth = createPaylaterAuth({ ...credentials, retry: false });
    const token = await auth.getToken();
    expect(handlers.tokenRequests).toHaveLength(1);
    const request = handlers.tokenRequests[0];
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe(tokenUrl);
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request?.headers.accept).toBe("application/json");
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toBe(
      "grant_type=client_credentials&client_id=paytok-sandbox-client&client_secret=paytok-sandbox-secret",
    );
    expect(token.accessToken).toBe(handlers.issued[0]?.accessToken);
    expect(token.tokenType).toBe("Bearer");
    expect(token.refreshToken).toBe(handlers.issued[0]?.refreshToken);
  });

  it("form-encodes credentials with reserved and non-ASCII characters", async () => {
    const clientSecret = "s3cr&t=+ %/ñ";
    server.use(...paylaterHandlers({ clientSecret }));
    const auth = createPaylaterAuth({ clientId: SANDBOX_CLIENT_ID, clientSecret, retry: false });
    const recorded: string[] = [];
    server.events.on("request:start", async ({ request }) => {
      recorded.push(await request.clone().text());
    });
    await auth.getToken();
    server.events.removeAllListeners();
    expect(recorded[0]).toBe(
      "grant_type=client_credentials&client_id=paytok-sandbox-client&client_secret=s3cr%26t%3D%2B+%25%2F%C3%B1",
    );
  });

  it("sends the refresh_token grant with the client credentials", async () => {
    const auth = createPaylaterAuth({ ...credentials, retry: false });
    const first = await auth.getToken();
    await auth.getToken({ forceRefresh: true });
    expect(handlers.tokenRequests).toHaveLength(2);
    const request = handlers.tokenRequests[1];
    expect(request?.url).toBe(tokenUrl);
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request?.body).toBe(
      `grant_type=refresh_token&refresh_token=${first.refreshToken}&client_id=paytok-sandbox-client&client_secret=paytok-sandbox-secret`,
    );
  });

  it("uses the production URL for environment: production", async () => {
    const production = paylaterHandlers({ environment: "production" });
    server.use(...production);
    const auth = createPaylaterAuth({ ...credentials, environment: "production", retry: false });
    await auth.getToken();
    expect(production.tokenRequests[0]?.url).toBe(
      "https://connect.paylaterapp.com/auth/realms/api/protocol/openid-connect/token",
    );
    expect(handlers.tokenRequests).toHaveLength(0);
  });

  it("uses an explicit baseUrl (trailing slash dropped)", async () => {
    const local = paylaterHandlers({ baseUrl: "http://127.0.0.1:8080" });
    server.use(...local);
    const auth = createPaylaterAuth({ ...credentials, baseUrl: "http://127.0.0.1:8080/" });
    await auth.getToken();
    expect(local.tokenRequests[0]?.url).toBe(`http://127.0.0.1:8080${paylaterTokenPath}`);
  });
});

describe("createPaylaterClient() on the wire", () => {
  it("sends the client_credentials body form-encoded", async () => {
    const client = createPaylaterClient();
    const { data, error, response } = await client.POST(
      "/auth/realms/api/protocol/openid-connect/token",
      {
        body: {
          grant_type: "client_credentials",
          client_id: SANDBOX_CLIENT_ID,
          client_secret: SANDBOX_CLIENT_SECRET,
        },
      },
    );
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.access_token).toBe(handlers.issued[0]?.accessToken);
    expect(data?.expires_in).toBe(300);
    const request = handlers.tokenRequests[0];
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe(tokenUrl);
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request?.headers.accept).toBe("application/json");
    expect(request?.body).toBe(
      "grant_type=client_credentials&client_id=paytok-sandbox-client&client_secret=paytok-sandbox-secret",
    );
  });

  it("sends the refresh_token body and reads the typed error", async () => {
    const client = createPaylaterClient({ headers: { "X-Request-Id": "abc" } });
    const { data, error, response } = await client.POST(paylaterTokenPath, {
      body: {
        grant_type: "refresh_token",
        refresh_token: "not-a-known-token",
        client_id: SANDBOX_CLIENT_ID,
        client_secret: SANDBOX_CLIENT_SECRET,
      },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(error).toEqual({ error: "invalid_grant", error_description: "Invalid refresh token" });
    const request = handlers.tokenRequests[0];
    expect(request?.headers["x-request-id"]).toBe("abc");
    expect(request?.body).toBe(
      "grant_type=refresh_token&refresh_token=not-a-known-token&client_id=paytok-sandbox-client&client_secret=paytok-sandbox-secret",
    );
  });

  it("keeps the documented Content-Type even when headers try to change it", async () => {
    const client = createPaylaterClient({
      headers: { "content-type": "application/x-www-form-urlencoded; charset=UTF-8" },
    });
    const { response } = await client.POST(paylaterTokenPath, {
      body: {
        grant_type: "client_credentials",
        client_id: SANDBOX_CLIENT_ID,
        client_secret: SANDBOX_CLIENT_SECRET,
      },
    });
    expect(response.status).toBe(200);
    expect(handlers.tokenRequests[0]?.headers["content-type"]).toBe(
      "application/x-www-form-urlencoded",
    );
    expect(handlers.tokenRequests[0]?.body).toMatch(/^grant_type=client_credentials&/);
  });

  it("targets production and explicit base URLs", async () => {
    const production = paylaterHandlers({ environment: "production" });
    server.use(...production);
    await createPaylaterClient({ environment: "production" }).POST(paylaterTokenPath, {
      body: {
        grant_type: "client_credentials",
        client_id: SANDBOX_CLIENT_ID,
        client_secret: SANDBOX_CLIENT_SECRET,
      },
    });
    expect(production.tokenRequests[0]?.url).toBe(
      `${paylaterEnvironments.production}${paylaterTokenPath}`,
    );
  });

  it("uses the fetch it is given", async () => {
    const seen: string[] = [];
    const client = createPaylaterClient({
      fetch: (request) => {
        seen.push(request.url);
        return globalThis.fetch(request);
      },
    });
    await client.POST(paylaterTokenPath, {
      body: {
        grant_type: "client_credentials",
        client_id: SANDBOX_CLIENT_ID,
        client_secret: SANDBOX_CLIENT_SECRET,
      },
    });
    expect(seen).toEqual([tokenUrl]);
  });
});
