// The sandbox echo API requires ALG-API-VERSION like Pay-me's API, so the shared API-call suite
// (test/middleware.test.ts) fails if the middleware ever drops the header.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPaymeAuth } from "../src/index.js";
import { paymeHandlers } from "../src/testing.js";

const handlers = paymeHandlers();
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("the sandbox echo API", () => {
  it("refuses a valid token without ALG-API-VERSION", async () => {
    const token = await createPaymeAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: handlers.credentials.clientSecret,
      audience: "https://api.preprod.alignet.io",
      retry: false,
    }).getToken();
    const response = await fetch(`${handlers.apiUrl}/anything`, {
      headers: { Authorization: `Bearer ${token.accessToken}` },
    });
    expect(response.status).toBe(400);
    const withHeader = await fetch(`${handlers.apiUrl}/anything`, {
      headers: { Authorization: `Bearer ${token.accessToken}`, "ALG-API-VERSION": "1709847567" },
    });
    expect(withHeader.status).toBe(200);
  });
});
