import { delay, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { createAuth, createMemoryTokenStore, createToken } from "../src/index.js";
import {
  createTestpayAuth,
  createTokenEndpoint,
  deferred,
  defineProvider,
  recordEvents,
  rejection,
  resolvedWithoutWaiting,
  runUntilSettled,
  settle,
  thrown,
  useMswServer,
} from "./helpers.js";

const server = useMswServer();
const START = Date.UTC(2030, 0, 1);

describe("single-flight", () => {
  it("1,000 concurrent getToken() calls on a cold cache make exactly one token request", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider());

    const tokens = await Promise.all(Array.from({ length: 1000 }, () => auth.getToken()));

    expect(endpoint.count).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]?.accessToken).toBe(endpoint.issued[0]?.accessToken);
  });

  it("1,000 concurrent calls with a shared store still make one request", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider(), { store: createMemoryTokenStore() });

    const tokens = await Promise.all(Array.from({ length: 1000 }, () => auth.getToken()));

    expect(endpoint.count).toBe(1);
    expect(new Set(tokens.map((token) => token.accessToken)).size).toBe(1);
  });

  it("a failed request is not cached: the next call makes a new request", async () => {
    const endpoint = createTokenEndpoint({
      respond: () => HttpResponse.json({ error: "invalid_client" }, { status: 401 }),
    });
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider());

    const failures = await Promise.all(
      Array.from({ length: 10 }, () => rejection(auth.getToken())),
    );
    expect(endpoint.count).toBe(1);
    expect(new Set(failures).size).toBe(1);

    expect((await rejection(auth.getToken())).code).toBe("PAYTOK_TOKEN_REQUEST_FAILED");
    expect(endpoint.count).toBe(2);

    endpoint.respond(undefined);
    const token = await auth.getToken();
    expect(endpoint.count).toBe(3);
    expect(token.accessToken).toBe(endpoint.issued[0]?.accessToken);
  });
});

describe("fresh tokens", () => {
  it("come back with no I/O and leave no timer running", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    const endpoint = createTokenEndpoint({ lifetimeSeconds: 3600 });
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider());

    const pending = auth.getToken();
    await settle(() => endpoint.count === 1);
    const first = await pending;
    expect(vi.getTimerCount()).toBe(0);

    await vi.advanceTimersByTimeAsync(60_000);
    for (let call = 0; call < 1000; call++) {
      expect(await resolvedWithoutWaiting(auth.getToken())).toBe(first);
    }
    expect(endpoint.count).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the refresh window is 60 s by default: no refresh before, one background refresh after", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    const endpoint = createTokenEndpoint({ lifetimeSeconds: 3600 });
    server.use(endpoint.handler);
    const recorder = recordEvents();
    const auth = createAuth(defineProvider(), { onEvent: recorder.onEvent });
    const pending = auth.getToken();
    await settle(() => endpoint.count === 1);
    const first = await pending;

    vi.setSystemTime(START + 3_540_000 - 1);
    expect(await resolvedWithoutWaiting(auth.getToken())).toBe(first);
    await settle();
    expect(endpoint.count).toBe(1);

    vi.setSystemTime(START + 3_540_000);
    // Inside the window: the cached token at once, one background refresh for many callers.
    const calls = Array.from({ length: 50 }, () => resolvedWithoutWaiting(auth.getToken()));
    for (const token of await Promise.all(calls)) expect(token).toBe(first);
    await settle(() => recorder.of("token_issued").length === 2);
    expect(endpoint.count).toBe(2);
    expect(recorder.of("token_requested").map((event) => event.background)).toEqual([false, true]);
    const second = await resolvedWithoutWaiting(auth.getToken());
    expect(second.accessToken).toBe(endpoint.issued[1]?.accessToken);
  });

  it("the refresh window is never more than half the token's lifetime", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    const endpoint = createTokenEndpoint({ lifetimeSeconds: 600 });
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider(), { refreshWindowMs: 3_600_000 });
    const pending = auth.getToken();
    await settle(() => endpoint.count === 1);
    await pending;

    vi.setSystemTime(START + 300_000 - 1);
    await auth.getToken();
    await settle();
    expect(endpoint.count).toBe(1);
    vi.setSystemTime(START + 300_000);
    await auth.getToken();
    await settle(() => endpoint.count === 2);
    expect(endpoint.count).toBe(2);
  });

  it("refreshWindowMs: 0 waits for expiry, then callers wait on one request", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    const endpoint = createTokenEndpoint({ lifetimeSeconds: 10 });
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider(), { refreshWindowMs: 0 });
    const pending = auth.getToken();
    await settle(() => endpoint.count === 1);
    const first = await pending;

    vi.setSystemTime(START + 9_999);
    expect(await resolvedWithoutWaiting(auth.getToken())).toBe(first);
    await settle();
    expect(endpoint.count).toBe(1);

    vi.setSystemTime(START + 10_000);
    const waiting = Array.from({ length: 20 }, () => auth.getToken());
    await settle(() => endpoint.count === 2);
    const tokens = await Promise.all(waiting);
    expect(endpoint.count).toBe(2);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]?.expiresAt).toBe(START + 20_000);
  });
});

