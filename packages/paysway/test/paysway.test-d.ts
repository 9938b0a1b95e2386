import type { PaytokAuth, Token } from "@paytok/core";
import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import {
  type components,
  createPayswayAuth,
  createPayswayClient,
  type PayswayAuthOptions,
  type PayswayEnvironment,
  type paths,
} from "../src/index.js";
import { payswayHandlers, type SandboxHandlers } from "../src/testing.js";

const credentials = { clientId: "id", clientSecret: "secret" };

describe("createPayswayAuth", () => {
  it("returns a PaytokAuth whose getToken() resolves to a Token", () => {
    const auth = createPayswayAuth(credentials);
    expectTypeOf(auth).toEqualTypeOf<PaytokAuth>();
    expectTypeOf(auth.getToken()).toEqualTypeOf<Promise<Token>>();
  });

  it("offers exactly the documented environment", () => {
    expectTypeOf<PayswayEnvironment>().toEqualTypeOf<"production">();
    createPayswayAuth({ ...credentials, environment: "production" });
    // @ts-expect-error: not an environment of the spec
    createPayswayAuth({ ...credentials, environment: "sandbox" });
  });

  it("requires both credentials", () => {
    // @ts-expect-error: clientSecret is required
    createPayswayAuth({ clientId: "id" });
    // @ts-expect-error: clientId is required
    createPayswayAuth({ clientSecret: "secret" });
  });

  it("takes environment or baseUrl, never both", () => {
    createPayswayAuth({ ...credentials, baseUrl: "https://proxy.example.test" });
    // @ts-expect-error: environment and baseUrl together
    createPayswayAuth({ ...credentials, environment: "production", baseUrl: "https://x.test" });
  });

  it("accepts the core knobs", () => {
    const options: PayswayAuthOptions = {
      ...credentials,
      refreshWindowMs: 30_000,
      timeoutMs: 5_000,
      retry: false,
    };
    createPayswayAuth(options);
  });
});

describe("createPayswayClient", () => {
  it("is an openapi-fetch client of the generated paths", () => {
    expectTypeOf(createPayswayClient()).toEqualTypeOf<Client<paths>>();
    // @ts-expect-error: environment and baseUrl together
    createPayswayClient({ environment: "production", baseUrl: "https://x.test" });
  });

  it("types the form body from the spec", () => {
    const client = createPayswayClient();
    void client.POST("/oauth2/token", {
      body: { grant_type: "client_credentials", client_id: "id", client_secret: "secret" },
    });
    void client.POST("/oauth2/token", {
      // @ts-expect-error: grant_type must be client_credentials
      body: { grant_type: "password", client_id: "id", client_secret: "secret" },
    });
    void client.POST("/oauth2/token", {
      // @ts-expect-error: client_secret is required
      body: { grant_type: "client_credentials", client_id: "id" },
    });
  });
});

describe("generated types", () => {
  it("has the documented request fields, all required", () => {
    type Body =
      paths["/oauth2/token"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"];
    expectTypeOf<Body>().toEqualTypeOf<{
      grant_type: "client_credentials";
      client_id: string;
      client_secret: string;
    }>();
  });

  it("has the documented response and the assumed error body", () => {
    expectTypeOf<components["schemas"]["TokenResponse"]>().toEqualTypeOf<{
      access_token: string;
      token_type: string;
      expires_in: number;
    }>();
    expectTypeOf<components["schemas"]["TokenErrorResponse"]>().toEqualTypeOf<{
      error: string;
      error_description?: string;
      error_uri?: string;
    }>();
  });
});

describe("payswayHandlers", () => {
  it("returns core's SandboxHandlers", () => {
    expectTypeOf(payswayHandlers()).toEqualTypeOf<SandboxHandlers>();
    // @ts-expect-error: not an environment of the spec
    payswayHandlers({ environment: "sandbox" });
  });
});
