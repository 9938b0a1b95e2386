// What only Lab4pay does, beyond the conformance suite: `expires_in` is a string of seconds, and
// a response without `scope` means the documented default, "default" (from the spec).
import { HttpResponse, http, type JsonBodyType } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLab4payAuth, LAB4PAY_DEFAULT_SCOPE, lab4payTokenPath } from "../src/index.js";

const BASE_URL = "https://api-payment.lab4pay.com";
const NOW = 1_750_000_000_000;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function answer(body: JsonBodyType) {
  server.use(http.post(`${BASE_URL}${lab4payTokenPath}`, () => HttpResponse.json(body)));
}

const auth = () =>
  createLab4payAuth({
    clientId: "client-id",
    clientSecret: "client-secret-value",
    clock: { now: () => NOW },
    retry: false,
  });

describe("Lab4pay's token response", () => {
  it("reads a fractional string lifetime, and a numeric one", async () => {
    answer({ access_token: "a", expires_in: "90.5", token_type: "Bearer", scope: "default" });
    expect((await auth().getToken()).expiresAt).toBe(NOW + 90_500);
    answer({ access_token: "b", expires_in: 120, token_type: "Bearer", scope: "default" });
    expect((await auth().getToken()).expiresAt).toBe(NOW + 120_000);
  });

  it("takes a missing scope as the documented default, and keeps another one", async () => {
    expect(LAB4PAY_DEFAULT_SCOPE).toBe("default");
    answer({ access_token: "a", expires_in: "60", token_type: "Bearer" });
    expect((await auth().getToken()).scope).toBe("default");
    answer({ access_token: "b", expires_in: "60", token_type: "Bearer", scope: "terminals" });
    expect((await auth().getToken()).scope).toBe("terminals");
  });
});
