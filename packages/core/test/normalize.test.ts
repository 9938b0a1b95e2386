import { delay, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import {
  createAuth,
  createToken,
  MAX_LIFETIME_SECONDS,
  type NormalizeOptions,
  normalizeTokenResponse,
  PaytokError,
  parseLifetimeSeconds,
} from "../src/index.js";
import {
  createTokenEndpoint,
  defineProvider,
  manualClock,
  rejection,
  thrown,
  useMswServer,
} from "./helpers.js";

const server = useMswServer();
const SENT_AT = 1_700_000_000_000;
const options: NormalizeOptions = {
  packageName: "@paytok/testpay",
  sentAt: SENT_AT,
  defaultLifetimeSeconds: 300,
};

const normalize = (body: unknown) => normalizeTokenResponse(body, options);
const invalid = (body: unknown) => {
  const error = thrown(() => normalize(body));
  expect(error.code).toBe("PAYTOK_INVALID_TOKEN_RESPONSE");
  expect(error.message.startsWith("@paytok/testpay: ")).toBe(true);
  return error;
};

describe("expires_in", () => {
  it.each([
    [3600, 3_600_000],
    ["3600", 3_600_000],
    [" 3600 ", 3_600_000],
    ["1.5", 1_500],
    [0.5, 500],
    [0.001, 1],
  ])("%j seconds → expiresAt = sentAt + %i ms", (expiresIn, milliseconds) => {
    expect(normalize({ access_token: "a", expires_in: expiresIn }).expiresAt).toBe(
      SENT_AT + milliseconds,
    );
  });

  it("missing (or null) → defaultLifetimeSeconds", () => {
    expect(normalize({ access_token: "a" }).expiresAt).toBe(SENT_AT + 300_000);
    expect(normalize({ access_token: "a", expires_in: null }).expiresAt).toBe(SENT_AT + 300_000);
  });

  it.each([
    ["zero", 0],
    ["negative", -60],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
    ["a word", "soon"],
    ["an empty string", ""],
    ["a string zero", "0"],
    ["a negative string", "-5"],
    ["under a millisecond", 5e-324],
    ["a string under a millisecond", "0.0000001"],
    ["exponent notation", "1e3"],
    ["hexadecimal", "0x10"],
    ["a boolean", true],
    ["an object", { seconds: 60 }],
    ["an array", [60]],
  ])("%s → PAYTOK_INVALID_TOKEN_RESPONSE", (_, expiresIn) => {
    const error = invalid({ access_token: "a", expires_in: expiresIn });
    expect(error.message).toContain("expires_in");
    expect(error.retryable).toBe(false);
  });

  it("a string of digits too long for a double is rejected, not read as Infinity", () => {
    invalid({ access_token: "a", expires_in: "9".repeat(400) });
  });

  it("huge → clamped to MAX_LIFETIME_SECONDS (one year)", () => {
    expect(MAX_LIFETIME_SECONDS).toBe(31_536_000);
    for (const huge of [1e12, "99999999999", Number.MAX_SAFE_INTEGER, Number.MAX_VALUE]) {
      expect(normalize({ access_token: "a", expires_in: huge }).expiresAt).toBe(
        SENT_AT + MAX_LIFETIME_SECONDS * 1000,
      );
    }
  });

  it("parseLifetimeSeconds reads numbers and numeric strings, and names the field on error", () => {
    expect(parseLifetimeSeconds(undefined, "expires_in", "@p/x")).toBeUndefined();
    expect(parseLifetimeSeconds(null, "expires_in", "@p/x")).toBeUndefined();
    expect(parseLifetimeSeconds("42", "expires_in", "@p/x")).toBe(42);
    const error = thrown(() => parseLifetimeSeconds("forever", "refresh_expires_in", "@p/x"));
    expect(error.message).toBe(
      '@p/x: token response has a refresh_expires_in that is not a number of seconds ("forever")',
    );
  });
});

describe("token_type", () => {
  it.each(["Bearer", "bearer", "BEARER", "bEaReR"])("%j → Bearer", (tokenType) => {
    expect(normalize({ access_token: "a", token_type: tokenType }).tokenType).toBe("Bearer");
  });

  it("missing → Bearer", () => {
    expect(normalize({ access_token: "a" }).tokenType).toBe("Bearer");
  });

  it.each(["mac", "DPoP", "N_A", ""])("%j → PAYTOK_INVALID_TOKEN_RESPONSE", (tokenType) => {
    expect(invalid({ access_token: "a", token_type: tokenType }).message).toContain("token_type");
  });

  it("a token_type that is not a string is an error", () => {
    invalid({ access_token: "a", token_type: 1 });
  });
});

describe("access_token and the body", () => {
  it.each([
    ["missing", {}],
    ["empty", { access_token: "" }],
    ["a number", { access_token: 12345 }],
    ["an object", { access_token: { value: "a" } }],
  ])("an access_token that is %s is an error", (_, body) => {
    expect(invalid(body).message).toContain("access_token");
  });

  it.each([
    ["null", null],
    ["an array", [{ access_token: "a" }]],
    ["a string", "access_token=a"],
    ["a number", 42],
    ["undefined", undefined],
  ])("a body that is %s is an error naming its kind", (kind, body) => {
    expect(invalid(body).message).toContain("not a JSON object");
    expect(invalid(body).message).toContain(
      kind === "a string" ? "string" : kind.split(" ").at(-1),
    );
  });

  it("keeps scope, refresh token and its expiry; ignores unknown fields", () => {
    const token = normalize({
      access_token: "access",
      token_type: "bearer",
      expires_in: 60,
      scope: "payments:read payments:write",
      refresh_token: "refresh",
      refresh_expires_in: 1800,
      "not-before-policy": 0,
      session_state: "abc",
    });
    expect(token).toMatchObject({
      accessToken: "access",
      tokenType: "Bearer",
      expiresAt: SENT_AT + 60_000,
      scope: "payments:read payments:write",
      refreshToken: "refresh",
      refreshExpiresAt: SENT_AT + 1_800_000,
    });
  });

  it("refresh_expires_in 0 means a refresh token without its own limit (Keycloak)", () => {
    const token = normalize({ access_token: "a", refresh_token: "r", refresh_expires_in: 0 });
    expect(token.refreshToken).toBe("r");
    expect(token.refreshExpiresAt).toBeUndefined();
    expect("refreshExpiresAt" in token).toBe(false);
  });

  it("refresh_expires_in without a refresh token is ignored, even when malformed", () => {
    const token = normalize({ access_token: "a", refresh_expires_in: "garbage" });
    expect(token.refreshToken).toBeUndefined();
    expect(token.refreshExpiresAt).toBeUndefined();
  });

  it("an empty refresh_token counts as none", () => {
    expect(normalize({ access_token: "a", refresh_token: "" }).refreshToken).toBeUndefined();
  });

  it.each([
    ["scope", { scope: 7 }],
    ["refresh_token", { refresh_token: ["r"] }],
    ["refresh_expires_in", { refresh_token: "r", refresh_expires_in: -1 }],
  ])("a malformed %s is an error", (field, extra) => {
    expect(invalid({ access_token: "a", ...extra }).message).toContain(field);
  });

  it("tokens are frozen, and optional fields are absent rather than undefined", () => {
    const token = normalize({ access_token: "a" });
    expect(Object.isFrozen(token)).toBe(true);
    expect(Object.keys(token).sort()).toEqual(["expiresAt", "tokenType"]);
    expect(createToken({ accessToken: "x", expiresAt: 1 })).toEqual(
      createToken({ accessToken: "x", expiresAt: 1, scope: undefined }),
    );
  });
});

describe("on the wire", () => {
  it("expiry counts from when the request was sent, not from when the answer came", async () => {
    const clock = manualClock();
    const sentAt = clock.now();
    const endpoint = createTokenEndpoint({
      lifetimeSeconds: 60,
      respond: async () => {
        // The answer takes 5 s to arrive.
        await delay(10);
        clock.advance(5_000);
        return undefined;
      },
    });
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider(), { clock });

    const token = await auth.getToken();

    expect(clock.now()).toBe(sentAt + 5_000);
    expect(token.expiresAt).toBe(sentAt + 60_000);
  });

  it("a numeric string expires_in from the wire is accepted", async () => {
    const clock = manualClock();
    const endpoint = createTokenEndpoint({ respond: (_, issue) => issue({ expires_in: "3600" }) });
    server.use(endpoint.handler);
    const token = await createAuth(defineProvider(), { clock }).getToken();
    expect(token.expiresAt).toBe(clock.now() + 3_600_000);
  });

  it("a missing expires_in uses the provider's defaultLifetimeSeconds (300 s when unset)", async () => {
    const clock = manualClock();
    server.use(
      createTokenEndpoint({ respond: () => HttpResponse.json({ access_token: "a" }) }).handler,
    );
    expect((await createAuth(defineProvider(), { clock }).getToken()).expiresAt).toBe(
      clock.now() + 300_000,
    );
    const custom = createAuth(defineProvider({ defaultLifetimeSeconds: 3600 }), { clock });
    expect((await custom.getToken()).expiresAt).toBe(clock.now() + 3_600_000);
  });

  it("an invalid expires_in on the wire is PAYTOK_INVALID_TOKEN_RESPONSE with the status, not retried", async () => {
    const endpoint = createTokenEndpoint({ respond: (_, issue) => issue({ expires_in: -1 }) });
    server.use(endpoint.handler);
    const error = await rejection(createAuth(defineProvider()).getToken());
    expect(error.code).toBe("PAYTOK_INVALID_TOKEN_RESPONSE");
    expect(endpoint.count).toBe(1);
  });

  it("a token_type mac on the wire is rejected", async () => {
    server.use(
      createTokenEndpoint({ respond: (_, issue) => issue({ token_type: "mac" }) }).handler,
    );
    const error = await rejection(createAuth(defineProvider()).getToken());
    expect(error.code).toBe("PAYTOK_INVALID_TOKEN_RESPONSE");
    expect(error.message).toContain('"mac"');
  });

  it("a provider's parseTokenResponse is used, and a plain exception from it becomes a PaytokError", async () => {
    server.use(createTokenEndpoint().handler);
    const seen: unknown[] = [];
    const auth = createAuth(
      defineProvider({
        parseTokenResponse(body, context) {
          seen.push(context);
          if (typeof body === "object" && body !== null) throw new TypeError("bad shape");
          return createToken({ accessToken: "never", expiresAt: 0 });
        },
      }),
    );
    const error = await rejection(auth.getToken());
    expect(error.code).toBe("PAYTOK_INVALID_TOKEN_RESPONSE");
    expect(error.status).toBe(200);
    // The cause went through redaction: a copy that keeps the name and the message.
    expect(error.cause).toMatchObject({ name: "TypeError", message: "bad shape" });
    expect(seen[0]).toMatchObject({
      packageName: "@paytok/testpay",
      status: 200,
      defaultLifetimeSeconds: 300,
      grant: "client_credentials",
    });
  });

  it("a provider's describeErrorBody reads its own error shape", async () => {
    server.use(
      createTokenEndpoint({
        respond: () =>
          HttpResponse.json(
            { authorization: { meta: { status: "FAILURE", message: "bad key" } } },
            { status: 403 },
          ),
      }).handler,
    );
    const auth = createAuth(
      defineProvider({
        describeErrorBody: (body, status) => ({
          oauthError: "access_denied",
          oauthErrorDescription: `status ${status}`,
          providerDetails: { raw: (body as { authorization: unknown }).authorization },
        }),
      }),
    );
    const error = await rejection(auth.getToken());
    expect(error.oauthError).toBe("access_denied");
    expect(error.oauthErrorDescription).toBe("status 403");
    expect(error.providerDetails).toEqual({
      raw: { meta: { status: "FAILURE", message: "bad key" } },
    });
    expect(error.bodySnippet).toBeUndefined();
  });
});

describe("access tokens that cannot travel in a header", () => {
  it.each([
    ["a space", "abc def"],
    ["a line break", "abc\r\nX-Injected: 1"],
    ["a non-ASCII letter", "tökén"],
  ])("reject %s without quoting the token", (_, accessToken) => {
    let caught: unknown;
    try {
      normalizeTokenResponse(
        { access_token: accessToken, token_type: "Bearer", expires_in: 60 },
        { packageName: "@paytok/test", sentAt: 0, defaultLifetimeSeconds: 300 },
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PaytokError);
    expect((caught as PaytokError).code).toBe("PAYTOK_INVALID_TOKEN_RESPONSE");
    expect((caught as PaytokError).message).not.toContain(accessToken);
  });
});
