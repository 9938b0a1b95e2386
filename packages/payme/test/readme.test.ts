// The README's examples, run as written (imports point at the sources instead of the package).
import { setupServer } from "msw/node";
import createClient from "openapi-fetch";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPaymeAuth, createPaymeClient, isPaytokError } from "../src/index.js";
import { paymeHandlers, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from "../src/testing.js";

const handlers = paymeHandlers();
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

interface PaymeApi {
  "/charges": {
    get: { responses: { 200: { content: { "application/json": { ok: boolean } } } } };
  };
}

describe("README", () => {
  it("quick start", async () => {
    process.env.PAYME_API_URL = handlers.apiUrl;
    process.env.PAYME_CLIENT_ID = SANDBOX_CLIENT_ID;
    process.env.PAYME_CLIENT_SECRET = SANDBOX_CLIENT_SECRET;

    // biome-ignore lint/style/noNonNullAssertion: as in the README
    const apiBaseUrl = process.env.PAYME_API_URL!; // the API base URL of your environment

    const auth = createPaymeAuth({
      environment: "preprod", // "preprod" (default) | "production"
      // biome-ignore lint/style/noNonNullAssertion: as in the README
      clientId: process.env.PAYME_CLIENT_ID!,
      // biome-ignore lint/style/noNonNullAssertion: as in the README
      clientSecret: process.env.PAYME_CLIENT_SECRET!,
      audience: apiBaseUrl, // required: the API the token is for
      scope: ["post:charges", "get:charges"], // default: all four documented scopes
    });

    const token = await auth.getToken();
    expect(token.scope).toBe("create:token post:charges get:charges");

    const api = createClient<PaymeApi>({ baseUrl: apiBaseUrl });
    api.use(auth.middleware);
    const { data } = await api.GET("/charges");
    expect(data?.ok).toBe(true);

    const response = await auth.fetch(`${apiBaseUrl}/charges`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ amount: 1250, currency: "PEN" }),
    });
    expect(response.status).toBe(200);
    expect(handlers.tokenRequests).toHaveLength(1);
    expect(JSON.parse(handlers.tokenRequests[0]?.body ?? "{}").audience).toBe(handlers.apiUrl);
    for (const request of handlers.apiRequests) {
      expect(request.headers.authorization).toBe(`Bearer ${token.accessToken}`);
      expect(request.headers["alg-api-version"]).toBe("1709847567");
    }
    expect(await auth.headers()).toEqual({
      Authorization: `Bearer ${token.accessToken}`,
      "ALG-API-VERSION": "1709847567",
    });
  });

  it("the raw token call", async () => {
    process.env.PAYME_API_URL = handlers.apiUrl;
    process.env.PAYME_CLIENT_ID = SANDBOX_CLIENT_ID;
    process.env.PAYME_CLIENT_SECRET = SANDBOX_CLIENT_SECRET;
    const client = createPaymeClient({ environment: "preprod" });
    const { data, error, response } = await client.POST("/token", {
      params: { header: { "ALG-API-VERSION": "1709847567" } }, // the spec declares it required
      body: {
        action: "authorize",
        grant_type: "client_credentials",
        // biome-ignore lint/style/noNonNullAssertion: as in the README
        audience: process.env.PAYME_API_URL!,
        // biome-ignore lint/style/noNonNullAssertion: as in the README
        client_id: process.env.PAYME_CLIENT_ID!,
        // biome-ignore lint/style/noNonNullAssertion: as in the README
        client_secret: process.env.PAYME_CLIENT_SECRET!,
        scope: "create:token post:charges",
      },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.success).toBe(true);
    expect(data?.expires_in).toBe(8600);
  });

  it("errors: reading providerDetails", async () => {
    const auth = createPaymeAuth({
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: "wrong-secret",
      audience: handlers.apiUrl,
    });
    const logged: unknown[] = [];
    try {
      await auth.getToken();
    } catch (error) {
      if (isPaytokError(error, "PAYTOK_TOKEN_REQUEST_FAILED") && error.providerDetails) {
        logged.push(error.providerDetails.statusCode, error.providerDetails.messages);
      }
    }
    expect(logged).toEqual(["01", ["Credenciales inválidas"]]);
  });

  it("testing: gets a new token when the API says the old one was revoked", async () => {
    const auth = createPaymeAuth({
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
      audience: handlers.apiUrl,
    });
    const first = await auth.getToken();
    handlers.revoke(first.accessToken);

    const response = await auth.fetch(`${handlers.apiUrl}/charges`);

    expect(response.status).toBe(200);
    expect(handlers.tokenRequests).toHaveLength(2);
    expect(handlers.apiRequests[1]?.headers["alg-api-version"]).toBe("1709847567");
  });
});
