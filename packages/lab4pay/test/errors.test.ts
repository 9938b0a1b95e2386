// Every documented status (and the undocumented ones a real network produces) becomes a PaytokError
// with the right code, status and retryability.
import { isPaytokError, type PaytokError } from "@paytok/core";
import { delay, HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { documentedEndpoints } from "../../../scripts/test/document-samples.js";
import { createLab4payAuth, type Lab4payAuthOptions } from "../src/index.js";
import { lab4payHandlers } from "../src/testing.js";

const TOKEN_URL = "https://api-payment.lab4pay.com/v1/auth/token/";

const handlers = lab4payHandlers();
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

function auth(overrides: Partial<Lab4payAuthOptions> = {}) {
  return createLab4payAuth({
    clientId: handlers.credentials.clientId,
    clientSecret: handlers.credentials.clientSecret,
    retry: false,
    ...overrides,
  } as Lab4payAuthOptions);
}

async function failure(promise: Promise<unknown>): Promise<PaytokError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!isPaytokError(caught)) throw new Error(`expected a PaytokError, got ${String(caught)}`);
  return caught;
}

/** The documented error statuses: no body is documented for either. */
const documentedErrors: Record<string, { retryable: boolean }> = {
  "400": { retryable: false },
  "500": { retryable: true },
};

describe("documented errors", () => {
  it("covers every documented error status", () => {
    const endpoint = documentedEndpoints.find((entry) => entry.provider === "lab4pay");
    expect(Object.keys(documentedErrors).sort()).toEqual(
      endpoint?.statuses.filter((status) => status !== "200").sort(),
    );
  });

  for (const [status, expected] of Object.entries(documentedErrors)) {
    it(`HTTP ${status} with no body → PAYTOK_TOKEN_REQUEST_FAILED, retryable: ${expected.retryable}`, async () => {
      server.use(http.post(TOKEN_URL, () => new HttpResponse(null, { status: Number(status) })));
      const error = await failure(auth().getToken());
      expect(error.code).toBe("PAYTOK_TOKEN_REQUEST_FAILED");
      expect(error.status).toBe(Number(status));
      expect(error.retryable).toBe(expected.retryable);
      expect(error.oauthError).toBeUndefined();
      expect(error.bodySnippet).toBeUndefined();
      expect(error.message).toBe(`@paytok/lab4pay: token request failed with HTTP ${status}`);
    });
  }

  it("wrong credentials: the emulator's 400 with an empty body, not retried", async () => {
    const error = await failure(
      auth({ clientSecret: "not-the-secret", retry: { random: () => 0 } }).getToken(),
    );
    expect(error).toMatchObject({
      code: "PAYTOK_TOKEN_REQUEST_FAILED",
      status: 400,
      retryable: false,
    });
    expect(handlers.tokenRequests).toHaveLength(1);
  });

  it("keeps a snippet of an undocumented 400 body", async () => {
    server.use(
      http.post(TOKEN_URL, () =>
        HttpResponse.json({ detail: "Invalid client credentials." }, { status: 400 }),
      ),
    );
    const error = await failure(auth().getToken());
    expect(error.bodySnippet).toBe('{"detail":"Invalid client credentials."}');
  });

  it("reads an RFC 6749 error body if the server sends one", async () => {
    server.use(
      http.post(TOKEN_URL, () =>
        HttpResponse.json({ error: "invalid_client", error_description: "bad" }, { status: 400 }),
      ),
    );
    const error = await failure(auth().getToken());
    expect(error).toMatchObject({ oauthError: "invalid_client", oauthErrorDescription: "bad" });
  });

  it("retries a 500 and then succeeds", async () => {
    handlers.failNextTokenRequests({ kind: "status", status: 500 });
    const token = await auth({ retry: { random: () => 0 } }).getToken();
    expect(token.accessToken).toBe(handlers.issued[0]?.accessToken);
    expect(handlers.tokenRequests).toHaveLength(2);
  });

  it("gives up after the configured retries", async () => {
    handlers.failNextTokenRequests({ kind: "status", status: 500 }, 3);
    const error = await failure(auth({ retry: { retries: 2, random: () => 0 } }).getToken());
    expect(error.status).toBe(500);
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
    const lab4pay = auth();
    const controller = new AbortController();
    const aborted = failure(lab4pay.getToken({ signal: controller.signal }));
    const other = lab4pay.getToken();
    controller.abort();
    expect((await aborted).code).toBe("PAYTOK_ABORTED");
    await expect(other).resolves.toMatchObject({ tokenType: "Bearer" });
    expect(handlers.tokenRequests).toHaveLength(1);
  });

  it("a failure is not cached: the next call asks again", async () => {
    handlers.failNextTokenRequests({ kind: "status", status: 500 });
    const lab4pay = auth();
    await failure(lab4pay.getToken());
    await expect(lab4pay.getToken()).resolves.toMatchObject({ tokenType: "Bearer" });
    expect(handlers.tokenRequests).toHaveLength(2);
  });
});
