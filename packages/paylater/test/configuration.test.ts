// Options that cannot work are refused synchronously by createPaylaterAuth / createPaylaterClient.
import { describe, expect, it } from "vitest";
import {
  createPaylaterAuth,
  createPaylaterClient,
  type PaylaterAuthOptions,
  PaytokError,
} from "../src/index.js";

const credentials = { clientId: "client-1", clientSecret: "a-long-client-secret" };

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

function auth(options: Record<string, unknown>) {
  return () => createPaylaterAuth(options as unknown as PaylaterAuthOptions);
}

describe("configuration errors", () => {
  it.each([
    ["missing clientId", { clientSecret: "a-long-client-secret" }, /clientId is required/],
    [
      "empty clientId",
      { clientId: "", clientSecret: "a-long-client-secret" },
      /clientId is required/,
    ],
    ["missing clientSecret", { clientId: "client-1" }, /clientSecret is required/],
    ["empty clientSecret", { clientId: "client-1", clientSecret: "" }, /clientSecret is required/],
    [
      "unknown environment",
      { ...credentials, environment: "staging" },
      /unknown environment "staging"; expected one of sandbox, production/,
    ],
    [
      "environment and baseUrl",
      { ...credentials, environment: "sandbox", baseUrl: "https://a.test" },
      /either environment or baseUrl/,
    ],
    ["relative baseUrl", { ...credentials, baseUrl: "/auth" }, /baseUrl must be an absolute URL/],
    ["negative refreshWindowMs", { ...credentials, refreshWindowMs: -1 }, /refreshWindowMs/],
    ["zero timeoutMs", { ...credentials, timeoutMs: 0 }, /timeoutMs/],
  ])("%s is PAYTOK_CONFIGURATION", (_name, options, message) => {
    const error = creationError(auth(options));
    expect(error.code).toBe("PAYTOK_CONFIGURATION");
    expect(error.message).toMatch(/^@paytok\/paylater: /);
    expect(error.message).toMatch(message);
    expect(error.retryable).toBe(false);
  });

  it("a plain-HTTP remote baseUrl is PAYTOK_INSECURE_URL", () => {
    const error = creationError(
      auth({ ...credentials, baseUrl: "http://connect.paylaterapp.com" }),
    );
    expect(error.code).toBe("PAYTOK_INSECURE_URL");
  });

  it("allowInsecureHttp: true lets a plain-HTTP remote baseUrl through", () => {
    expect(() =>
      createPaylaterAuth({
        ...credentials,
        baseUrl: "http://keycloak.internal",
        allowInsecureHttp: true,
      }),
    ).not.toThrow();
  });

  it("plain HTTP to loopback is allowed (local Keycloak, emulators)", () => {
    for (const baseUrl of ["http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080"]) {
      expect(() => createPaylaterAuth({ ...credentials, baseUrl })).not.toThrow();
    }
  });

  it("the client refuses unknown environments and environment + baseUrl", () => {
    expect(
      creationError(() => createPaylaterClient({ environment: "staging" as "sandbox" })).code,
    ).toBe("PAYTOK_CONFIGURATION");
    expect(
      creationError(() =>
        createPaylaterClient({ environment: "sandbox", baseUrl: "https://a.test" } as never),
      ).code,
    ).toBe("PAYTOK_CONFIGURATION");
  });
});
