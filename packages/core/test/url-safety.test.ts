import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { assertSecureUrl, createAuth, isLoopbackHost } from "../src/index.js";
import { createTokenEndpoint, defineProvider, rejection, thrown, useMswServer } from "./helpers.js";

const server = useMswServer();

interface OrdersApi {
  "/orders": {
    get: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      responses: { 200: { headers: Record<string, unknown>; content: { "text/plain": string } } };
    };
  };
}

describe("isLoopbackHost", () => {
  it.each(["localhost", "LOCALHOST", "api.localhost", "127.0.0.1", "127.1.2.3", "[::1]", "::1"])(
    "%s is loopback",
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  it.each([
    "example.com",
    "localhost.example.com",
    "127.0.0.1.nip.io",
    "128.0.0.1",
    "10.0.0.1",
    "0.0.0.0",
    "[::2]",
    "mylocalhost",
  ])("%s is not loopback", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe("token URL at creation", () => {
  it("plain HTTP to a non-loopback host is PAYTOK_INSECURE_URL", () => {
    const error = thrown(() =>
      createAuth(defineProvider({ tokenUrl: "http://auth.example.com/oauth2/token" })),
    );
    expect(error.code).toBe("PAYTOK_INSECURE_URL");
    expect(error.message).toContain("auth.example.com");
    expect(error.message.startsWith("@paytok/testpay: ")).toBe(true);
  });

  it.each([
    "http://localhost:8080/token",
    "http://127.0.0.1:9000/token",
    "http://[::1]:9000/token",
    "http://keycloak.localhost/token",
  ])("loopback %s is allowed over plain HTTP", (tokenUrl) => {
    expect(() => createAuth(defineProvider({ tokenUrl }))).not.toThrow();
  });

  it("allowInsecureHttp: true allows plain HTTP anywhere", () => {
    expect(() =>
      createAuth(defineProvider({ tokenUrl: "http://auth.example.com/token" }), {
        allowInsecureHttp: true,
      }),
    ).not.toThrow();
  });

  it.each([
    ["a relative URL", "/oauth2/token"],
    ["garbage", "not a url"],
    ["another scheme", "ftp://auth.example.com/token"],
    ["a file URL", "file:///etc/passwd"],
  ])("%s is PAYTOK_CONFIGURATION", (_, tokenUrl) => {
    expect(thrown(() => createAuth(defineProvider({ tokenUrl }))).code).toBe(
      "PAYTOK_CONFIGURATION",
    );
  });

  it("assertSecureUrl returns the parsed URL", () => {
    const url = assertSecureUrl("https://auth.example.com/token", {
      allowInsecureHttp: false,
      packageName: "@paytok/x",
      purpose: "the token URL",
    });
    expect(url).toBeInstanceOf(URL);
    expect(url.host).toBe("auth.example.com");
  });
});

describe("API URLs in the middleware and auth.fetch", () => {
  it("auth.fetch to a plain-HTTP non-loopback URL is PAYTOK_INSECURE_URL, before any token request", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider());
    const error = await rejection(auth.fetch("http://api.example.com/orders"));
    expect(error.code).toBe("PAYTOK_INSECURE_URL");
    expect(error.message).toContain("api.example.com");
    expect(endpoint.count).toBe(0);
  });

  it("the middleware refuses a plain-HTTP non-loopback base URL", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider());
    const client = createClient<OrdersApi>({ baseUrl: "http://api.example.com" });
    client.use(auth.middleware);
    const error = await rejection(client.GET("/orders"));
    expect(error.code).toBe("PAYTOK_INSECURE_URL");
    expect(endpoint.count).toBe(0);
  });

  it("loopback API URLs are fine over plain HTTP", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider(), {
      fetch: async (input, init) =>
        (input instanceof Request ? input.url : String(input)).startsWith("http://127.0.0.1")
          ? new Response("ok")
          : globalThis.fetch(input, init),
    });
    const response = await auth.fetch("http://127.0.0.1:3000/orders");
    expect(await response.text()).toBe("ok");
  });

  it("allowInsecureHttp: true lets the bearer token go to a plain-HTTP host", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const seen: string[] = [];
    const auth = createAuth(defineProvider(), {
      allowInsecureHttp: true,
      fetch: async (input, init) => {
        if (
          (input instanceof Request ? input.url : String(input)).startsWith(
            "http://api.example.com",
          )
        ) {
          const headers = input instanceof Request ? input.headers : new Headers(init?.headers);
          seen.push(headers.get("authorization") ?? "");
          return new Response("ok");
        }
        return globalThis.fetch(input, init);
      },
    });
    await auth.fetch("http://api.example.com/orders");
    expect(seen).toEqual([`Bearer ${endpoint.issued[0]?.accessToken}`]);
  });
});
