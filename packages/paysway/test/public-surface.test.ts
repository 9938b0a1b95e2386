// The names users (and the acceptance tests) import: a rename or a lost export fails here.
import { describe, expect, it } from "vitest";
import * as paysway from "../src/index.js";
import * as testing from "../src/testing.js";

describe("public surface", () => {
  it("exports the auth and client factories and the environment constants", () => {
    expect(Object.keys(paysway).sort()).toEqual(
      [
        "PAYSWAY_TOKEN_LIFETIME_SECONDS",
        "PaytokError",
        "isPaytokError",
        "createMemoryTokenStore",
        "createPayswayAuth",
        "createPayswayClient",
        "payswayApiHeaders",
        "payswayClientAuthentication",
        "payswayDefaultEnvironment",
        "payswayEnvironments",
        "payswayTokenMediaType",
        "payswayTokenMethod",
        "payswayTokenPath",
      ].sort(),
    );
    expect(typeof paysway.createPayswayAuth).toBe("function");
    expect(typeof paysway.createPayswayClient).toBe("function");
    expect(paysway.payswayEnvironments).toEqual({ production: "https://api.paysway.dev" });
    expect(paysway.payswayDefaultEnvironment).toBe("production");
    expect(paysway.payswayTokenPath).toBe("/oauth2/token");
  });

  it("the testing entry exports payswayHandlers and the sandbox credentials", () => {
    expect(Object.keys(testing).sort()).toEqual(
      ["SANDBOX_CLIENT_ID", "SANDBOX_CLIENT_SECRET", "payswayHandlers"].sort(),
    );
    expect(typeof testing.payswayHandlers).toBe("function");
  });
});
