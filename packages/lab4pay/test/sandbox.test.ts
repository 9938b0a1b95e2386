// The emulator behind @paytok/lab4pay/testing answers as the document says (and as we assumed).
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { lab4payHandlers, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from "../src/testing.js";

const TOKEN_URL = "https://api-payment.lab4pay.com/v1/auth/token/";

const handlers = lab4payHandlers();
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

const valid = {
  grant_type: "client_credentials",
  client_id: SANDBOX_CLIENT_ID,
  client_secret: SANDBOX_CLIENT_SECRET,
};

function post(body: string, contentType = "application/json", url = TOKEN_URL) {
  return fetch(url, { method: "POST", headers: { "Content-Type": contentType }, body });
}

describe("lab4payHandlers() token endpoint", () => {
  it("issues a token with the documented shape: expires_in as a string", async () => {
    const response = await post(JSON.stringify(valid));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "scope", "token_type"]);
    expect(body).toMatchObject({ expires_in: "3600", token_type: "Bearer", scope: "default" });
    expect(body.access_token).toBe(handlers.issued[0]?.accessToken);
  });

  it("accepts a charset parameter on the media type", async () => {
    const response = await post(JSON.stringify(valid), "application/json; charset=utf-8");
    expect(response.status).toBe(200);
  });

  const refusals: Array<[string, string, string?]> = [
    ["a wrong secret", JSON.stringify({ ...valid, client_secret: "wrong" })],
    ["a wrong client id", JSON.stringify({ ...valid, client_id: "wrong" })],
    ["another grant type", JSON.stringify({ ...valid, grant_type: "password" })],
    [
      "a missing grant_type",
      JSON.stringify({ client_id: valid.client_id, client_secret: valid.client_secret }),
    ],
    [
      "a missing client_id",
      JSON.stringify({ grant_type: valid.grant_type, client_secret: valid.client_secret }),
    ],
    [
      "a missing client_secret",
      JSON.stringify({ grant_type: valid.grant_type, client_id: valid.client_id }),
    ],
    ["a non-string field", JSON.stringify({ ...valid, client_id: 7 })],
    ["malformed JSON", '{"grant_type":"client_credentials",'],
    ["a JSON array", JSON.stringify([valid])],
    ["an empty body", ""],
    [
      "a form-encoded body",
      new URLSearchParams(valid).toString(),
      "application/x-www-form-urlencoded",
    ],
    ["JSON sent as text/plain", JSON.stringify(valid), "text/plain"],
  ];

  for (const [name, body, contentType] of refusals) {
    it(`answers ${name} with 400 and an empty body`, async () => {
      const response = await post(body, contentType);
      expect(response.status).toBe(400);
      expect(await response.text()).toBe("");
      expect(handlers.issued).toHaveLength(0);
    });
  }

  it("answers a path other than the documented one with 404", async () => {
    const response = await post(
      JSON.stringify(valid),
      "application/json",
      "https://api-payment.lab4pay.com/v1/auth/token//",
    );
    expect(response.status).toBe(404);
  });

  it("accepts the credentials given in the options", async () => {
    const custom = lab4payHandlers({ clientId: "mine", clientSecret: "my-secret" });
    server.use(...custom);
    const response = await post(
      JSON.stringify({ ...valid, client_id: "mine", client_secret: "my-secret" }),
    );
    expect(response.status).toBe(200);
    expect(custom.credentials).toEqual({ clientId: "mine", clientSecret: "my-secret" });
  });
});