describe("a 2 s token under a steady stream of calls for 10 s", () => {
  const LIFETIME_MS = 2_000;
  const STREAM_MS = 10_000;
  const STEP_MS = 100;

  it("never hands out an expired token, never makes a caller wait after warm-up, and refreshes once per half-life", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    const endpoint = createTokenEndpoint({ lifetimeSeconds: LIFETIME_MS / 1000 });
    server.use(endpoint.handler);
    const recorder = recordEvents();
    const auth = createAuth(defineProvider(), { onEvent: recorder.onEvent });

    const warmUp = auth.getToken();
    await settle(() => recorder.of("token_issued").length === 1);
    expect((await warmUp).expiresAt).toBe(START + LIFETIME_MS);

    for (let elapsed = STEP_MS; elapsed <= STREAM_MS; elapsed += STEP_MS) {
      await vi.advanceTimersByTimeAsync(STEP_MS);
      const token = await resolvedWithoutWaiting(auth.getToken());
      expect(token.expiresAt, `token handed out at +${elapsed} ms`).toBeGreaterThan(Date.now());
      // A background refresh, if this call started one, answers at once (msw, no delay).
      await settle(
        () => recorder.of("token_issued").length === recorder.of("token_requested").length,
      );
    }

    // The window is min(60 s, lifetime / 2) = 1 s, and a response takes no (fake) time, so each
    // token is replaced by the first call at or after sentAt + 1 s. Calls come every 100 ms from
    // +0 to +10 000 ms inclusive, so tokens are requested at exactly +0, +1 000, …, +10 000 ms:
    // 11 requests. Fewer would mean a token kept past its half-life (or served expired);
    // more would mean duplicate refreshes.
    expect(endpoint.requests.map((request) => request.at - START)).toEqual(
      Array.from({ length: STREAM_MS / (LIFETIME_MS / 2) + 1 }, (_, index) => index * 1000),
    );
    expect(recorder.of("token_requested").filter((event) => !event.background)).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("with a slow token endpoint (300 ms), callers still never wait and only one request is ever in flight", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    let inFlight = 0;
    let mostInFlight = 0;
    const endpoint = createTokenEndpoint({
      lifetimeSeconds: LIFETIME_MS / 1000,
      respond: async () => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await delay(300);
        inFlight -= 1;
        return undefined;
      },
    });
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider());

    const warmUp = auth.getToken();
    await runUntilSettled(warmUp, { step: STEP_MS });
    await warmUp;
    expect(Date.now()).toBe(START + 300);

    for (let elapsed = 400; elapsed <= STREAM_MS; elapsed += STEP_MS) {
      await vi.advanceTimersByTimeAsync(STEP_MS);
      const token = await resolvedWithoutWaiting(auth.getToken());
      expect(token.expiresAt, `token handed out at +${elapsed} ms`).toBeGreaterThan(Date.now());
    }

    expect(mostInFlight).toBe(1);
    // A token sent at T arrives at T + 300 with 1 700 ms left: its window is 850 ms, so the next
    // refresh starts at the first call at or after T + 1 150, i.e. T + 1 200. Requests at +0,
    // +1 200, …, +9 600 ms: 9.
    expect(endpoint.requests.map((request) => request.at - START)).toEqual([
      0, 1200, 2400, 3600, 4800, 6000, 7200, 8400, 9600,
    ]);
  });
});

