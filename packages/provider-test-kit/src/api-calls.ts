// The token on API calls, the same for every provider: openapi-fetch middleware, auth.fetch and
// auth.headers() against the provider's own sandbox echo API.
import type { PaytokAuth } from "@paytok/core";
import type { SandboxControls } from "@paytok/core/testing";
import { HttpResponse, http } from "msw";
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import type { Transport } from "./transport.js";

/** The echo API's shape, as a user's own generated `paths` would describe their API. */
interface EchoPaths {
  "/anything": {
    post: {
      requestBody: { content: { "application/json": { amount: number; currency: string } } };
      responses: {
        200: {
          content: {
            "application/json": { ok: boolean; method: string; path: string; body: string };
          };
        };
      };
    };
  };
}

export interface ApiCallSuiteOptions {
  transport: Transport;
  /** The provider's auth for the emulator's credentials and base URL, with `retry: false`. */
  createAuth: (controls: SandboxControls) => PaytokAuth;
  /** Headers the provider requires on every API call besides Authorization (Pay-me's). */
  apiHeaders?: Readonly<Record<string, string>>;
}

/**
 * Fails with a clear message instead of the test timeout when the 401 retry never completes: under
 * msw 2.15 on Node 20, cancelling a mocked response body never settles, so a middleware that waits
 * for the 401's body to be cancelled before re-sending hangs here. A hang guard, not a timing:
 * 2 s failed once on a loaded two-core machine, leaving requests in flight that spoiled the tests
 * after it.
 */
