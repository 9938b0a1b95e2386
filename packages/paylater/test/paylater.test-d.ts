import type { PaytokAuth, Token } from "@paytok/core";
import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import {
  type components,
  createPaylaterAuth,
  createPaylaterClient,
  type PaylaterAuthOptions,
  type PaylaterEnvironment,
  type paths,
} from "../src/index.js";
import { paylaterHandlers, type SandboxHandlers } from "../src/testing.js";

const secret = { clientSecret: "s" };

describe("createPaylaterAuth types", () => {
  it("returns a PaytokAuth whose getToken() is Promise<Token>", () => {
    const auth = createPaylaterAuth({ clientId: "1", ...secret });
    expectTypeOf(auth).toEqualTypeOf<PaytokAuth>();
    expectTypeOf(auth.getToken()).toEqualTypeOf<Promise<Token>>();
  });

  it("offers exactly the documented environments", () => {
    expectTypeOf<PaylaterEnvironment>().toEqualTypeOf<"sandbox" | "production">();
    createPaylaterAuth({ clientId: "1", ...secret, environment: "production" });
    // @ts-expect-error unknown environment
    createPaylaterAuth({ clientId: "1", ...secret, environment: "staging" });
  });

  it("takes clientId as a string or a bigint, never a number", () => {
    createPaylaterAuth({ clientId: "12345678901234567890", ...secret });
    createPaylaterAuth({ clientId: 12345678901234567890n, ...secret });
    // @ts-expect-error a number cannot carry a Long exactly
    createPaylaterAuth({ clientId: 12345, ...secret });
    expectTypeOf<PaylaterAuthOptions["clientId"]>().toEqualTypeOf<
      string | bigint | (() => string | bigint | PromiseLike<string | bigint>)
    >();
    createPaylaterAuth({ clientId: async () => 12345678901234567890n, ...secret });
  });

  it("requires clientId and clientSecret", () => {
    // @ts-expect-error missing clientSecret
    createPaylaterAuth({ clientId: "1" });
    // @ts-expect-error missing clientId
    createPaylaterAuth({ clientSecret: "s" });
  });

  it("refuses environment and baseUrl together", () => {
    createPaylaterAuth({ clientId: "1", ...secret, baseUrl: "https://keycloak.example" });
    // @ts-expect-error either environment or baseUrl
    createPaylaterAuth({ clientId: "1", ...secret, environment: "sandbox", baseUrl: "https://a" });
  });

  it("accepts every core knob", () => {
    createPaylaterAuth({
      clientId: "1",
      ...secret,
      refreshWindowMs: 30_000,
      timeoutMs: 5_000,
      retry: { retries: 1, random: () => 0 },
      allowInsecureHttp: false,
      clock: { now: () => 0 },
      lockTimeoutMs: 1_000,
      onEvent: () => undefined,
      fetch: (input, init) => fetch(input, init),
    });
    // @ts-expect-error not an option
    createPaylaterAuth({ clientId: "1", ...secret, scope: "x" });
  });
});

describe("createPaylaterClient types", () => {
  it("is a Client of the generated paths", () => {
    expectTypeOf(createPaylaterClient()).toEqualTypeOf<Client<paths>>();
    // @ts-expect-error unknown environment
    createPaylaterClient({ environment: "staging" });
    // @ts-expect-error either environment or baseUrl
    createPaylaterClient({ environment: "sandbox", baseUrl: "https://a" });
  });

  it("types the documented request fields with their required-ness", () => {
    type ClientCredentials = components["schemas"]["ClientCredentialsTokenRequest"];
    expectTypeOf<ClientCredentials>().toEqualTypeOf<{
      grant_type: "client_credentials";
      client_id: string;
      client_secret: string;
    }>();
    type Refresh = components["schemas"]["RefreshTokenRequest"];
    expectTypeOf<Refresh["refresh_token"]>().toEqualTypeOf<string>();
    type Body = NonNullable<
      paths["/auth/realms/api/protocol/openid-connect/token"]["post"]["requestBody"]
    >["content"]["application/x-www-form-urlencoded"];
    expectTypeOf<Body>().toEqualTypeOf<ClientCredentials | Refresh>();
    const client = createPaylaterClient();
    client.POST("/auth/realms/api/protocol/openid-connect/token", {
      // @ts-expect-error client_secret is required
      body: { grant_type: "client_credentials", client_id: "1" },
    });
    client.POST("/auth/realms/api/protocol/openid-connect/token", {
      // @ts-expect-error grant_type must be one of the two grants
      body: { grant_type: "password", client_id: "1", client_secret: "s" },
    });
  });

  it("types the response: access_token, token_type and expires_in required", () => {
    type Response = components["schemas"]["TokenResponse"];
    expectTypeOf<Response["access_token"]>().toEqualTypeOf<string>();
    expectTypeOf<Response["expires_in"]>().toEqualTypeOf<number>();
    expectTypeOf<Response["token_type"]>().toEqualTypeOf<string>();
    expectTypeOf<Response["refresh_token"]>().toEqualTypeOf<string | undefined>();
  });
});

describe("paylaterHandlers types", () => {
  it("returns SandboxHandlers and takes an environment", () => {
    expectTypeOf(paylaterHandlers()).toEqualTypeOf<SandboxHandlers>();
    paylaterHandlers({ environment: "production", now: () => 0 });
    // @ts-expect-error unknown environment
    paylaterHandlers({ environment: "staging" });
  });
});
