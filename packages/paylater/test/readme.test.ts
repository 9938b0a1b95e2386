// The README's examples, run as written (imports point at the sources instead of the package).
import { setupServer } from "msw/node";
import createClient from "openapi-fetch";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createPaylaterAuth,
  createPaylaterClient,
  isPaytokError,
  PaytokError,
  paylaterTokenPath,
} from "../src/index.js";
import { paylaterHandlers, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from "../src/testing.js";

const handlers = paylaterHandlers();
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

interface PaylaterApi {
  "/orders": {
    get: { responses: { 200: { content: { "application/json": { ok: boolean } } } } };
  };
}

describe("README", () => {
  it("quick start", async () => {
    process.env.PAYLATER_CLIENT_ID = SANDBOX_CLIENT_ID;
    process.env.PAYLATER_CLIENT_SECRET = SANDBOX_CLIENT_SECRET;
    const apiBaseUrl = handlers.apiUrl;

    const auth = createPaylaterAuth({
      environment: "sandbox", // "sandbox" (default) | "production"
      // biome-ignore lint/style/noNonNullAssertion: as in the README
      clientId: process.env.PAYLATER_CLIENT_ID!, // a string of digits, or a bigint
      // biome-ignore lint/style/noNonNullAssertion: as in the README
      clientSecret: process.env.PAYLATER_CLIENT_SECRET!,
    });

    const token = await auth.getToken();
    expect(token.scope).toBe("profile email");
    expect(token.expiresAt).toBeGreaterThan(Date.now());

    const api = createClient<PaylaterApi>({ baseUrl: apiBaseUrl });
    api.use(auth.middleware);
    const { data } = await api.GET("/orders");
    expect(data?.ok).toBe(true);

    const response = await auth.fetch(`${apiBaseUrl}/orders`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ outlet_id: "outlet-1", amount: 1250 }),
    });
    expect(response.status).toBe(200);
    expect(handlers.tokenRequests).toHaveLength(1);
    expect(handlers.apiRequests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${token.accessToken}`,
      `Bearer ${token.accessToken}`,
    ]);
    expect(await auth.headers()).toEqual({ Authorization: `Bearer ${token.accessToken}` });
  });

  it("the raw token call", async () => {
    const secretsServer = paylaterHandlers({ clientId: "12345678901234567890" });
    server.use(...secretsServer);
    process.env.PAYLATER_CLIENT_SECRET = SANDBOX_CLIENT_SECRET;
    const client = createPaylaterClient({ environment: "sandbox" });
    const { data, error } = await client.POST(paylaterTokenPath, {
      body: {
        grant_type: "client_credentials",
        client_id: "12345678901234567890",
        // biome-ignore lint/style/noNonNullAssertion: as in the README
        client_secret: process.env.PAYLATER_CLIENT_SECRET!,
      },
    });
    expect(error).toBeUndefined();
    expect(data?.access_token).toBe(secretsServer.issued[0]?.accessToken);
  });

  it("errors: matching on code and oauthError", async () => {
    const auth = createPaylaterAuth({ clientId: SANDBOX_CLIENT_ID, clientSecret: "wrong-secret" });
    let rotated = false;
    try {
      await auth.getToken();
    } catch (error) {
      if (
        isPaytokError(error, "PAYTOK_TOKEN_REQUEST_FAILED") &&
        error.oauthError === "invalid_client"
      ) {
        rotated = true;
      }
      expect(error).toBeInstanceOf(PaytokError);
    }
    expect(rotated).toBe(true);
  });

  it("testing: gets a new token when the API says the old one was revoked", async () => {
    const auth = createPaylaterAuth({
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
    });
    const first = await auth.getToken();
    handlers.revoke(first.accessToken);

    const response = await auth.fetch(`${handlers.apiUrl}/orders`);

    expect(response.status).toBe(200);
    expect(handlers.tokenRequests).toHaveLength(2);
    expect(handlers.apiRequests[1]?.headers.authorization).toBe(
      `Bearer ${handlers.issued[1]?.accessToken}`,
    );
  });
});
