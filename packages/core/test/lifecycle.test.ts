// The life of an auth object beyond getToken: options checked at creation, close() and
// `await using`, the signal it may be created with, and connection errors that say what happened.
import { createServer } from "node:net";
import { delay } from "msw";
import { describe, expect, it } from "vitest";
import { createAuth, createProviderAuth, isPaytokError } from "../src/index.js";
import {
  API_URL,
  createTestpayAuth,
  createTokenEndpoint,
  defineProvider,
  recordEvents,
  rejection,
  testpay,
  thrown,
  useMswServer,
} from "./helpers.js";

const server = useMswServer();

describe("options are checked at creation, each named", () => {
  it.each([
    ["fetch", { fetch: 42 }, "fetch must be a function"],
    ["clock", { clock: { now: 1 } }, "clock must be"],
    ["signal", { signal: "stop" }, "signal must be an AbortSignal"],
    ["retry", { retry: "never" }, "retry must be"],
    ["retry.retries", { retry: { retries: 1.5 } }, "retry.retries must be"],
    ["an unknown retry option", { retry: { attempts: 3 } }, 'unknown option retry."attempts"'],
    ["onEvent", { onEvent: "console.log" }, "onEvent must be a function"],
    ["store", { store: { get() {} } }, "store must be a TokenStore"],
    ["store.lock", { store: { get() {}, set() {}, delete() {}, lock: 1 } }, "store must be"],
    ["allowInsecureHttp", { allowInsecureHttp: "yes" }, "allowInsecureHttp must be a boolean"],
    ["lockTimeoutMs", { lockTimeoutMs: 0 }, "lockTimeoutMs must be a number > 0"],
    ["totalTimeoutMs", { totalTimeoutMs: Number.NaN }, "totalTimeoutMs must be a number > 0"],
    ["unauthorizedCooldownMs", { unauthorizedCooldownMs: -1 }, "unauthorizedCooldownMs must be"],
  ])("a bad %s → PAYTOK_CONFIGURATION", (_name, options, message) => {
    const error = thrown(() => createAuth(defineProvider(), options as never));
    expect(error.code).toBe("PAYTOK_CONFIGURATION");
    expect(error.message).toContain(message);
  });

  it("an unknown key from JavaScript (a typo) is refused with the option it resembles", () => {
    const error = thrown(() => createTestpayAuth({ timeout: 5_000 } as never));
    expect(error.code).toBe("PAYTOK_CONFIGURATION");
    expect(error.message).toContain('unknown option "timeout"; did you mean timeoutMs?');
  });

  it("no options at all is PAYTOK_CONFIGURATION, not a TypeError", () => {
    expect(thrown(() => createProviderAuth(testpay, undefined as never)).code).toBe(
      "PAYTOK_CONFIGURATION",
    );
  });
});

describe("close()", () => {
  it("ends a request under way at once; later calls fail with PAYTOK_CLOSED", async () => {
    const endpoint = createTokenEndpoint({
      respond: async () => {
        await delay("infinite");
        return undefined;
      },
    });
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider());
    const waiting = auth.getToken();
    await expect.poll(() => endpoint.count).toBe(1);
    const closedAt = performance.now();
    await auth.close();
    expect((await rejection(waiting)).code).toBe("PAYTOK_CLOSED");
    expect(performance.now() - closedAt).toBeLessThan(1_000);
    expect((await rejection(auth.getToken())).code).toBe("PAYTOK_CLOSED");
    expect((await rejection(auth.fetch(`${API_URL}/orders`))).code).toBe("PAYTOK_CLOSED");
    expect((await rejection(auth.headers())).code).toBe("PAYTOK_CLOSED");
    await auth.close();
    expect(endpoint.count).toBe(1);
  });

  it("ends a background refresh at once, and `await using` closes too", async () => {
    let now = 1_700_000_000_000;
    let refreshing = false;
    const endpoint = createTokenEndpoint({
      lifetimeSeconds: 100,
      respond: async () => {
        if (!refreshing) return undefined;
        await delay("infinite");
        return undefined;
      },
    });
    server.use(endpoint.handler);
    const recorder = recordEvents();
    {
      await using auth = createAuth(defineProvider(), {
        clock: { now: () => now },
        onEvent: recorder.onEvent,
      });
      const token = await auth.getToken();
      refreshing = true;
      now += 60_000; // inside the refresh window: served at once, one refresh in the background
      expect((await auth.getToken()).accessToken).toBe(token.accessToken);
      await expect.poll(() => endpoint.count).toBe(2);
    }
    // Disposed: the background attempt was stopped, so its failure is reported, and nothing hangs.
    await expect.poll(() => recorder.of("refresh_failed").length).toBe(1);
    expect(recorder.of("refresh_failed")[0]?.error.code).toBe("PAYTOK_ABORTED");
  });

  it("the signal the auth object was created with closes it", async () => {
    server.use(createTokenEndpoint().handler);
    const controller = new AbortController();
    const auth = createTestpayAuth({ signal: controller.signal });
    await auth.getToken();
    controller.abort();
    expect((await rejection(auth.getToken())).code).toBe("PAYTOK_CLOSED");
  });
});

describe("connection errors say what happened", () => {
  it("a refused loopback connection: ECONNREFUSED in the message and as systemCode, with a hint", async () => {
    // A port that was free a moment ago: nothing listens on it.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    server.close();
    try {
      const auth = createTestpayAuth({ baseUrl: `http://127.0.0.1:${port}`, retry: false });
      const error = await rejection(auth.getToken());
      expect(isPaytokError(error, "PAYTOK_NETWORK_ERROR")).toBe(true);
      expect(error.systemCode).toBe("ECONNREFUSED");
      expect(error.message).toContain("(ECONNREFUSED)");
      expect(error.message).toContain("sandbox");
      expect(error.retryable).toBe(true);
    } finally {
      server.listen({ onUnhandledRequest: "error" });
    }
  });

  it("a port that fetch blocks (a bad port): what fetch said, a hint, and no retries", async () => {
    server.close();
    try {
      const events: string[] = [];
      const auth = createTestpayAuth({
        baseUrl: "http://127.0.0.1:6000",
        retry: { retries: 3, baseDelayMs: 1 },
        onEvent: (event) => events.push(event.type),
      });
      const error = await rejection(auth.getToken());
      expect(isPaytokError(error, "PAYTOK_NETWORK_ERROR")).toBe(true);
      expect(error.message).toContain("(bad port)");
      expect(error.message).toContain("use another");
      expect(error.retryable).toBe(false);
      expect(events.filter((type) => type === "token_requested")).toHaveLength(1);
    } finally {
      server.listen({ onUnhandledRequest: "error" });
    }
  });
});
