// The names users (and the acceptance tests) import: a rename or a lost export fails here.
import { describe, expect, it } from "vitest";
import * as lab4pay from "../src/index.js";
import * as testing from "../src/testing.js";

describe("public surface", () => {
  it("exports the auth and client factories and the environment constants", () => {
    expect(Object.keys(lab4pay).sort()).toEqual(
      [
        "LAB4PAY_DEFAULT_LIFETIME_SECONDS",
        "LAB4PAY_DEFAULT_SCOPE",
        "PaytokError",
        "isPaytokError",
        "createMemoryTokenStore",
        "createLab4payAuth",
        "createLab4payClient",
        "lab4payApiHeaders",
        "lab4payClientAuthentication",
        "lab4payDefaultEnvironment",
        "lab4payEnvironments",
        "lab4payTokenMediaType",
        "lab4payTokenMethod",
        "lab4payTokenPath",
      ].sort(),
    );
    expect(typeof lab4pay.createLab4payAuth).toBe("function");
    expect(typeof lab4pay.createLab4payClient).toBe("function");
    expect(lab4pay.lab4payEnvironments).toEqual({
      production: "https://api-payment.lab4pay.com",
      development: "https://api-payment.lab4pay.dev",
    });
    expect(lab4pay.lab4payDefaultEnvironment).toBe("production");
    expect(lab4pay.lab4payTokenPath).toBe("/v1/auth/token/");
  });

  it("the testing entry exports lab4payHandlers and the sandbox credentials", () => {
    expect(Object.keys(testing).sort()).toEqual(
      ["SANDBOX_CLIENT_ID", "SANDBOX_CLIENT_SECRET", "lab4payHandlers"].sort(),
    );
    expect(typeof testing.lab4payHandlers).toBe("function");
    expect(testing.SANDBOX_CLIENT_ID).toBe("paytok-sandbox-client");
    expect(testing.SANDBOX_CLIENT_SECRET).toBe("paytok-sandbox-secret");
  });
});
