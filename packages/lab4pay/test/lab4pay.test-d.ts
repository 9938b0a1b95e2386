import type { PaytokAuth, Token } from "@paytok/core";
import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import {
  type components,
  createLab4payAuth,
  createLab4payClient,
  type Lab4payAuthOptions,
  type Lab4payEnvironment,
  type paths,
} from "../src/index.js";
import { lab4payHandlers, type SandboxHandlers } from "../src/testing.js";

const credentials = { clientId: "id", clientSecret: "secret" };

describe("createLab4payAuth", () => {
  it("returns a PaytokAuth whose getToken() resolves to a Token", () => {
    const auth = createLab4payAuth(credentials);
    expectTypeOf(auth).toEqualTypeOf<PaytokAuth>();
    expectTypeOf(auth.getToken()).toEqualTypeOf<Promise<Token>>();
    expectTypeOf(auth.headers()).toEqualTypeOf<Promise<Record<string, string>>>();
  });

  it("offers exactly the documented environments", () => {
    expectTypeOf<Lab4payEnvironment>().toEqualTypeOf<"production" | "development">();
    createLab4payAuth({ ...credentials, environment: "development" });
    // @ts-expect-error: not an environment of the spec
    createLab4payAuth({ ...credentials, environment: "staging" });
  });

  it("requires both credentials", () => {
    // @ts-expect-error: clientSecret is required
    createLab4payAuth({ clientId: "id" });
    // @ts-expect-error: clientId is required
    createLab4payAuth({ clientSecret: "secret" });
  });

  it("takes environment or baseUrl, never both", () => {
    createLab4payAuth({ ...credentials, baseUrl: "https://proxy.example.test" });
    // @ts-expect-error: environment and baseUrl together
    createLab4payAuth({ ...credentials, environment: "production", baseUrl: "https://x.test" });
  });

  it("accepts the core knobs", () => {
    const options: Lab4payAuthOptions = {
      ...credentials,
      refreshWindowMs: 30_000,
      timeoutMs: 5_000,
      retry: { retries: 1 },
      allowInsecureHttp: false,
      onEvent: (event) => {
        expectTypeOf(event.provider).toEqualTypeOf<string>();
      },
    };
    createLab4payAuth(options);
    // @ts-expect-error: not an option
    createLab4payAuth({ ...credentials, scope: "default" });
  });
});

describe("createLab4payClient", () => {
  it("is an openapi-fetch client of the generated paths", () => {
    expectTypeOf(createLab4payClient()).toEqualTypeOf<Client<paths>>();
    // @ts-expect-error: environment and baseUrl together
    createLab4payClient({ environment: "production", baseUrl: "https://x.test" });
    // @ts-expect-error: not an environment of the spec
    createLab4payClient({ environment: "staging" });
  });

  it("types the request body from the spec", () => {
    const client = createLab4payClient();
    void client.POST("/v1/auth/token/", {
      body: { grant_type: "client_credentials", client_id: "id", client_secret: "secret" },
    });
    void client.POST("/v1/auth/token/", {
      // @ts-expect-error: client_secret is required
      body: { grant_type: "client_credentials", client_id: "id" },
    });
    // @ts-expect-error: the documented path has a trailing slash
    void client.POST("/v1/auth/token", {
      body: { grant_type: "client_credentials", client_id: "id", client_secret: "secret" },
    });
  });
});

describe("generated types", () => {
  it("has the documented request fields, all required strings", () => {
    type Body = paths["/v1/auth/token/"]["post"]["requestBody"]["content"]["application/json"];
    expectTypeOf<Body>().toEqualTypeOf<{
      grant_type: string;
      client_id: string;
      client_secret: string;
    }>();
  });

  it("has the documented response with expires_in as a string", () => {
    type Response = components["schemas"]["AuthenticationTokenResponse"];
    expectTypeOf<Response>().toEqualTypeOf<{
      access_token: string;
      expires_in: string;
      token_type: string;
      scope: string;
    }>();
  });
});

describe("lab4payHandlers", () => {
  it("returns core's SandboxHandlers", () => {
    expectTypeOf(lab4payHandlers()).toEqualTypeOf<SandboxHandlers>();
    lab4payHandlers({ environment: "development", tokenLifetimeSeconds: 60 });
    // @ts-expect-error: not an environment of the spec
    lab4payHandlers({ environment: "staging" });
  });
});
