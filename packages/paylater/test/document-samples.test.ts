// Every sample of the PayLater document, verbatim (scripts/test/document-samples.ts), through the
// auth object: the 200 sample becomes the normalized token, each error a typed PaytokError.
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { documentSamples } from "../../../scripts/test/document-samples.js";
import {
  createPaylaterAuth,
  PaytokError,
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

const samples = documentSamples.filter((sample) => sample.provider === "paylater");
function sample(name: string): Record<string, unknown> {
  const found = samples.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no document sample named ${name}`);
  return found.value;
}

function answerWith(body: unknown, status: number) {
  server.use(
    http.post(
      tokenUrl,
      () =>
        new HttpResponse(JSON.stringify(body), {
          status,
          headers: { "Content-Type": "application/json" },
        }),
    ),
  );
}

async function failure(): Promise<PaytokError> {
  const auth = createPaylaterAuth({
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
    retry: false,
  });
  const error = await auth.getToken().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PaytokError);
  return error as PaytokError;
}

describe("PayLater document samples", () => {
  it("covers all four samples of the document", () => {
    expect(samples.map((candidate) => candidate.name)).toEqual([
      "paylater request (cURL)",
      "paylater 200 response",
      "paylater 401 invalid_client",
      "paylater 400 unsupported_grant_type",
    ]);
  });

  it("the cURL request's fields are what getToken() sends, in the same order", async () => {
    const documented = sample("paylater request (cURL)");
    const auth = createPaylaterAuth({
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
    });
    await auth.getToken();
    const sent = new URLSearchParams(handlers.tokenRequests[0]?.body);
    expect([...sent.keys()]).toEqual(Object.keys(documented));
    expect(sent.get("grant_type")).toBe(documented.grant_type);
  });

  it("the 200 sample parses into the normalized token", async () => {
    answerWith(sample("paylater 200 response"), 200);
    const before = Date.now();
    const auth = createPaylaterAuth({
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
    });
    const token = await auth.getToken();
    const after = Date.now();
    expect(token.accessToken).toBe("ey***********Dw");
    expect(token.tokenType).toBe("Bearer");
    expect(token.scope).toBe("profile email");
    expect(token.refreshToken).toBe("ey**********kQ");
    expect(token.expiresAt).toBeGreaterThanOrEqual(before + 300_000);
    expect(token.expiresAt).toBeLessThanOrEqual(after + 300_000);
    expect(token.refreshExpiresAt).toBe(token.expiresAt + 1_500_000);
    expect(JSON.parse(JSON.stringify(token))).toEqual({
      accessToken: "[redacted]",
      tokenType: "Bearer",
      expiresAt: token.expiresAt,
      scope: "profile email",
      refreshToken: "[redacted]",
      refreshExpiresAt: token.refreshExpiresAt,
    });
  });

  it("the 401 invalid_client sample becomes a non-retryable PaytokError", async () => {
    answerWith(sample("paylater 401 invalid_client"), 401);
    const error = await failure();
    expect(error).toMatchObject({
      code: "PAYTOK_TOKEN_REQUEST_FAILED",
      status: 401,
      oauthError: "invalid_client",
      oauthErrorDescription: "Invalid client or Invalid client credentials",
      retryable: false,
    });
    expect(error.message).toBe(
      "@paytok/paylater: token request failed with HTTP 401: invalid_client (Invalid client or Invalid client credentials)",
    );
  });

  it("the 400 unsupported_grant_type sample becomes a non-retryable PaytokError", async () => {
    answerWith(sample("paylater 400 unsupported_grant_type"), 400);
    const error = await failure();
    expect(error).toMatchObject({
      code: "PAYTOK_TOKEN_REQUEST_FAILED",
      status: 400,
      oauthError: "unsupported_grant_type",
      oauthErrorDescription: "Unsupported grant_type",
      retryable: false,
    });
  });

  it("a 400 invalid_grant (Keycloak) becomes a non-retryable PaytokError", async () => {
    answerWith({ error: "invalid_grant", error_description: "Token is not active" }, 400);
    const error = await failure();
    expect(error).toMatchObject({
      code: "PAYTOK_TOKEN_REQUEST_FAILED",
      status: 400,
      oauthError: "invalid_grant",
      oauthErrorDescription: "Token is not active",
      retryable: false,
    });
  });

  it("a Keycloak refresh_expires_in of 0 means a refresh token without its own limit", async () => {
    answerWith({ ...sample("paylater 200 response"), refresh_expires_in: 0 }, 200);
    const auth = createPaylaterAuth({
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
    });
    const token = await auth.getToken();
    expect(token.refreshToken).toBe("ey**********kQ");
    expect(token.refreshExpiresAt).toBeUndefined();
  });

  it("a 200 without access_token is PAYTOK_INVALID_TOKEN_RESPONSE", async () => {
    const { access_token: _dropped, ...rest } = sample("paylater 200 response");
    answerWith(rest, 200);
    const error = await failure();
    expect(error.code).toBe("PAYTOK_INVALID_TOKEN_RESPONSE");
    expect(error.retryable).toBe(false);
  });
});
