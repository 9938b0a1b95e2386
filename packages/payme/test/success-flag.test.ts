// Pay-me answers 200 even when it refuses: the success flag and authorization.meta.status, read
// into typed errors (the document's samples themselves are in the conformance suite).
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { documentSamples } from "../../../scripts/test/document-samples.js";
import { createPaymeAuth, PaytokError, paymeEnvironments, paymeTokenPath } from "../src/index.js";
import { paymeHandlers, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from "../src/testing.js";

const handlers = paymeHandlers();
const server = setupServer(...handlers);
const tokenUrl = `${paymeEnvironments.preprod}${paymeTokenPath}`;

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

const samples = documentSamples.filter((sample) => sample.provider === "payme");
function sample(name: string): Record<string, unknown> {
  const found = samples.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no document sample named ${name}`);
  return found.value;
}

function answerWith(body: string | undefined, status: number) {
  server.use(
    http.post(
      tokenUrl,
      () =>
        new HttpResponse(body ?? null, {
          status,
          headers: body === undefined ? {} : { "Content-Type": "application/json" },
        }),
    ),
  );
}

function newAuth() {
  return createPaymeAuth({
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
    audience: "https://api.preprod.alignet.io",
    retry: false,
  });
}

async function failure(): Promise<PaytokError> {
  const error = await newAuth()
    .getToken()
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  expect(error).toBeInstanceOf(PaytokError);
  return error as PaytokError;
}

describe("Pay-me document samples", () => {
  it("a 200 with success: false is a non-retryable PAYTOK_TOKEN_REQUEST_FAILED with the status", async () => {
    answerWith(
      JSON.stringify({
        action: "authorize",
        success: false,
        authorization: {
          meta: {
            status: {
              code: "02",
              message_ilgn: [
                { locale: "es_PE", value: "Scope no permitido" },
                { locale: "en_US", value: "Scope not allowed" },
              ],
            },
          },
        },
      }),
      200,
    );
    const error = await failure();
    expect(error).toMatchObject({
      code: "PAYTOK_TOKEN_REQUEST_FAILED",
      status: 200,
      retryable: false,
      providerDetails: { statusCode: "02", messages: ["Scope no permitido", "Scope not allowed"] },
    });
    expect(error.message).toBe(
      "@paytok/payme: token request refused with HTTP 200 and success: false (code 02: Scope no permitido: Scope not allowed)",
    );
  });

  it("success: false without a status still fails, with empty details", async () => {
    answerWith(JSON.stringify({ action: "authorize", success: false }), 200);
    const error = await failure();
    expect(error).toMatchObject({
      code: "PAYTOK_TOKEN_REQUEST_FAILED",
      status: 200,
      retryable: false,
      providerDetails: { statusCode: undefined, messages: [] },
    });
  });

  it("a 200 without the success flag is PAYTOK_INVALID_TOKEN_RESPONSE", async () => {
    const { success: _dropped, ...rest } = sample("payme 200 response");
    answerWith(JSON.stringify(rest), 200);
    const error = await failure();
    expect(error).toMatchObject({ code: "PAYTOK_INVALID_TOKEN_RESPONSE", status: 200 });
  });

  it.each([401, 403])(
    "the documented %i (no body) is a non-retryable PaytokError",
    async (status) => {
      answerWith(undefined, status);
      const error = await failure();
      expect(error).toMatchObject({
        code: "PAYTOK_TOKEN_REQUEST_FAILED",
        status,
        retryable: false,
        oauthError: undefined,
        providerDetails: undefined,
      });
      expect(error.message).toBe(`@paytok/payme: token request failed with HTTP ${status}`);
    },
  );

  it("a 401 in the response shape carries the status code and messages", async () => {
    answerWith(
      JSON.stringify({
        action: "authorize",
        success: false,
        authorization: {
          meta: {
            status: {
              code: "01",
              message_ilgn: [{ locale: "es_PE", value: "Credenciales inválidas" }],
            },
          },
        },
      }),
      401,
    );
    const error = await failure();
    expect(error).toMatchObject({
      code: "PAYTOK_TOKEN_REQUEST_FAILED",
      status: 401,
      retryable: false,
      oauthErrorDescription: "Credenciales inválidas",
      providerDetails: { statusCode: "01", messages: ["Credenciales inválidas"] },
    });
  });

  it("a 403 with an OAuth error body carries oauthError", async () => {
    answerWith(JSON.stringify({ error: "access_denied", error_description: "Unauthorized" }), 403);
    const error = await failure();
    expect(error).toMatchObject({
      status: 403,
      oauthError: "access_denied",
      oauthErrorDescription: "Unauthorized",
      retryable: false,
    });
  });
});
