// The emulator behind @paytok/alternative-payments/testing answers as the document says (and as
// we assumed where it is silent).
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { basicAuthorization } from "../src/index.js";
import {
  alternativePaymentsHandlers,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
} from "../src/testing.js";

const TOKEN_URL = "https://public-api.alternativepayments.io/oauth/token";

const handlers = alternativePaymentsHandlers();
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

const SANDBOX_BASIC = basicAuthorization(SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET);

function post(
  body: string,
  authorization: string | null = SANDBOX_BASIC,
  contentType = "application/x-www-form-urlencoded",
) {
  const headers: Record<string, string> = { "Content-Type": contentType };
  if (authorization !== null) headers.Authorization = authorization;
  return fetch(TOKEN_URL, { method: "POST", headers, body });
}

describe("alternativePaymentsHandlers() token endpoint", () => {
  it("issues a token with the documented shape: lowercase bearer", async () => {
    const response = await post("grant_type=client_credentials");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      access_token: handlers.issued[0]?.accessToken,
      expires_in: 3600,
      token_type: "bearer",
    });
  });

  it("accepts a lowercase scheme and a charset parameter", async () => {
    const response = await post(
      "grant_type=client_credentials",
      SANDBOX_BASIC.replace("Basic", "basic"),
      "application/x-www-form-urlencoded; charset=utf-8",
    );
    expect(response.status).toBe(200);
  });

  const forbidden: Array<[string, string | null]> = [
    ["no Authorization header", null],
    ["a wrong secret", basicAuthorization(SANDBOX_CLIENT_ID, "wrong")],
    ["an unknown client", basicAuthorization("nobody", SANDBOX_CLIENT_SECRET)],
    ["a Bearer header", "Bearer something"],
    ["malformed base64", "Basic !!!"],
    ["no colon in the credentials", `Basic ${btoa("paytok-sandbox-client")}`],
    ["a malformed percent-escape", `Basic ${btoa("%E0%A4%A:x")}`],
  ];

  for (const [name, authorization] of forbidden) {
    it(`answers ${name} with the documented 403 string map`, async () => {
      const response = await post("grant_type=client_credentials", authorization);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: "Invalid credentials" });
      expect(handlers.issued).toHaveLength(0);
    });
  }

  const badRequests: Array<[string, string, string, Record<string, string>]> = [
    [
      "a JSON body",
      '{"grant_type":"client_credentials"}',
      "application/json",
      {
        error: "invalid_request",
        error_description: "Content-Type must be application/x-www-form-urlencoded",
      },
    ],
    [
      "credentials in the body",
      "grant_type=client_credentials&client_id=paytok-sandbox-client&client_secret=paytok-sandbox-secret",
      "application/x-www-form-urlencoded",
      {
        error: "invalid_request",
        error_description: "client credentials go in the Authorization header only",
      },
    ],
    [
      "a missing grant_type",
      "",
      "application/x-www-form-urlencoded",
      { error: "invalid_request", error_description: "exactly one grant_type is required" },
    ],
    [
      "a repeated grant_type",
      "grant_type=client_credentials&grant_type=client_credentials",
      "application/x-www-form-urlencoded",
      { error: "invalid_request", error_description: "exactly one grant_type is required" },
    ],
    [
      "another grant type",
      "grant_type=password",
      "application/x-www-form-urlencoded",
      { error: "unsupported_grant_type" },
    ],
  ];

  for (const [name, body, contentType, expected] of badRequests) {
    it(`answers ${name} with 400 ${expected.error}`, async () => {
      const response = await post(body, SANDBOX_BASIC, contentType);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual(expected);
      expect(handlers.issued).toHaveLength(0);
    });
  }

  it("decodes form-encoded Basic credentials (RFC 6749 §2.3.1)", async () => {
    const clientId = "client:id é+1%";
    const clientSecret = "s3cret: +é%/pass";
    const custom = alternativePaymentsHandlers({ clientId, clientSecret });
    server.use(...custom);
    expect(
      (await post("grant_type=client_credentials", basicAuthorization(clientId, clientSecret)))
        .status,
    ).toBe(200);
    // The same credentials without the form-encoding step are not what the RFC asks for.
    const utf8 = new TextEncoder().encode(`${clientId}:${clientSecret}`);
    const raw = `Basic ${btoa(String.fromCharCode(...utf8))}`;
    expect((await post("grant_type=client_credentials", raw)).status).toBe(403);
  });
});