function settlesWithin<T>(promise: Promise<T>, ms = 20_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the 401 retry did not complete within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Registers the API-call suites of one provider package. */
export function describeApiCalls(options: ApiCallSuiteOptions): void {
  const apiHeaders = options.apiHeaders ?? {};
  const lowerCaseApiHeaders = Object.fromEntries(
    Object.entries(apiHeaders).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const { transport } = options;
  // Read per test: a sandbox transport has its controls only once the sandbox runs.
  let handlers = {} as SandboxControls;
  const auth = () => {
    handlers = transport.controls();
    return options.createAuth(handlers);
  };
  const apiClient = () =>
    createClient<EchoPaths>({
      baseUrl: transport.controls().apiUrl,
      fetch: (request) => globalThis.fetch(request),
    });

  describe("auth.middleware", () => {
    it("attaches the bearer token and the provider's API headers to API calls", async () => {
      const provider = auth();
      const client = apiClient();
      client.use(provider.middleware);
      const { data, response } = await client.POST("/anything", {
        body: { amount: 1250, currency: "EUR" },
      });
      expect(response.status).toBe(200);
      expect(data).toMatchObject({
        ok: true,
        method: "POST",
        path: `${new URL(handlers.apiUrl).pathname}/anything`,
      });
      const token = await provider.getToken();
      expect(handlers.apiRequests[0]?.headers).toMatchObject({
        authorization: `Bearer ${token.accessToken}`,
        ...lowerCaseApiHeaders,
      });
      expect(handlers.tokenRequests).toHaveLength(1);
    });

    it("reuses one token for many calls", async () => {
      const provider = auth();
      const client = apiClient();
      client.use(provider.middleware);
      for (let index = 0; index < 5; index++) {
        await client.POST("/anything", { body: { amount: index, currency: "EUR" } });
      }
      expect(handlers.apiRequests).toHaveLength(5);
      expect(handlers.tokenRequests).toHaveLength(1);
    });

    it("a revoked token: one new token, one retry, the same body re-sent", async () => {
      const provider = auth();
      const first = await provider.getToken();
      handlers.revoke(first.accessToken);
      const client = apiClient();
      client.use(provider.middleware);

      const { data, response } = await settlesWithin(
        client.POST("/anything", { body: { amount: 1250, currency: "EUR" } }),
      );

      expect(response.status).toBe(200);
      expect(data?.body).toBe('{"amount":1250,"currency":"EUR"}');
      expect(handlers.tokenRequests).toHaveLength(2);
      expect(handlers.issued).toHaveLength(2);
      expect(handlers.apiRequests).toHaveLength(2);
      const [rejected, retried] = handlers.apiRequests;
      expect(rejected?.headers.authorization).toBe(`Bearer ${first.accessToken}`);
      expect(retried?.headers).toMatchObject({
        authorization: `Bearer ${handlers.issued[1]?.accessToken}`,
        "content-type": "application/json",
        ...lowerCaseApiHeaders,
      });
      expect(retried?.method).toBe("POST");
      expect(retried?.body).toBe(rejected?.body);
    });

    it("100 parallel calls with a revoked token lead to one new token", async () => {
      const provider = auth();
      handlers.revoke((await provider.getToken()).accessToken);
      const client = apiClient();
      client.use(provider.middleware);
      const results = await settlesWithin(
        Promise.all(
          Array.from({ length: 100 }, (_, index) =>
            client.POST("/anything", { body: { amount: index, currency: "EUR" } }),
          ),
        ),
      );
      expect(results.every(({ response }) => response.status === 200)).toBe(true);
      expect(handlers.tokenRequests).toHaveLength(2);
    });

    // An API that refuses every token needs an msw handler; the sandbox's echo API is the real one.
    const itWithMsw = transport.kind === "msw" ? it : () => undefined;
    itWithMsw("a second 401 is handed back, not retried again", async () => {
      let calls = 0;
      transport.use(
        http.post(`${transport.controls().apiUrl}/anything`, () => {
          calls += 1;
          return new HttpResponse(null, { status: 401 });
        }),
      );
      const provider = auth();
      const client = apiClient();
      client.use(provider.middleware);
      const { response } = await settlesWithin(
        client.POST("/anything", { body: { amount: 1, currency: "EUR" } }),
      );
      expect(response.status).toBe(401);
      expect(calls).toBe(2);
      expect(handlers.tokenRequests).toHaveLength(2);
    });
  });

  describe("auth.fetch", () => {
    it("attaches the bearer token and the provider's API headers", async () => {
      const provider = auth();
      const response = await provider.fetch(`${handlers.apiUrl}/anything?page=2`);
      expect(response.status).toBe(200);
      const token = await provider.getToken();
      expect(handlers.apiRequests[0]?.headers).toMatchObject({
        authorization: `Bearer ${token.accessToken}`,
        ...lowerCaseApiHeaders,
      });
      expect(handlers.apiRequests[0]?.url).toBe(`${handlers.apiUrl}/anything?page=2`);
    });

    it("a revoked token: one new token, one retry, the same body re-sent", async () => {
      const provider = auth();
      const first = await provider.getToken();
      handlers.revoke(first.accessToken);

      const response = await settlesWithin(
        provider.fetch(`${handlers.apiUrl}/anything`, {
          method: "POST",
          headers: { "Content-Type": "text/plain", "X-Trace": "t-1" },
          body: "amount=1250&currency=EUR",
        }),
      );

      expect(response.status).toBe(200);
      expect(((await response.json()) as { body: string }).body).toBe("amount=1250&currency=EUR");
      expect(handlers.tokenRequests).toHaveLength(2);
      const [rejected, retried] = handlers.apiRequests;
      expect(handlers.apiRequests).toHaveLength(2);
      expect(retried?.body).toBe(rejected?.body);
      expect(retried?.headers).toMatchObject({
        authorization: `Bearer ${handlers.issued[1]?.accessToken}`,
        "x-trace": "t-1",
        ...lowerCaseApiHeaders,
      });
    });

    it("refuses to send a token over plain HTTP to a remote host", async () => {
      const provider = auth();
      await expect(provider.fetch("http://api.example.test/anything")).rejects.toMatchObject({
        code: "PAYTOK_INSECURE_URL",
      });
      expect(handlers.tokenRequests).toHaveLength(0);
    });
  });

  describe("auth.headers()", () => {
    it("returns Authorization and the provider's API headers, nothing else", async () => {
      const provider = auth();
      const token = await provider.getToken();
      expect(await provider.headers()).toEqual({
        Authorization: `Bearer ${token.accessToken}`,
        ...apiHeaders,
      });
    });
  });
}
