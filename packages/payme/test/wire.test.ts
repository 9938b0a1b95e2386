// Pay-me on the wire beyond the documented sample (see the conformance suite): the chosen scopes,
// and the version header the client sends by default.
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
const _tokenUrl = `${paymeEnvironments.preprod}${paymeTokenPath}`;
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

  it("sends ALG-API-VERSION from the client defaults too", async () => {
    const client = createPaymeClient({ headers: { "X-Request-Id": "r-1" } });
    // A JavaScript caller that leaves out params still sends the header.
    const { response } = await client.POST("/token", { body } as never);
    expect(response.status).toBe(200);
    expect(handlers.tokenRequests[0]?.headers["alg-api-version"]).toBe("1709847567");
    expect(handlers.tokenRequests[0]?.headers["x-request-id"]).toBe("r-1");
  });
});
