// The emulator behind @paytok/paysway/testing answers as the document says (and as we assumed).
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { payswayHandlers, SANDBOX_CLIENT_ID } from "../src/testing.js";

const TOKEN_URL = "https://api.paysway.dev/oauth2/token";

const handlers = payswayHandlers();
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

const valid =
  "grant_type=client_credentials&client_id=paytok-sandbox-client&client_secret=paytok-sandbox-secret";

function post(body: string, contentType = "application/x-www-form-urlencoded") {
  return fetch(TOKEN_URL, { method: "POST", headers: { "Content-Type": contentType }, body });
}

describe("payswayHandlers() token endpoint", () => {
  it("issues a token with the documented shape", async () => {
    const response = await post(valid);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      access_token: handlers.issued[0]?.accessToken,
      token_type: "Bearer",
      expires_in: 3600,
    });
  });

  it("accepts the fields in any order and a charset parameter", async () => {
    const response = await post(
      "client_secret=paytok-sandbox-secret&grant_type=client_credentials&client_id=paytok-sandbox-client",
      "application/x-www-form-urlencoded; charset=UTF-8",
    );
    expect(response.status).toBe(200);
  });

  const refusals: Array<[string, string, string | undefined, number, Record<string, string>]> = [
    [
      "a JSON body",
      JSON.stringify({ grant_type: "client_credentials", client_id: SANDBOX_CLIENT_ID }),
      "application/json",
      400,
      {
        error: "invalid_request",
        error_description: "Content-Type must be application/x-www-form-urlencoded",
      },
    ],
    [
      "a missing grant_type",
      "client_id=paytok-sandbox-client&client_secret=paytok-sandbox-secret",
      undefined,
      400,
      { error: "invalid_request", error_description: "grant_type is required" },
    ],
    [
      "a repeated parameter",
      `${valid}&client_id=other`,
      undefined,
      400,
      { error: "invalid_request", error_description: "client_id is repeated" },
    ],
    [
      "another grant type",
      "grant_type=password&client_id=paytok-sandbox-client&client_secret=paytok-sandbox-secret",
      undefined,
      400,
      { error: "unsupported_grant_type" },
    ],
    [
      "a wrong secret",
      "grant_type=client_credentials&client_id=paytok-sandbox-client&client_secret=nope",
      undefined,
      401,
      { error: "invalid_client" },
    ],
    [
      "an unknown client",
      "grant_type=client_credentials&client_id=nobody&client_secret=paytok-sandbox-secret",
      undefined,
      401,
      { error: "invalid_client" },
    ],
    [
      "missing credentials",
      "grant_type=client_credentials",
      undefined,
      401,
      { error: "invalid_client" },
    ],
  ];

  for (const [name, body, contentType, status, error] of refusals) {
    it(`answers ${name} with ${status} ${error.error}`, async () => {
      const response = await post(body, contentType);
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual(error);
      expect(handlers.issued).toHaveLength(0);
    });
  }

  it("accepts the credentials given in the options", async () => {
    const custom = payswayHandlers({ clientId: "mine", clientSecret: "my secret&more" });
    server.use(...custom);
    const response = await post(
      new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "mine",
        client_secret: "my secret&more",
      }).toString(),
    );
    expect(response.status).toBe(200);
  });
});
