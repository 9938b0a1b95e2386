// Every provider package has the same public shape: a user who knows one knows them all. The list
// of packages is the provider registry, generated from specs/.
import { providerRegistry } from "@paytok/cli";
import { setupServer } from "msw/node";
import { beforeAll, describe, expect, it } from "vitest";

type AnyModule = Record<string, unknown>;
const providers: Array<{
  id: string;
  camel: string;
  pascal: string;
  main: AnyModule;
  testing: AnyModule;
  extraOptions: Record<string, unknown>;
}> = [];

beforeAll(async () => {
  for (const entry of providerRegistry) {
    const camel = entry.handlersFactory.slice(0, -"Handlers".length);
    providers.push({
      id: entry.id,
      camel,
      pascal: camel.charAt(0).toUpperCase() + camel.slice(1),
      main: await import(entry.packageName),
      testing: await import(`${entry.packageName}/testing`),
      // The values a spec leaves to the user (Pay-me's audience).
      extraOptions: Object.fromEntries(
        entry.endpoint.requiredValues.map((field) => [field, "https://api.example.test"]),
      ),
    });
  }
});

/** Runtime export names with the provider's own name replaced by a placeholder. */
function shapeOf(module: AnyModule, camel: string, pascal: string): string[] {
  return Object.keys(module)
    .map((name) => name.replace(camel, "<provider>").replace(pascal, "<Provider>"))
    .sort();
}

describe("every provider package", () => {
  it("exports the contract names", () => {
    expect(providers.map((provider) => provider.id)).toEqual(
      providerRegistry.map((entry) => entry.id),
    );
    for (const { camel, pascal, main, testing } of providers) {
      for (const name of [`create${pascal}Auth`, `create${pascal}Client`]) {
        expect(typeof main[name], name).toBe("function");
      }
      for (const name of [
        `${camel}Environments`,
        `${camel}DefaultEnvironment`,
        `${camel}TokenPath`,
      ]) {
        expect(main[name], name).toBeDefined();
      }
      expect(typeof testing[`${camel}Handlers`]).toBe("function");
    }
  });
});

describe("the five provider packages", () => {
  it("refuse a plain-HTTP token URL in the raw client too, unless the user opts in", () => {
    expect(providers.length).toBeGreaterThan(0);
    for (const { pascal, main } of providers) {
      const createClient = main[`create${pascal}Client`] as (options: unknown) => unknown;
      expect(() => createClient({ baseUrl: "http://auth.example.com" }), pascal).toThrow(
        expect.objectContaining({ code: "PAYTOK_INSECURE_URL" }),
      );
      expect(() =>
        createClient({ baseUrl: "http://auth.example.com", allowInsecureHttp: true }),
      ).not.toThrow();
      expect(() => createClient({ baseUrl: "http://127.0.0.1:4010" })).not.toThrow();
    }
  });

  it("export the same runtime names, but for the provider's own name and the listed extras", () => {
    // Provider-specific additions are deliberate and listed here, so a new one is a decision.
    const extras: Record<string, string[]> = {
      lab4pay: ["LAB4PAY_DEFAULT_LIFETIME_SECONDS", "LAB4PAY_DEFAULT_SCOPE"],
      paylater: [],
      paysway: ["PAYSWAY_TOKEN_LIFETIME_SECONDS"],
      "alternative-payments": [
        "ALTERNATIVE_PAYMENTS_DEFAULT_LIFETIME_SECONDS",
        "<provider>HttpsEnvironments",
        "basicAuthorization",
      ],
      payme: ["<provider>Scopes"],
    };
    expect(Object.keys(extras).sort()).toEqual(providers.map((provider) => provider.id).sort());
    const shapes = providers.map(({ id, main, camel, pascal }) =>
      shapeOf(main, camel, pascal).filter((name) => !extras[id]?.includes(name)),
    );
    for (const shape of shapes.slice(1)) expect(shape).toEqual(shapes[0]);
    expect(shapes[0]).toEqual(
      expect.arrayContaining([
        "create<Provider>Auth",
        "create<Provider>Client",
        "<provider>Environments",
        "<provider>DefaultEnvironment",
        "<provider>TokenPath",
        "<provider>TokenEndpoint",
        "<provider>TokenLifetimeSeconds",
        "PaytokError",
        "isPaytokError",
        "createMemoryTokenStore",
      ]),
    );
    const testingShapes = providers.map(({ testing, camel, pascal }) =>
      shapeOf(testing, camel, pascal).filter((name) => !name.startsWith("<provider>Sandbox")),
    );
    for (const shape of testingShapes.slice(1)) expect(shape).toEqual(testingShapes[0]);
  });

  it("return auth objects of the same shape, each getting a Bearer token from its own sandbox", async () => {
    const shapes: string[][] = [];
    for (const { camel, pascal, main, testing, extraOptions } of providers) {
      const handlers = (
        testing[`${camel}Handlers`] as () => unknown[] & {
          credentials: { clientId: string; clientSecret: string };
        }
      )();
      const server = setupServer(...(handlers as unknown as Parameters<typeof setupServer>));
      server.listen({ onUnhandledRequest: "error" });
      try {
        const auth = (main[`create${pascal}Auth`] as (options: unknown) => Record<string, unknown>)(
          {
            ...handlers.credentials,
            ...extraOptions,
          },
        );
        shapes.push(Object.keys(auth).sort());
        const token = await (
          auth.getToken as () => Promise<{ tokenType: string; expiresAt: number }>
        )();
        expect(token.tokenType).toBe("Bearer");
        expect(token.expiresAt).toBeGreaterThan(Date.now());
        expect(Object.keys(auth.middleware as object).sort()).toEqual(["onRequest", "onResponse"]);
      } finally {
        server.close();
      }
    }
    for (const shape of shapes)
      expect(shape).toEqual([
        "Request",
        "close",
        "fetch",
        "getToken",
        "headers",
        "invalidate",
        "middleware",
      ]);
  });
});
