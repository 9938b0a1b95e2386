// The documented 403 "Invalid credentials", a string map: what becomes of it (providerDetails,
// oauthError, the description), beyond the conformance suite's status and retryability.
import { isPaytokError, type PaytokError } from "@paytok/core";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { describeAlternativePaymentsError } from "../src/alternative-payments-auth.js";
import {
  type AlternativePaymentsAuthOptions,
  createAlternativePaymentsAuth,
} from "../src/index.js";
import { alternativePaymentsHandlers } from "../src/testing.js";

const TOKEN_URL = "https://public-api.alternativepayments.io/oauth/token";

const handlers = alternativePaymentsHandlers();
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

function auth(overrides: Partial<AlternativePaymentsAuthOptions> = {}) {
  return createAlternativePaymentsAuth({
    clientId: handlers.credentials.clientId,
    clientSecret: handlers.credentials.clientSecret,
    retry: false,
    ...overrides,
  } as AlternativePaymentsAuthOptions);
}

async function failure(promise: Promise<unknown>): Promise<PaytokError> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!isPaytokError(caught)) throw new Error(`expected a PaytokError, got ${String(caught)}`);
  return caught;
}

describe("documented errors", () => {
  it("403 Invalid credentials → PAYTOK_TOKEN_REQUEST_FAILED with the map as providerDetails", async () => {
    let calls = 0;
    server.use(
      http.post(TOKEN_URL, () => {
        calls += 1;
        return HttpResponse.json(
          { error: "Invalid credentials", message: "client is disabled" },
          { status: 403 },
        );
      }),
    );
    const error = await failure(auth({ retry: { random: () => 0 } }).getToken());
    expect(error.code).toBe("PAYTOK_TOKEN_REQUEST_FAILED");
    expect(error.status).toBe(403);
    expect(error.retryable).toBe(false);
    expect(error.providerDetails).toEqual({
      error: "Invalid credentials",
      message: "client is disabled",
    });
    expect(error.oauthErrorDescription).toBe("Invalid credentials; client is disabled");
    // "Invalid credentials" is a sentence, not an OAuth error code.
    expect(error.oauthError).toBeUndefined();
    expect(error.bodySnippet).toBeUndefined();
    expect(error.message).toBe(
      "@paytok/alternative-payments: token request failed with HTTP 403: Invalid credentials; client is disabled",
    );
    expect(calls).toBe(1);
  });

  it("redacts the secret inside providerDetails", async () => {
    server.use(
      http.post(TOKEN_URL, () =>
        HttpResponse.json(
          { error: "Invalid credentials", secret: `got ${handlers.credentials.clientSecret}` },
          { status: 403 },
        ),
      ),
    );
    const error = await failure(auth().getToken());
    expect(error.providerDetails).toEqual({
      error: "Invalid credentials",
      secret: "got [redacted]",
    });
    expect(error.oauthErrorDescription).toBe("Invalid credentials; got [redacted]");
  });

  it("an RFC 6749 body also gives oauthError", async () => {
    server.use(
      http.post(TOKEN_URL, () =>
        HttpResponse.json(
          { error: "invalid_client", error_description: "Invalid credentials" },
          { status: 403 },
        ),
      ),
    );
    const error = await failure(auth().getToken());
    expect(error).toMatchObject({
      oauthError: "invalid_client",
      oauthErrorDescription: "invalid_client; Invalid credentials",
      providerDetails: { error: "invalid_client", error_description: "Invalid credentials" },
    });
  });

  it("an empty 403 keeps only the status", async () => {
    server.use(http.post(TOKEN_URL, () => new HttpResponse(null, { status: 403 })));
    const error = await failure(auth().getToken());
    expect(error).toMatchObject({ status: 403, retryable: false });
    expect(error.providerDetails).toBeUndefined();
    expect(error.bodySnippet).toBeUndefined();
  });
});

describe("describeAlternativePaymentsError", () => {
  it("keeps only string values, and nothing when there is none", () => {
    expect(describeAlternativePaymentsError({ error: "Invalid credentials", code: 7 })).toEqual({
      oauthError: undefined,
      oauthErrorDescription: "Invalid credentials",
      providerDetails: { error: "Invalid credentials" },
    });
    expect(describeAlternativePaymentsError({ code: 7 })).toBeUndefined();
    expect(describeAlternativePaymentsError({})).toBeUndefined();
    expect(describeAlternativePaymentsError(["Invalid credentials"])).toBeUndefined();
    expect(describeAlternativePaymentsError("Invalid credentials")).toBeUndefined();
    expect(describeAlternativePaymentsError(null)).toBeUndefined();
  });

  it("caps the number of entries and the length of values", () => {
    const big = Object.fromEntries(
      Array.from({ length: 50 }, (_, index) => [`k${index}`, "x".repeat(2000)]),
    );
    const description = describeAlternativePaymentsError(big);
    const details = description?.providerDetails as Record<string, string>;
    expect(Object.keys(details)).toHaveLength(20);
    expect(details.k0).toHaveLength(500);
  });
});
