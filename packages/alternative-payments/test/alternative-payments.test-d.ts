import type { PaytokAuth, Token } from "@paytok/core";
import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import {
  type AlternativePaymentsAuthOptions,
  type AlternativePaymentsEnvironment,
  alternativePaymentsHttpsEnvironments,
  type components,
  createAlternativePaymentsAuth,
  createAlternativePaymentsClient,
  type paths,
} from "../src/index.js";
import { alternativePaymentsHandlers, type SandboxHandlers } from "../src/testing.js";

const credentials = { clientId: "id", clientSecret: "secret" };

describe("createAlternativePaymentsAuth", () => {
  it("returns a PaytokAuth whose getToken() resolves to a Token", () => {
    const auth = createAlternativePaymentsAuth(credentials);
    expectTypeOf(auth).toEqualTypeOf<PaytokAuth>();
    expectTypeOf(auth.getToken()).toEqualTypeOf<Promise<Token>>();
  });

  it("offers exactly the spec's environments", () => {
    expectTypeOf<AlternativePaymentsEnvironment>().toEqualTypeOf<
      "production" | "production-http"
    >();
    expectTypeOf(
      alternativePaymentsHttpsEnvironments.production,
    ).toEqualTypeOf<"https://public-api.alternativepayments.io">();
    createAlternativePaymentsAuth({ ...credentials, environment: "production" });
    // @ts-expect-error: not an environment of the spec
    createAlternativePaymentsAuth({ ...credentials, environment: "sandbox" });
  });

  it("requires both credentials", () => {
    // @ts-expect-error: clientSecret is required
    createAlternativePaymentsAuth({ clientId: "id" });
    // @ts-expect-error: clientId is required
    createAlternativePaymentsAuth({ clientSecret: "secret" });
  });

  it("takes environment or baseUrl, never both", () => {
    createAlternativePaymentsAuth({
      ...credentials,
      baseUrl: "http://public-api.alternativepayments.io",
      allowInsecureHttp: true,
    });
    const both = { ...credentials, environment: "production" as const, baseUrl: "https://x.test" };
    // @ts-expect-error: environment and baseUrl together
    createAlternativePaymentsAuth(both);
  });

  it("accepts the core knobs", () => {
    const options: AlternativePaymentsAuthOptions = {
      ...credentials,
      timeoutMs: 5_000,
      retry: { retries: 0 },
    };
    createAlternativePaymentsAuth(options);
  });
});

describe("createAlternativePaymentsClient", () => {
  it("is an openapi-fetch client of the generated paths", () => {
    expectTypeOf(createAlternativePaymentsClient()).toEqualTypeOf<Client<paths>>();
    // @ts-expect-error: environment and baseUrl together
    createAlternativePaymentsClient({ environment: "production", baseUrl: "https://x.test" });
  });

  it("types the form body from the spec: grant_type only", () => {
    const client = createAlternativePaymentsClient();
    void client.POST("/oauth/token", { body: { grant_type: "client_credentials" } });
    void client.POST("/oauth/token", {
      // @ts-expect-error: grant_type must be client_credentials
      body: { grant_type: "password" },
    });
    void client.POST("/oauth/token", {
      // @ts-expect-error: the credentials do not belong in the body
      body: { grant_type: "client_credentials", client_id: "id" },
    });
  });
});

describe("generated types", () => {
  it("has the documented request field, required", () => {
    type Body =
      paths["/oauth/token"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"];
    expectTypeOf<Body>().toEqualTypeOf<{ grant_type: "client_credentials" }>();
  });

  it("has the documented response and the 403 string map", () => {
    expectTypeOf<components["schemas"]["TokenResponse"]>().toEqualTypeOf<{
      access_token: string;
      expires_in: number;
      token_type: string;
    }>();
    expectTypeOf<components["schemas"]["TokenErrorResponse"]>().toEqualTypeOf<{
      [key: string]: string;
    }>();
  });
});

describe("alternativePaymentsHandlers", () => {
  it("returns core's SandboxHandlers", () => {
    expectTypeOf(alternativePaymentsHandlers()).toEqualTypeOf<SandboxHandlers>();
    // @ts-expect-error: not an environment of the spec
    alternativePaymentsHandlers({ environment: "sandbox" });
  });
});