describe("background refresh failing", () => {
  it("keeps serving the cached token until expiry, backs off between attempts, then retries on the next call", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    const endpoint = createTokenEndpoint({ lifetimeSeconds: 2 });
    server.use(endpoint.handler);
    const recorder = recordEvents();
    const auth = createAuth(defineProvider(), { onEvent: recorder.onEvent, retry: false });
    const warmUp = auth.getToken();
    await settle(() => endpoint.count === 1);
    const cached = await warmUp;

    endpoint.respond(() =>
      HttpResponse.json({ error: "temporarily_unavailable" }, { status: 503 }),
    );
    const call = async () => {
      const token = await resolvedWithoutWaiting(auth.getToken());
      await settle(
        () =>
          recorder.of("token_request_failed").length + recorder.of("token_issued").length ===
          recorder.of("token_requested").length,
      );
      return token;
    };

    // +1 000 ms: inside the window; the refresh fails in the background.
    vi.setSystemTime(START + 1_000);
    expect(await call()).toBe(cached);
    expect(endpoint.count).toBe(2);
    const [firstFailure] = recorder.of("refresh_failed");
    expect(firstFailure?.error.code).toBe("PAYTOK_TOKEN_REQUEST_FAILED");
    expect(firstFailure?.error.status).toBe(503);
    expect(firstFailure?.at).toBe(START + 1_000);
    // Default baseDelayMs 200, doubled per failure: 400 ms after the first.
    expect(firstFailure?.nextAttemptAt).toBe(START + 1_400);

    // Before nextAttemptAt: the cached token, no request.
    for (const at of [1_001, 1_200, 1_399]) {
      vi.setSystemTime(START + at);
      expect(await call()).toBe(cached);
    }
    expect(endpoint.count).toBe(2);

    // At nextAttemptAt: one more background attempt, which fails too (800 ms back-off now).
    vi.setSystemTime(START + 1_400);
    expect(await call()).toBe(cached);
    expect(endpoint.count).toBe(3);
    expect(recorder.of("refresh_failed")[1]?.nextAttemptAt).toBe(START + 2_200);
    for (const at of [1_500, 1_999]) {
      vi.setSystemTime(START + at);
      expect(await call()).toBe(cached);
    }
    expect(endpoint.count).toBe(3);
    expect(recorder.of("refresh_failed")).toHaveLength(2);

    // Expired: the next call does not get the stale token; it waits on a new request.
    vi.setSystemTime(START + 2_000);
    const afterExpiry = rejection(auth.getToken());
    await settle(() => endpoint.count === 4);
    expect((await afterExpiry).status).toBe(503);
    expect(endpoint.count).toBe(4);
    // …and a failure is never cached.
    const again = rejection(auth.getToken());
    await settle(() => endpoint.count === 5);
    await again;

    endpoint.respond(undefined);
    const recovered = auth.getToken();
    await settle(() => endpoint.count === 6);
    const fresh = await recovered;
    expect(fresh.accessToken).toBe(endpoint.issued[1]?.accessToken);
    expect(fresh.expiresAt).toBe(START + 4_000);
  });

  it("a success after a failed background refresh resets the back-off", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    const endpoint = createTokenEndpoint({ lifetimeSeconds: 10 });
    server.use(endpoint.handler);
    const recorder = recordEvents();
    const auth = createAuth(defineProvider(), { onEvent: recorder.onEvent, retry: false });
    const warmUp = auth.getToken();
    await settle(() => endpoint.count === 1);
    await warmUp;

    endpoint.respond(() => new HttpResponse(null, { status: 500 }));
    vi.setSystemTime(START + 5_000);
    await auth.getToken();
    await settle(() => recorder.of("refresh_failed").length === 1);
    endpoint.respond(undefined);
    vi.setSystemTime(START + 5_400);
    await auth.getToken();
    await settle(() => recorder.of("token_issued").length === 2);
    expect(endpoint.count).toBe(3);

    // New token issued at +5 400 (expires +15 400, window 5 s): fails once more at +10 400 and
    // the back-off starts over at 400 ms, not 800.
    endpoint.respond(() => new HttpResponse(null, { status: 500 }));
    vi.setSystemTime(START + 10_400);
    await auth.getToken();
    await settle(() => recorder.of("refresh_failed").length === 2);
    expect(recorder.of("refresh_failed")[1]?.nextAttemptAt).toBe(START + 10_800);
  });
});

