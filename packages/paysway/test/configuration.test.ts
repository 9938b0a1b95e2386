// Options that cannot work fail at creation, synchronously, with a typed error.
import { inspect } from "node:util";
import { isPaytokError, type PaytokError } from "@paytok/core";
import { describe, expect, it } from "vitest";
import { createPayswayAuth, createPayswayClient, type PayswayAuthOptions } from "../src/index.js";
import { payswayHandlers } from "../src/testing.js";

const valid = { clientId: "client-id", clientSecret: "client-secret-value" };

function creationError(create: () => unknown): PaytokError {
  try {
    create();
  } catch (error) {
    if (isPaytokError(error)) return error;
    throw error;
  }
  throw new Error("expected creation to throw");
}

/** Options as a JavaScript caller (or a cast) could pass them. */
const untyped = (options: Record<string, unknown>) => options as unknown as PayswayAuthOptions;

describe("createPayswayAuth() configuration", () => {
  const invalid: Array<[string, Record<string, unknown>]> = [
    ["missing clientId", { clientSecret: "client-secret-value" }],
    ["empty clientId", { clientId: "", clientSecret: "client-secret-value" }],
    ["blank clientId", { clientId: "   ", clientSecret: "client-secret-value" }],
    ["non-string clientId", { clientId: 42, clientSecret: "client-secret-value" }],
    ["missing clientSecret", { clientId: "client-id" }],
    ["empty clientSecret", { clientId: "client-id", clientSecret: "" }],
    ["unknown environment", { ...valid, environment: "sandbox" }],
    ["inherited environment name", { ...valid, environment: "toString" }],
    ["environment and baseUrl", { ...valid, environment: "production", baseUrl: "https://x.test" }],
    ["relative baseUrl", { ...valid, baseUrl: "/v1" }],
    ["non-http baseUrl", { ...valid, baseUrl: "ftp://files.example.test" }],
    ["negative refreshWindowMs", { ...valid, refreshWindowMs: -1 }],
    ["zero timeoutMs", { ...valid, timeoutMs: 0 }],
  ];

  for (const [name, options] of invalid) {
    it(`${name} → PAYTOK_CONFIGURATION at creation`, () => {
      const error = creationError(() => createPayswayAuth(untyped(options)));
      expect(error.code).toBe("PAYTOK_CONFIGURATION");
      expect(error.message.startsWith("@paytok/paysway: ")).toBe(true);
    });
  }

  it("no options at all → PAYTOK_CONFIGURATION, not a TypeError", () => {
    const error = creationError(() =>
      createPayswayAuth(undefined as unknown as PayswayAuthOptions),
    );
    expect(error.code).toBe("PAYTOK_CONFIGURATION");
  });

  it("names the unknown environment and the known ones", () => {
    const error = creationError(() =>
      createPayswayAuth(untyped({ ...valid, environment: "staging" })),
    );
    expect(error.message).toContain('"staging"');
    expect(error.message).toContain("expected one of production");
  });

  it("never echoes a credential in a configuration error", () => {
    const error = creationError(() =>
      createPayswayAuth(untyped({ clientId: "", clientSecret: "client-secret-value" })),
    );
    expect(`${error.message} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain(
      "client-secret-value",
    );
  });

  it("plain-HTTP baseUrl to a remote host → PAYTOK_INSECURE_URL", () => {
    const error = creationError(() =>
      createPayswayAuth({ ...valid, baseUrl: "http://api.paysway.dev" }),
    );
    expect(error.code).toBe("PAYTOK_INSECURE_URL");
  });

  it("plain HTTP is accepted with allowInsecureHttp: true, and for loopback", () => {
    expect(() =>
      createPayswayAuth({
        ...valid,
        baseUrl: "http://api.paysway.dev",
        allowInsecureHttp: true,
      }),
    ).not.toThrow();
    expect(() => createPayswayAuth({ ...valid, baseUrl: "http://127.0.0.1:8080" })).not.toThrow();
    expect(() => createPayswayAuth({ ...valid, baseUrl: "http://localhost:8080" })).not.toThrow();
  });

  it("the one documented environment is accepted", () => {
    expect(() => createPayswayAuth({ ...valid, environment: "production" })).not.toThrow();
  });
});

describe("createPayswayClient() configuration", () => {
  it("rejects an unknown environment and environment with baseUrl", () => {
    expect(
      creationError(() => createPayswayClient({ environment: "staging" as "production" })).code,
    ).toBe("PAYTOK_CONFIGURATION");
    expect(
      creationError(() =>
        createPayswayClient({
          environment: "production",
          baseUrl: "https://x.test",
        } as unknown as Parameters<typeof createPayswayClient>[0]),
      ).code,
    ).toBe("PAYTOK_CONFIGURATION");
  });

  it("refuses plain HTTP to a remote host unless allowed", () => {
    expect(creationError(() => createPayswayClient({ baseUrl: "http://x.example" })).code).toBe(
      "PAYTOK_INSECURE_URL",
    );
    expect(() =>
      createPayswayClient({ baseUrl: "http://x.example", allowInsecureHttp: true }),
    ).not.toThrow();
  });
});

describe("payswayHandlers() configuration", () => {
  it("rejects an unknown environment and environment with baseUrl", () => {
    expect(
      creationError(() => payswayHandlers({ environment: "staging" as "production" })).code,
    ).toBe("PAYTOK_CONFIGURATION");
    expect(
      creationError(() => payswayHandlers({ environment: "production", baseUrl: "https://x.test" }))
        .code,
    ).toBe("PAYTOK_CONFIGURATION");
  });

  it("answers on the chosen environment", () => {
    expect(payswayHandlers().baseUrl).toBe("https://api.paysway.dev");
    expect(payswayHandlers({ environment: "production" }).apiUrl).toBe(
      "https://api.paysway.dev/paytok-sandbox/api",
    );
  });
});
