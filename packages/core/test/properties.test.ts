// Property-based: whatever the token endpoint answers, requestToken resolves to a usable Token or
// rejects with a PaytokError. A stub fetch stands in for the network: the parser is the real one.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  normalizeTokenResponse,
  PaytokError,
  type PaytokErrorCode,
  requestToken,
  resolveRetryOptions,
  type Token,
} from "../src/index.js";
import { defineProvider } from "./helpers.js";

const CODES: readonly PaytokErrorCode[] = [
  "PAYTOK_TOKEN_REQUEST_FAILED",
  "PAYTOK_INVALID_TOKEN_RESPONSE",
  "PAYTOK_TIMEOUT",
  "PAYTOK_NETWORK_ERROR",
  "PAYTOK_ABORTED",
  "PAYTOK_INSECURE_URL",
  "PAYTOK_CONFIGURATION",
];

/** Statuses a Response can be built with; those that cannot carry a body get none. */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);
const status = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(200, 201, 400, 401, 403, 429, 500, 502, 503) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) },
);

/** Any value a field could hold: numbers of every kind, strings, JSON structures. */
const anyField = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 1e-300, 5e-324, 1e308, -1, 0.0001, 3600),
  fc.string(),
  fc.constantFrom(
    "3600",
    " 60 ",
    "1e3",
    "-5",
    "0",
    "0.000000001",
    "NaN",
    "Infinity",
    "",
    "9".repeat(400),
  ),
  fc.stringMatching(/^\s*\d{1,30}(\.\d{1,30})?\s*$/),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Objects that look like token responses, with arbitrary values in the fields that matter. */
const tokenLikeObject = fc.record(
  {
    access_token: fc.oneof(fc.string(), fc.string({ minLength: 1 }), anyField),
    expires_in: anyField,
    token_type: fc.oneof(fc.constantFrom("Bearer", "bearer", "BEARER", "mac"), anyField),
    refresh_token: fc.oneof(fc.string({ minLength: 1 }), anyField),
    refresh_expires_in: anyField,
    scope: fc.oneof(fc.string(), anyField),
    error: fc.oneof(fc.constantFrom("invalid_client", "invalid_grant"), anyField),
    error_description: anyField,
  },
  { requiredKeys: [] },
);

/** Any body text: JSON of anything, token-like JSON, cut-off JSON, arbitrary text. */
const bodyText = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  tokenLikeObject.map((value) => JSON.stringify(value)),
  tokenLikeObject.chain((value) => {
    const text = JSON.stringify(value);
    return fc.nat({ max: text.length }).map((cut) => text.slice(0, cut));
  }),
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("", " ", "null", "[]", "<html><body>Bad Gateway</body></html>", "{}"),
);

const retryAfter = fc.option(
  fc.oneof(
    fc.nat().map(String),
    fc.date({ noInvalidDate: true }).map((date) => date.toUTCString()),
    fc.stringMatching(/^[\x20-\x7e]{0,20}$/),
  ),
  { nil: undefined },
);

const SENT_AT = 1_750_000_000_000;

async function run(
  responseStatus: number,
  text: string,
  retryAfterValue: string | undefined,
): Promise<{ token: Token } | { error: unknown }> {
  const fetch = async () =>
    new Response(NULL_BODY_STATUSES.has(responseStatus) ? null : text, {
      status: responseStatus,
      headers: retryAfterValue === undefined ? {} : { "Retry-After": retryAfterValue },
    });
  try {
    const token = await requestToken(
      defineProvider({}, { fetch }),
      { type: "client_credentials" },
      {
        clock: { now: () => SENT_AT },
        timeoutMs: 1_000,
        retry: resolveRetryOptions(false),
        emit: () => undefined,
        background: false,
      },
    );
    return { token };
  } catch (error) {
    return { error };
  }
}

function expectTokenOrPaytokError(outcome: { token: Token } | { error: unknown }, code: number) {
  if ("token" in outcome) {
    const { token } = outcome;
    expect(code).toBeGreaterThanOrEqual(200);
    expect(code).toBeLessThan(300);
    expect(typeof token.accessToken).toBe("string");
    expect(token.accessToken.length).toBeGreaterThan(0);
    expect(token.tokenType).toBe("Bearer");
    expect(Number.isFinite(token.expiresAt)).toBe(true);
    expect(token.expiresAt).toBeGreaterThan(SENT_AT);
    if (token.refreshExpiresAt !== undefined) {
      expect(Number.isFinite(token.refreshExpiresAt)).toBe(true);
    }
  } else {
    expect(outcome.error).toBeInstanceOf(PaytokError);
    const error = outcome.error as PaytokError;
    expect(CODES).toContain(error.code);
    expect(typeof error.retryable).toBe("boolean");
    if (error.retryAfterMs !== undefined) expect(error.retryAfterMs).toBeGreaterThanOrEqual(0);
    if (error.bodySnippet !== undefined) expect(error.bodySnippet.length).toBeLessThanOrEqual(200);
  }
}

describe("requestToken never throws anything but a PaytokError", () => {
  it("for any status, body and Retry-After", async () => {
    await fc.assert(
      fc.asyncProperty(status, bodyText, retryAfter, async (code, text, retryAfterValue) => {
        expectTokenOrPaytokError(await run(code, text, retryAfterValue), code);
      }),
      { numRuns: 1500 },
    );
  });

  it("for any token-like 200 body", async () => {
    await fc.assert(
      fc.asyncProperty(tokenLikeObject, async (body) => {
        expectTokenOrPaytokError(await run(200, JSON.stringify(body), undefined), 200);
      }),
      { numRuns: 1500 },
    );
  });

  it("a non-2xx status is always an error, retryable exactly for 408, 429 and 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 300, max: 599 }), bodyText, async (code, text) => {
        const outcome = await run(code, text, undefined);
        expect("error" in outcome).toBe(true);
        const error = (outcome as { error: PaytokError }).error;
        expect(error.code).toBe("PAYTOK_TOKEN_REQUEST_FAILED");
        expect(error.status).toBe(code);
        expect(error.retryable).toBe(code === 408 || code === 429 || code >= 500);
      }),
      { numRuns: 500 },
    );
  });
});

describe("normalizeTokenResponse", () => {
  it("gives a token with expiresAt > sentAt, or a PaytokError, for any body and any sentAt", () => {
    fc.assert(
      fc.property(
        fc.oneof(tokenLikeObject, fc.jsonValue(), fc.anything()),
        fc.integer({ min: 0, max: 8_000_000_000_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (body, sentAt, defaultLifetimeSeconds) => {
          let token: Token;
          try {
            token = normalizeTokenResponse(body, {
              packageName: "@paytok/testpay",
              sentAt,
              defaultLifetimeSeconds,
            });
          } catch (error) {
            expect(error).toBeInstanceOf(PaytokError);
            expect((error as PaytokError).code).toBe("PAYTOK_INVALID_TOKEN_RESPONSE");
            return;
          }
          expect(token.accessToken.length).toBeGreaterThan(0);
          expect(Number.isFinite(token.expiresAt)).toBe(true);
          expect(token.expiresAt).toBeGreaterThan(sentAt);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
