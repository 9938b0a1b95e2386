// What `@paytok/paylater` and `@paytok/paylater/testing` export at runtime.
import { describe, expect, it } from "vitest";
import * as paylater from "../src/index.js";
import * as testing from "../src/testing.js";

describe("public surface", () => {
  it("the main entry exports the auth, the client and the generated constants", () => {
    expect(Object.keys(paylater).sort()).toEqual(
      [
        "PaytokError",
        "createPaylaterAuth",
        "createPaylaterClient",
        "isPaytokError",
        "createMemoryTokenStore",
        "paylaterApiHeaders",
        "paylaterClientAuthentication",
        "paylaterDefaultEnvironment",
        "paylaterEnvironments",
        "paylaterTokenMediaType",
        "paylaterTokenMethod",
        "paylaterTokenPath",
      ].sort(),
    );
    expect(typeof paylater.createPaylaterAuth).toBe("function");
    expect(typeof paylater.createPaylaterClient).toBe("function");
    expect(paylater.paylaterEnvironments).toEqual({
      sandbox: "https://connect.uat.paylaterapp.com",
      production: "https://connect.paylaterapp.com",
    });
    expect(paylater.paylaterDefaultEnvironment).toBe("sandbox");
    expect(paylater.paylaterTokenPath).toBe("/auth/realms/api/protocol/openid-connect/token");
    expect(paylater.paylaterTokenMethod).toBe("POST");
    expect(paylater.paylaterTokenMediaType).toBe("application/x-www-form-urlencoded");
    expect(paylater.paylaterClientAuthentication).toBe("client_secret_post");
    expect(paylater.paylaterApiHeaders).toEqual({});
  });

  it("the testing entry exports the handlers and the sandbox credentials", () => {
    expect(Object.keys(testing).sort()).toEqual(
      ["SANDBOX_CLIENT_ID", "SANDBOX_CLIENT_SECRET", "paylaterHandlers"].sort(),
    );
    expect(typeof testing.paylaterHandlers).toBe("function");
    expect(testing.SANDBOX_CLIENT_ID).toBe("paytok-sandbox-client");
    expect(testing.SANDBOX_CLIENT_SECRET).toBe("paytok-sandbox-secret");
    const handlers = testing.paylaterHandlers();
    expect(Array.isArray(handlers)).toBe(true);
    expect(handlers.length).toBeGreaterThanOrEqual(2);
    expect(handlers.baseUrl).toBe("https://connect.uat.paylaterapp.com");
    expect(handlers.apiUrl).toBe("https://connect.uat.paylaterapp.com/paytok-sandbox/api");
  });

  it("the auth object has the PaytokAuth shape and is frozen", () => {
    const auth = paylater.createPaylaterAuth({ clientId: "1", clientSecret: "secret" });
    expect(Object.keys(auth).sort()).toEqual(
      ["fetch", "getToken", "headers", "invalidate", "middleware"].sort(),
    );
    expect(Object.isFrozen(auth)).toBe(true);
  });
});
