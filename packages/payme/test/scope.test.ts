// The `scope` option and the cache key parts (audience, scope string).
import { createMemoryTokenStore } from "@paytok/core";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPaymeAuth, type PaymeAuthOptions, PaytokError, paymeScopes } from "../src/index.js";
import { paymeHandlers, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from "../src/testing.js";

const handlers = paymeHandlers();
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

const base = {
  clientId: SANDBOX_CLIENT_ID,
  clientSecret: SANDBOX_CLIENT_SECRET,
  audience: "https://api.preprod.alignet.io",
  retry: false as const,
};

function sentScopes(): string[] {
  return handlers.tokenRequests.map((request) => JSON.parse(request.body).scope);
}

describe("scope", () => {
  it.each([
    ["the default", undefined, "create:token post:charges get:charges delete:charges"],
    ["an empty list", [], "create:token"],
    ["create:token alone", ["create:token"], "create:token"],
    ["one scope without create:token", ["post:charges"], "create:token post:charges"],
    ["create:token last", ["delete:charges", "create:token"], "create:token delete:charges"],
    [
      "duplicates",
      ["get:charges", "get:charges", "post:charges", "create:token", "post:charges"],
      "create:token get:charges post:charges",
    ],
    [
      "all four, reordered",
      [...paymeScopes].reverse(),
      "create:token delete:charges get:charges post:charges",
    ],
  ] as const)("scope: %s", async (_name, scope, expected) => {
    const auth = createPaymeAuth(scope === undefined ? base : { ...base, scope });
    const token = await auth.getToken();
    expect(sentScopes()).toEqual([expected]);
    expect(token.scope).toBe(expected);
  });

  it.each([
    ["an unknown scope", ["post:refunds"]],
    ["a space-separated string inside the list", ["create:token post:charges"]],
    ["a non-string", [42]],
    ["a string instead of a list", "create:token"],
  ])("%s is a PAYTOK_CONFIGURATION error at creation", (_name, scope) => {
    let caught: unknown;
    try {
      createPaymeAuth({ ...base, scope } as unknown as PaymeAuthOptions);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PaytokError);
    expect(caught).toMatchObject({ code: "PAYTOK_CONFIGURATION" });
    expect((caught as Error).message).toMatch(/^@paytok\/payme: scope/);
  });

  it("the list given by the caller is not modified", () => {
    const scope = ["get:charges", "get:charges"] as const;
    createPaymeAuth({ ...base, scope });
    expect(scope).toEqual(["get:charges", "get:charges"]);
  });
});

describe("cache key", () => {
  it("auth objects sharing a store share a token only for the same audience and scopes", async () => {
    const store = createMemoryTokenStore();
    const first = createPaymeAuth({ ...base, store, scope: ["post:charges"] });
    const sameScopes = createPaymeAuth({ ...base, store, scope: ["create:token", "post:charges"] });
    const otherScopes = createPaymeAuth({ ...base, store, scope: ["get:charges"] });
    const otherAudience = createPaymeAuth({
      ...base,
      store,
      scope: ["post:charges"],
      audience: "https://api.alignet.io",
    });

    const token = await first.getToken();
    expect((await sameScopes.getToken()).accessToken).toBe(token.accessToken);
    expect((await otherScopes.getToken()).accessToken).not.toBe(token.accessToken);
    expect((await otherAudience.getToken()).accessToken).not.toBe(token.accessToken);
    expect(handlers.tokenRequests).toHaveLength(3);
  });
});
