// Options that cannot work fail at creation, synchronously, with a typed error.
import { inspect } from "node:util";
import { isPaytokError, type PaytokError } from "@paytok/core";
import { describe, expect, it } from "vitest";
import { createLab4payAuth, createLab4payClient, type Lab4payAuthOptions } from "../src/index.js";
import { lab4payHandlers } from "../src/testing.js";

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
const untyped = (options: Record<string, unknown>) => options as unknown as Lab4payAuthOptions;

describe("createLab4payAuth() configuration", () => {
  const invalid: Array<[string, Record<string, unknown>]> = [
    ["missing clientId", { clientSecret: "client-secret-value" }],
    ["empty clientId", { clientId: "", clientSecret: "client-secret-value" }],
    ["blank clientId", { clientId: "   ", clientSecret: "client-secret-value" }],
    ["non-string clientId", { clientId: 42, clientSecret: "client-secret-value" }],
    ["missing clientSecret", { clientId: "client-id" }],
    ["empty clientSecret", { clientId: "client-id", clientSecret: "" }],
    ["unknown environment", { ...valid, environment: "staging" }],
    ["inherited environment name", { ...valid, environment: "toString" }],
    ["environment and baseUrl", { ...valid, environment: "production", baseUrl: "https://x.test" }],
    ["relative baseUrl", { ...valid, baseUrl: "/v1" }],
    ["non-http baseUrl", { ...valid, baseUrl: "ftp://files.example.test" }],
    ["negative refreshWindowMs", { ...valid, refreshWindowMs: -1 }],
    ["zero timeoutMs", { ...valid, timeoutMs: 0 }],
  ];

  for (const [name, options] of invalid) {
    it(`${name} → PAYTOK_CONFIGURATION at creation`, () => {
      const error = creationError(() => createLab4payAuth(untyped(options)));
      expect(error.code).toBe("PAYTOK_CONFIGURATION");
      expect(error.message.startsWith("@paytok/lab4pay: ")).toBe(true);
    });
  }

  it("no options at all → PAYTOK_CONFIGURATION, not a TypeError", () => {
    const error = creationError(() =>
      createLab4payAuth(undefined as unknown as Lab4payAuthOptions),
    );
    expect(error.code).toBe("PAYTOK_CONFIGURATION");
  });

  it("names the unknown environment and the known ones", () => {
    const error = creationError(() =>
      createLab4payAuth(untyped({ ...valid, environment: "staging" })),
    );
    expect(error.message).toContain('"staging"');
    expect(error.message).toContain("production, development");
  });

  it("never echoes a credential in a configuration error", () => {
    const error = creationError(() =>
      createLab4payAuth(untyped({ clientId: "", clientSecret: "client-secret-value" })),
    );
    expect(`${error.message} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain(
      "client-secret-value",
    );
  });

  it("plain-HTTP baseUrl to a remote host → PAYTOK_INSECURE_URL", () => {
    const error = creationError(() =>
      createLab4payAuth({ ...valid, baseUrl: "http://api-payment.lab4pay.com" }),
    );
    expect(error.code).toBe("PAYTOK_INSECURE_URL");
  });

  it("plain HTTP is accepted with allowInsecureHttp: true, and for loopback", () => {
    expect(() =>
      createLab4payAuth({
        ...valid,
        baseUrl: "http://api-payment.lab4pay.com",
        allowInsecureHttp: true,
      }),
    ).not.toThrow();
    expect(() => createLab4payAuth({ ...valid, baseUrl: "http://127.0.0.1:8080" })).not.toThrow();
    expect(() => createLab4payAuth({ ...valid, baseUrl: "http://localhost:8080" })).not.toThrow();
  });

  it("both documented environments are accepted", () => {
    expect(() => createLab4payAuth({ ...valid, environment: "production" })).not.toThrow();
    expect(() => createLab4payAuth({ ...valid, environment: "development" })).not.toThrow();
  });
});

describe("createLab4payClient() configuration", () => {
  it("rejects an unknown environment and environment with baseUrl", () => {
    expect(
      creationError(() => createLab4payClient({ environment: "staging" as "production" })).code,
    ).toBe("PAYTOK_CONFIGURATION");
    expect(
      creationError(() =>
        createLab4payClient({
          environment: "production",
          baseUrl: "https://x.test",
        } as unknown as Parameters<typeof createLab4payClient>[0]),
      ).code,
    ).toBe("PAYTOK_CONFIGURATION");
  });

  it("refuses plain HTTP to a remote host unless allowed", () => {
    expect(creationError(() => createLab4payClient({ baseUrl: "http://x.example" })).code).toBe(
      "PAYTOK_INSECURE_URL",
    );
    expect(() =>
      createLab4payClient({ baseUrl: "http://x.example", allowInsecureHttp: true }),
    ).not.toThrow();
  });
});

describe("lab4payHandlers() configuration", () => {
  it("rejects an unknown environment and environment with baseUrl", () => {
    expect(
      creationError(() => lab4payHandlers({ environment: "staging" as "production" })).code,
    ).toBe("PAYTOK_CONFIGURATION");
    expect(
      creationError(() => lab4payHandlers({ environment: "production", baseUrl: "https://x.test" }))
        .code,
    ).toBe("PAYTOK_CONFIGURATION");
  });

  it("answers on the chosen environment", () => {
    expect(lab4payHandlers().baseUrl).toBe("https://api-payment.lab4pay.com");
    expect(lab4payHandlers({ environment: "development" }).apiUrl).toBe(
      "https://api-payment.lab4pay.dev/paytok-sandbox/api",
    );
  });
});
