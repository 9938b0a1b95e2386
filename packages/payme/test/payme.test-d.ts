import type { PaytokAuth, Token } from "@paytok/core";
import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import {
  type components,
  createPaymeAuth,
  createPaymeClient,
  type PaymeAuthOptions,
  type PaymeEnvironment,
  type PaymeScope,
  type paths,
} from "../src/index.js";
import { paymeHandlers, type SandboxHandlers } from "../src/testing.js";

const base = { clientId: "id", clientSecret: "secret", audience: "https://api.alignet.io" };

describe("createPaymeAuth types", () => {
  it("returns a PaytokAuth whose getToken() is Promise<Token>", () => {
    const auth = createPaymeAuth(base);
    expectTypeOf(auth).toEqualTypeOf<PaytokAuth>();
    expectTypeOf(auth.getToken()).toEqualTypeOf<Promise<Token>>();
  });

  it("offers exactly the documented environments", () => {
    expectTypeOf<PaymeEnvironment>().toEqualTypeOf<"preprod" | "production">();
    createPaymeAuth({ ...base, environment: "production" });
    // @ts-expect-error unknown environment
    createPaymeAuth({ ...base, environment: "sandbox" });
  });

  it("requires clientId, clientSecret and audience", () => {
    // @ts-expect-error missing clientSecret
    createPaymeAuth({ clientId: "id", audience: "https://api.alignet.io" });
    // @ts-expect-error missing clientId
    createPaymeAuth({ clientSecret: "secret", audience: "https://api.alignet.io" });
    // @ts-expect-error missing audience
    createPaymeAuth({ clientId: "id", clientSecret: "secret" });
  });

  it("refuses environment and baseUrl together", () => {
    createPaymeAuth({ ...base, baseUrl: "https://auth.example" });
    // @ts-expect-error either environment or baseUrl
    createPaymeAuth({ ...base, environment: "preprod", baseUrl: "https://auth.example" });
  });

  it("types scope as a list of the documented scopes", () => {
    expectTypeOf<PaymeScope>().toEqualTypeOf<
      "create:token" | "post:charges" | "get:charges" | "delete:charges"
    >();
    expectTypeOf<PaymeAuthOptions["scope"]>().toEqualTypeOf<readonly PaymeScope[] | undefined>();
    createPaymeAuth({ ...base, scope: ["post:charges", "get:charges"] });
    // @ts-expect-error not a documented scope
    createPaymeAuth({ ...base, scope: ["post:refunds"] });
    // @ts-expect-error a list, not a space-separated string
    createPaymeAuth({ ...base, scope: "create:token post:charges" });
  });
});

describe("createPaymeClient types", () => {
  it("is a Client of the generated paths", () => {
    expectTypeOf(createPaymeClient()).toEqualTypeOf<Client<paths>>();
    // @ts-expect-error unknown environment
    createPaymeClient({ environment: "sandbox" });
  });

  it("types every documented request field as required, with the constants", () => {
    type Body = components["schemas"]["TokenRequest"];
    expectTypeOf<Body>().toEqualTypeOf<{
      action: "authorize";
      grant_type: "client_credentials";
      audience: string;
      client_id: string;
      client_secret: string;
      scope: string;
    }>();
    type Header = paths["/token"]["post"]["parameters"]["header"];
    expectTypeOf<Header>().toEqualTypeOf<{ "ALG-API-VERSION": "1709847567" }>();
    const client = createPaymeClient();
    const body: Body = {
      action: "authorize",
      grant_type: "client_credentials",
      audience: "a",
      client_id: "id",
      client_secret: "s",
      scope: "create:token",
    };
    client.POST("/token", { params: { header: { "ALG-API-VERSION": "1709847567" } }, body });
    // @ts-expect-error the ALG-API-VERSION header parameter is required by the spec
    client.POST("/token", { body });
    client.POST("/token", {
      params: { header: { "ALG-API-VERSION": "1709847567" } },
      // @ts-expect-error action must be "authorize"
      body: { ...body, action: "capture" },
    });
  });

  it("types the response: success required, token fields optional", () => {
    type Response = components["schemas"]["TokenResponse"];
    expectTypeOf<Response["success"]>().toEqualTypeOf<boolean>();
    expectTypeOf<Response["access_token"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Response["expires_in"]>().toEqualTypeOf<number | undefined>();
  });
});

describe("paymeHandlers types", () => {
  it("returns SandboxHandlers and takes an environment", () => {
    expectTypeOf(paymeHandlers()).toEqualTypeOf<SandboxHandlers>();
    paymeHandlers({ environment: "production" });
    // @ts-expect-error unknown environment
    paymeHandlers({ environment: "sandbox" });
  });
});
