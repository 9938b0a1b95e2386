// Options that cannot work are refused synchronously by createPaymeAuth / createPaymeClient.
import { describe, expect, it } from "vitest";
import {
  createPaymeAuth,
  createPaymeClient,
  type PaymeAuthOptions,
  PaytokError,
} from "../src/index.js";

const valid = {
  clientId: "client-1",
  clientSecret: "a-long-client-secret",
  audience: "https://api.preprod.alignet.io",
};

function creationError(create: () => unknown): PaytokError {
  let caught: unknown;
  try {
    create();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PaytokError);
  return caught as PaytokError;
}

function without(field: keyof typeof valid) {
  const { [field]: _dropped, ...rest } = valid;
  return rest;
}

describe("configuration errors", () => {
  it.each([
    ["missing clientId", without("clientId"), /clientId is required/],
    ["empty clientId", { ...valid, clientId: "" }, /clientId is required/],
    ["missing clientSecret", without("clientSecret"), /clientSecret is required/],
    ["empty clientSecret", { ...valid, clientSecret: " " }, /clientSecret is required/],
    ["missing audience", without("audience"), /audience is required/],
    ["empty audience", { ...valid, audience: "" }, /audience is required/],
    [
      "unknown environment",
      { ...valid, environment: "sandbox" },
      /unknown environment "sandbox"; expected one of preprod, production/,
    ],
    [
      "environment and baseUrl",
      { ...valid, environment: "preprod", baseUrl: "https://a.test" },
      /either environment or baseUrl/,
    ],
    [
      "relative baseUrl",
      { ...valid, baseUrl: "auth.alignet.io" },
      /baseUrl must be an absolute URL/,
    ],
    ["unknown scope", { ...valid, scope: ["refund"] }, /scope has an unknown entry "refund"/],
  ])("%s is PAYTOK_CONFIGURATION", (_name, options, message) => {
    const error = creationError(() => createPaymeAuth(options as unknown as PaymeAuthOptions));
    expect(error.code).toBe("PAYTOK_CONFIGURATION");
    expect(error.message).toMatch(/^@paytok\/payme: /);
    expect(error.message).toMatch(message);
  });

  it("a plain-HTTP remote baseUrl is PAYTOK_INSECURE_URL unless allowInsecureHttp", () => {
    const error = creationError(() =>
      createPaymeAuth({ ...valid, baseUrl: "http://auth.alignet.io" }),
    );
    expect(error.code).toBe("PAYTOK_INSECURE_URL");
    expect(() =>
      createPaymeAuth({ ...valid, baseUrl: "http://auth.internal", allowInsecureHttp: true }),
    ).not.toThrow();
  });

  it("plain HTTP to loopback is allowed", () => {
    expect(() => createPaymeAuth({ ...valid, baseUrl: "http://localhost:4010" })).not.toThrow();
    expect(() => createPaymeAuth({ ...valid, baseUrl: "http://127.0.0.1:4010" })).not.toThrow();
  });

  it("the client refuses unknown environments and environment + baseUrl", () => {
    expect(creationError(() => createPaymeClient({ environment: "qa" as "preprod" })).code).toBe(
      "PAYTOK_CONFIGURATION",
    );
    expect(
      creationError(() =>
        createPaymeClient({ environment: "preprod", baseUrl: "https://a.test" } as never),
      ).code,
    ).toBe("PAYTOK_CONFIGURATION");
  });
});
