// Every documented status (and the undocumented ones a real network produces) becomes a PaytokError
// with the right code, status and retryability.
import { isPaytokError, type PaytokError } from "@paytok/core";
import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { documentedEndpoints } from "../../../scripts/test/document-samples.js";
import { createPayswayAuth, type PayswayAuthOptions } from "../src/index.js";
import { payswayHandlers } from "../src/testing.js";

const TOKEN_URL = "https://api.paysway.dev/oauth2/token";

const handlers = payswayHandlers();
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

function auth(overrides: Partial<PayswayAuthOptions> = {}) {
  return createPayswayAuth({
    clientId: handlers.credentials.clientId,
    clientSecret: handlers.credentials.clientSecret,
    retry: false,
    ...overrides,
  } as PayswayAuthOptions);
}

async function failure(promise: Promise<unknown>): Promise<PaytokError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!isPaytokError(caught)) throw new Error(`expected a PaytokError, got ${String(caught)}`);
  return caught;
}

/**
 * The error statuses of the spec. Paysway documents none; these are the RFC 6749 §5.2 answers the
 * spec assumes, each with the body the emulator sends.
 */
const assumedErrors: Record<
  string,
  Array<{ body: { error: string; error_description?: string } }>
> = {
  "400": [
    { body: { error: "invalid_request", error_description: "grant_type is required" } },
    { body: { error: "unsupported_grant_type" } },
  ],
  "401": [{ body: { error: "invalid_client" } }],
};

describe("errors of the spec (RFC 6749 §5.2, assumed)", () => {
  it("covers every status of the spec", () => {
    const endpoint = documentedEndpoints.find((entry) => entry.provider === "paysway");
    expect(Object.keys(assumedErrors).sort()).toEqual(
      endpoint?.statuses.filter((status) => status !== "200").sort(),
    );
  });

  for (const [status, cases] of Object.entries(assumedErrors)) {
    for (const { body } of cases) {
      it(`HTTP ${status} ${body.error} → PAYTOK_TOKEN_REQUEST_FAILED, not retryable`, async () => {
        server.use(http.post(TOKEN_URL, () => HttpResponse.json(body, { status: Number(status) })));
        const error = await failure(auth({ retry: { random: () => 0 } }).getToken());
        expect(error.code).toBe("PAYTOK_TOKEN_REQUEST_FAILED");
        expect(error.status).toBe(Number(status));
        expect(error.retryable).toBe(false);
        expect(error.oauthError).toBe(body.error);
        expect(error.error).toBe(body.error);
        expect(error.oauthErrorDescription).toBe(body.error_description);
        expect(error.bodySnippet).toBeUndefined();
        expect(error.message).toBe(
          `@paytok/paysway: token request failed with HTTP ${status}: ${body.error}${
            body.error_description ? ` (${body.error_description})` : ""
          }`,
        );
      });
    }
  }

  it("wrong credentials: the emulator's 401 invalid_client, not retried", async () => {
    const error = await failure(
      auth({ clientSecret: "not-the-secret", retry: { random: () => 0 } }).getToken(),
    );
    expect(error).toMatchObject({
      code: "PAYTOK_TOKEN_REQUEST_FAILED",
      status: 401,
      oauthError: "invalid_client",
      retryable: false,
    });
    expect(handlers.tokenRequests).toHaveLength(1);
  });

  it("keeps a snippet of a body that is not an OAuth error", async () => {
    server.use(
      http.post(TOKEN_URL, () => HttpResponse.text("<h1>Bad Request</h1>", { status: 400 })),
    );
    const error = await failure(auth().getToken());
    expect(error.bodySnippet).toBe("<h1>Bad Request</h1>");
    expect(error.oauthError).toBeUndefined();
  });

  it("retries a 500 and then succeeds", async () => {
    handlers.failNextTokenRequests({ kind: "status", status: 500 });
    const token = await auth({ retry: { random: () => 0 } }).getToken();
    expect(token.accessToken).toBe(handlers.issued[0]?.accessToken);
    expect(handlers.tokenRequests).toHaveLength(2);
  });

  it("gives up after the configured retries", async () => {
    handlers.failNextTokenRequests({ kind: "status", status: 503 }, 3);
    const error = await failure(auth({ retry: { retries: 2, random: () => 0 } }).getToken());
    expect(error).toMatchObject({ status: 503, retryable: true });
    expect(handlers.tokenRequests).toHaveLength(3);
  });
});

describe("undocumented failures", () => {
  it("429 with Retry-After is retryable and carries the delay", async () => {
    handlers.failNextTokenRequests({
      kind: "status",
      status: 429,
      headers: { "Retry-After": "7" },
    });
    const error = await failure(auth().getToken());
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 7000 });
  });

  it("a network error is PAYTOK_NETWORK_ERROR and retryable", async () => {
    handlers.failNextTokenRequests({ kind: "network" });
    const error = await failure(auth().getToken());
    expect(error).toMatchObject({ code: "PAYTOK_NETWORK_ERROR", retryable: true });
  });

  it("a slow answer is PAYTOK_TIMEOUT", async () => {
    server.use(
      http.post(TOKEN_URL, async () => {
        await delay(500);
        return new HttpResponse(null, { status: 500 });
      }),
    );
    const error = await failure(auth({ timeoutMs: 20 }).getToken());
    expect(error).toMatchObject({ code: "PAYTOK_TIMEOUT", retryable: true });
  });

  it("an already aborted signal is PAYTOK_ABORTED", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(auth().getToken({ signal: controller.signal }));
    expect(error.code).toBe("PAYTOK_ABORTED");
  });

  it("aborting stops only this caller's wait: the shared request serves the others", async () => {
    const paysway = auth();
    const controller = new AbortController();
    const aborted = failure(paysway.getToken({ signal: controller.signal }));
    const other = paysway.getToken();
    controller.abort();
    expect((await aborted).code).toBe("PAYTOK_ABORTED");
    await expect(other).resolves.toMatchObject({ tokenType: "Bearer" });
    expect(handlers.tokenRequests).toHaveLength(1);
  });

  it("a failure is not cached: the next call asks again", async () => {
    handlers.failNextTokenRequests({ kind: "status", status: 500 });
    const paysway = auth();
    await failure(paysway.getToken());
    await expect(paysway.getToken()).resolves.toMatchObject({ tokenType: "Bearer" });
    expect(handlers.tokenRequests).toHaveLength(2);
  });
});