describe("refresh_token grant", () => {
  const refreshingProvider = () => defineProvider({ supportsRefreshGrant: true });

  it("refreshes with grant_type=refresh_token and the last refresh token", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    const endpoint = createTokenEndpoint({ lifetimeSeconds: 2, withRefreshToken: true });
    server.use(endpoint.handler);
    const auth = createAuth(refreshingProvider());
    const warmUp = auth.getToken();
    await settle(() => endpoint.count === 1);
    expect((await warmUp).refreshToken).toBe(endpoint.issued[0]?.refreshToken);

    vi.setSystemTime(START + 1_000);
    await auth.getToken();
    await settle(() => endpoint.issued.length === 2);
    expect(endpoint.grants).toEqual(["client_credentials", "refresh_token"]);
    expect(endpoint.requests[1]?.body).toBe(
      new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: endpoint.issued[0]?.refreshToken ?? "",
        client_id: "client-4711",
        client_secret: "sk_live_SECRET_7f3a9c+/=&d41d8cd98f",
      }).toString(),
    );
    const refreshed = await auth.getToken();
    expect(refreshed.accessToken).toBe(endpoint.issued[1]?.accessToken);
  });

  it("falls back to client credentials when the refresh grant answers invalid_grant (background)", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    const endpoint = createTokenEndpoint({
      lifetimeSeconds: 2,
      withRefreshToken: true,
      respond: (request) =>
        request.grantType === "refresh_token"
          ? HttpResponse.json(
              { error: "invalid_grant", error_description: "Token is not active" },
              { status: 400 },
            )
          : undefined,
    });
    server.use(endpoint.handler);
    const recorder = recordEvents();
    const auth = createAuth(refreshingProvider(), { onEvent: recorder.onEvent });
    const warmUp = auth.getToken();
    await settle(() => endpoint.count === 1);
    await warmUp;

    vi.setSystemTime(START + 1_000);
    await auth.getToken();
    await settle(() => endpoint.issued.length === 2);

    expect(endpoint.grants).toEqual(["client_credentials", "refresh_token", "client_credentials"]);
    expect(endpoint.requests[1]?.form.get("refresh_token")).toBe(endpoint.issued[0]?.refreshToken);
    const [rejected] = recorder.of("refresh_grant_rejected");
    expect(rejected?.error.oauthError).toBe("invalid_grant");
    expect(rejected?.error.status).toBe(400);
    expect(recorder.of("refresh_failed")).toHaveLength(0);
    expect((await auth.getToken()).accessToken).toBe(endpoint.issued[1]?.accessToken);
  });

  it("falls back to client credentials after expiry too, with the caller waiting on both", async () => {
    const endpoint = createTokenEndpoint({
      lifetimeSeconds: 2,
      withRefreshToken: true,
      respond: (request) =>
        request.grantType === "refresh_token"
          ? HttpResponse.json({ error: "invalid_grant" }, { status: 400 })
          : undefined,
    });
    server.use(endpoint.handler);
    vi.useFakeTimers();
    vi.setSystemTime(START);
    const auth = createAuth(refreshingProvider(), { refreshWindowMs: 0 });
    const warmUp = auth.getToken();
    await settle(() => endpoint.count === 1);
    await warmUp;

    vi.setSystemTime(START + 2_000);
    const waiting = Array.from({ length: 10 }, () => auth.getToken());
    await settle(() => endpoint.count === 3);
    const tokens = await Promise.all(waiting);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]?.accessToken).toBe(endpoint.issued[1]?.accessToken);
    expect(endpoint.grants).toEqual(["client_credentials", "refresh_token", "client_credentials"]);
  });

  it("a transient failure of the refresh grant is reported, not papered over with another grant", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    const endpoint = createTokenEndpoint({
      lifetimeSeconds: 2,
      withRefreshToken: true,
      respond: (request) =>
        request.grantType === "refresh_token" ? new HttpResponse(null, { status: 503 }) : undefined,
    });
    server.use(endpoint.handler);
    const recorder = recordEvents();
    const auth = createAuth(refreshingProvider(), { onEvent: recorder.onEvent, retry: false });
    const warmUp = auth.getToken();
    await settle(() => endpoint.count === 1);
    await warmUp;

    vi.setSystemTime(START + 1_000);
    await auth.getToken();
    await settle(() => recorder.of("refresh_failed").length === 1);
    expect(endpoint.grants).toEqual(["client_credentials", "refresh_token"]);
    expect(recorder.of("refresh_grant_rejected")).toHaveLength(0);
  });

  it("skips the refresh grant once the refresh token has expired", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    const endpoint = createTokenEndpoint({
      lifetimeSeconds: 4,
      withRefreshToken: true,
      refreshLifetimeSeconds: 1,
    });
    server.use(endpoint.handler);
    const auth = createAuth(refreshingProvider());
    const warmUp = auth.getToken();
    await settle(() => endpoint.count === 1);
    expect((await warmUp).refreshExpiresAt).toBe(START + 1_000);

    vi.setSystemTime(START + 2_000);
    await auth.getToken();
    await settle(() => endpoint.count === 2);
    expect(endpoint.grants).toEqual(["client_credentials", "client_credentials"]);
  });

  it("never uses the refresh grant when the provider does not support it", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    const endpoint = createTokenEndpoint({ lifetimeSeconds: 2, withRefreshToken: true });
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider());
    const warmUp = auth.getToken();
    await settle(() => endpoint.count === 1);
    await warmUp;
    vi.setSystemTime(START + 1_000);
    await auth.getToken();
    await settle(() => endpoint.count === 2);
    expect(endpoint.grants).toEqual(["client_credentials", "client_credentials"]);
  });
});

