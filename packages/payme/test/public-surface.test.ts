// What `@paytok/payme` and `@paytok/payme/testing` export at runtime.
import { describe, expect, it } from "vitest";
import * as payme from "../src/index.js";
import * as testing from "../src/testing.js";

describe("public surface", () => {
  it("the main entry exports the auth, the client and the generated constants", () => {
    expect(Object.keys(payme).sort()).toEqual(
      [
        "PaytokError",
        "createPaymeAuth",
        "createPaymeClient",
        "isPaytokError",
        "createMemoryTokenStore",
        "paymeApiHeaders",
        "paymeClientAuthentication",
        "paymeDefaultEnvironment",
        "paymeEnvironments",
        "paymeScopes",
        "paymeTokenMediaType",
        "paymeTokenMethod",
        "paymeTokenPath",
      ].sort(),
    );
    expect(typeof payme.createPaymeAuth).toBe("function");
    expect(typeof payme.createPaymeClient).toBe("function");
    expect(payme.paymeEnvironments).toEqual({
      preprod: "https://auth.preprod.alignet.io",
      production: "https://auth.alignet.io",
    });
    expect(payme.paymeDefaultEnvironment).toBe("preprod");
    expect(payme.paymeScopes).toEqual([
      "create:token",
      "post:charges",
      "get:charges",
      "delete:charges",
    ]);
    expect(payme.paymeApiHeaders).toEqual({ "ALG-API-VERSION": "1709847567" });
    expect(payme.paymeTokenPath).toBe("/token");
    expect(payme.paymeTokenMethod).toBe("POST");
    expect(payme.paymeTokenMediaType).toBe("application/json");
    expect(payme.paymeClientAuthentication).toBe("client_secret_post");
  });

  it("the testing entry exports the handlers, the sandbox credentials and status codes", () => {
    expect(Object.keys(testing).sort()).toEqual(
      [
        "SANDBOX_CLIENT_ID",
        "SANDBOX_CLIENT_SECRET",
        "paymeHandlers",
        "paymeSandboxStatusCodes",
      ].sort(),
    );
    expect(typeof testing.paymeHandlers).toBe("function");
    expect(testing.SANDBOX_CLIENT_ID).toBe("paytok-sandbox-client");
    expect(testing.SANDBOX_CLIENT_SECRET).toBe("paytok-sandbox-secret");
    const handlers = testing.paymeHandlers();
    expect(Array.isArray(handlers)).toBe(true);
    expect(handlers.baseUrl).toBe("https://auth.preprod.alignet.io");
    expect(handlers.apiUrl).toBe("https://auth.preprod.alignet.io/paytok-sandbox/api");
  });

  it("the auth object has the PaytokAuth shape and is frozen", () => {
    const auth = payme.createPaymeAuth({
      clientId: "id",
      clientSecret: "secret",
      audience: "https://api.alignet.io",
    });
    expect(Object.keys(auth).sort()).toEqual(
      ["fetch", "getToken", "headers", "invalidate", "middleware"].sort(),
    );
    expect(Object.isFrozen(auth)).toBe(true);
  });
});
