// The names users (and the acceptance tests) import: a rename or a lost export fails here.
import { describe, expect, it } from "vitest";
import * as alternativePayments from "../src/index.js";
import * as testing from "../src/testing.js";

describe("public surface", () => {
  it("exports the auth and client factories and the environment constants", () => {
    expect(Object.keys(alternativePayments).sort()).toEqual(
      [
        "PaytokError",
        "isPaytokError",
        "createMemoryTokenStore",
        "ALTERNATIVE_PAYMENTS_DEFAULT_LIFETIME_SECONDS",
        "alternativePaymentsApiHeaders",
        "alternativePaymentsClientAuthentication",
        "alternativePaymentsDefaultEnvironment",
        "alternativePaymentsEnvironments",
        "alternativePaymentsHttpsEnvironments",
        "alternativePaymentsTokenMediaType",
        "alternativePaymentsTokenMethod",
        "alternativePaymentsTokenPath",
        "basicAuthorization",
        "createAlternativePaymentsAuth",
        "createAlternativePaymentsClient",
      ].sort(),
    );
    expect(typeof alternativePayments.createAlternativePaymentsAuth).toBe("function");
    expect(typeof alternativePayments.createAlternativePaymentsClient).toBe("function");
    expect(alternativePayments.alternativePaymentsEnvironments).toEqual({
      production: "http://public-api.alternativepayments.io",
    });
    expect(alternativePayments.alternativePaymentsHttpsEnvironments).toEqual({
      production: "https://public-api.alternativepayments.io",
    });
    expect(alternativePayments.alternativePaymentsDefaultEnvironment).toBe("production");
    expect(alternativePayments.alternativePaymentsTokenPath).toBe("/oauth/token");
  });

  it("the testing entry exports alternativePaymentsHandlers and the sandbox credentials", () => {
    expect(Object.keys(testing).sort()).toEqual(
      ["SANDBOX_CLIENT_ID", "SANDBOX_CLIENT_SECRET", "alternativePaymentsHandlers"].sort(),
    );
    expect(typeof testing.alternativePaymentsHandlers).toBe("function");
  });
});