describe("forceRefresh and invalidate", () => {
  it("forceRefresh: true gets a new token; concurrent forced calls share one request", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider());
    const first = await auth.getToken();

    const forced = await Promise.all(
      Array.from({ length: 50 }, () => auth.getToken({ forceRefresh: true })),
    );
    expect(endpoint.count).toBe(2);
    expect(new Set(forced).size).toBe(1);
    expect(forced[0]?.accessToken).toBe(endpoint.issued[1]?.accessToken);
    expect(forced[0]).not.toBe(first);
    expect(await auth.getToken()).toBe(forced[0]);
    expect(endpoint.count).toBe(2);
  });

  it("forceRefresh also replaces a token held in a shared store", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider(), { store: createMemoryTokenStore() });
    const first = await auth.getToken();
    const forced = await auth.getToken({ forceRefresh: true });
    expect(endpoint.count).toBe(2);
    expect(forced.accessToken).not.toBe(first.accessToken);
  });

  it("invalidate(token) drops only that token (compare-and-invalidate)", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const recorder = recordEvents();
    const auth = createAuth(defineProvider(), { onEvent: recorder.onEvent });
    const first = await auth.getToken();

    await auth.invalidate("some-other-token");
    await auth.invalidate(
      createToken({ accessToken: "another-one", expiresAt: Date.now() + 60_000 }),
    );
    expect(await resolvedWithoutWaiting(auth.getToken())).toBe(first);
    expect(recorder.of("token_invalidated")).toHaveLength(0);

    await Promise.all(Array.from({ length: 100 }, () => auth.invalidate(first)));
    expect(recorder.of("token_invalidated")).toHaveLength(1);
    expect(recorder.of("token_invalidated")[0]?.reason).toBe("invalidate");
    const second = await auth.getToken();
    expect(endpoint.count).toBe(2);

    // The old token again (a late 401): the new one stays.
    await auth.invalidate(first.accessToken);
    expect(await resolvedWithoutWaiting(auth.getToken())).toBe(second);

    // No argument: whatever is cached goes.
    await auth.invalidate();
    await auth.getToken();
    expect(endpoint.count).toBe(3);
  });

  it("invalidate(token) removes the token from a shared store only when it is that token", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const store = createMemoryTokenStore();
    const first = createAuth(defineProvider(), { store });
    const second = createAuth(defineProvider(), { store });
    const token = await first.getToken();

    await second.invalidate("not-the-stored-one");
    expect((await second.getToken()).accessToken).toBe(token.accessToken);
    expect(endpoint.count).toBe(1);

    await first.invalidate(token);
    const replaced = await first.getToken();
    expect(endpoint.count).toBe(2);
    expect(replaced.accessToken).not.toBe(token.accessToken);
  });
});

describe("AbortSignal", () => {
  it("a caller's abort rejects that caller with PAYTOK_ABORTED; the shared request still serves the others", async () => {
    const release = deferred();
    const endpoint = createTokenEndpoint({
      respond: async () => {
        await release.promise;
        return undefined;
      },
    });
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider());
    const controller = new AbortController();

    const aborted = auth.getToken({ signal: controller.signal });
    const others = Array.from({ length: 5 }, () => auth.getToken());
    await vi.waitFor(() => expect(endpoint.count).toBe(1), { timeout: 10_000 });
    controller.abort(new Error("the user navigated away"));

    const error = await rejection(aborted);
    expect(error.code).toBe("PAYTOK_ABORTED");
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^@paytok\/testpay: /);

    release.resolve();
    const tokens = await Promise.all(others);
    expect(new Set(tokens).size).toBe(1);
    expect(endpoint.count).toBe(1);
    // The token the aborted caller would have had is cached for everyone.
    expect(await auth.getToken()).toBe(tokens[0]);
  });

  it("an already-aborted signal rejects at once, and leaves no unhandled rejection behind", async () => {
    const endpoint = createTokenEndpoint({
      respond: () => HttpResponse.json({ error: "invalid_client" }, { status: 401 }),
    });
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider());
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const error = await rejection(auth.getToken({ signal: AbortSignal.abort() }));
      expect(error.code).toBe("PAYTOK_ABORTED");
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});

describe("options", () => {
  it.each([
    ["refreshWindowMs", { refreshWindowMs: -1 }],
    ["refreshWindowMs", { refreshWindowMs: Number.NaN }],
    ["timeoutMs", { timeoutMs: 0 }],
    ["timeoutMs", { timeoutMs: Number.POSITIVE_INFINITY }],
    ["retry.retries", { retry: { retries: 1.5 } }],
    ["retry.retries", { retry: { retries: -1 } }],
  ])("a bad %s is a PAYTOK_CONFIGURATION error at creation", (name, options) => {
    const error = thrown(() => createAuth(defineProvider(), options));
    expect(error.code).toBe("PAYTOK_CONFIGURATION");
    expect(error.message).toContain(name);
  });

  it("an event listener that throws does not break token handling", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const auth = createAuth(defineProvider(), {
      onEvent: () => {
        throw new Error("logger down");
      },
    });
    expect((await auth.getToken()).accessToken).toBe(endpoint.issued[0]?.accessToken);
  });

  it("uses the fetch it was given, not the global one", async () => {
    let calls = 0;
    const auth = createTestpayAuth({
      fetch: async () => {
        calls += 1;
        return Response.json({ access_token: "from-injected-fetch", expires_in: 60 });
      },
    });
    expect((await auth.getToken()).accessToken).toBe("from-injected-fetch");
    expect(calls).toBe(1);
  });

  it("reports a listener's events in order for one successful request", async () => {
    const endpoint = createTokenEndpoint();
    server.use(endpoint.handler);
    const recorder = recordEvents();
    const auth = createAuth(defineProvider(), { onEvent: recorder.onEvent });
    const token = await auth.getToken();
    await auth.getToken();
    expect(recorder.events.map((event) => event.type)).toEqual([
      "token_requested",
      "token_issued",
      "token_served",
      "token_served",
    ]);
    expect(recorder.events[0]).toMatchObject({
      provider: "testpay",
      grant: "client_credentials",
      attempt: 0,
      background: false,
    });
    expect(recorder.events[1]).toMatchObject({
      expiresAt: token.expiresAt,
      requestId: (recorder.events[0] as { requestId: number }).requestId,
    });
    expect(recorder.events[2]).toMatchObject({ source: "fetch" });
    expect(recorder.events[3]).toMatchObject({ source: "cache", waitedMs: 0 });
  });
});
