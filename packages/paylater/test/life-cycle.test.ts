// The document's "Token Life-cycle Implementation": reuse until 60 s before expiry, then the
// refresh_token grant while the refresh token lives, then client_credentials (full re-auth).
import type { PaytokEvent } from "@paytok/core";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createPaylaterAuth } from "../src/index.js";
import {
  paylaterHandlers,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  type SandboxHandlers,
} from "../src/testing.js";

const handlers = paylaterHandlers();
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  vi.useRealTimers();
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

const credentials = { clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET };
const START = Date.parse("2030-01-01T00:00:00Z");

function grants(sandbox: SandboxHandlers = handlers): (string | null)[] {
  return sandbox.tokenRequests.map((request) =>
    new URLSearchParams(request.body).get("grant_type"),
  );
}

function sentRefreshToken(index: number, sandbox: SandboxHandlers = handlers): string | null {
  return new URLSearchParams(sandbox.tokenRequests[index]?.body).get("refresh_token");
}

describe("token life-cycle (fake Date)", () => {
  it("fetches with client_credentials, reuses, refreshes in the background, then re-authenticates", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(START);
    const auth = createPaylaterAuth({ ...credentials, retry: false });

    // 1. Application start: client_credentials grant.
    const first = await auth.getToken();
    expect(grants()).toEqual(["client_credentials"]);
    expect(first.expiresAt).toBe(START + 300_000);
    expect(first.refreshExpiresAt).toBe(START + 1_800_000);

    // 2. now < expiry - 60 s: the cached token, no request.
    vi.setSystemTime(START + 239_999);
    expect((await auth.getToken()).accessToken).toBe(first.accessToken);
    expect(handlers.tokenRequests).toHaveLength(1);

    // 3. Inside the last 60 s: the cached token at once, and one background refresh_token grant.
    vi.setSystemTime(START + 240_000);
    const served = await Promise.all([auth.getToken(), auth.getToken(), auth.getToken()]);
    expect(served.map((token) => token.accessToken)).toEqual([
      first.accessToken,
      first.accessToken,
      first.accessToken,
    ]);
    await vi.waitFor(async () => {
      expect((await auth.getToken()).accessToken).toBe(handlers.issued[1]?.accessToken);
    });
    expect(grants()).toEqual(["client_credentials", "refresh_token"]);
    expect(sentRefreshToken(1)).toBe(first.refreshToken);
    const second = await auth.getToken();
    expect(second.expiresAt).toBe(START + 240_000 + 300_000);
    expect(second.refreshToken).not.toBe(first.refreshToken);

    // 4. The refresh token has expired too: client_credentials (full re-auth).
    vi.setSystemTime(START + 240_000 + 1_800_000);
    const third = await auth.getToken();
    expect(grants()).toEqual(["client_credentials", "refresh_token", "client_credentials"]);
    expect(third.accessToken).toBe(handlers.issued[2]?.accessToken);
  });

  it("an expired access token with a live refresh token waits for the refresh_token grant", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(START);
    const auth = createPaylaterAuth({ ...credentials, retry: false });
    const first = await auth.getToken();
    vi.setSystemTime(START + 300_000);
    const second = await auth.getToken();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(grants()).toEqual(["client_credentials", "refresh_token"]);
    expect(sentRefreshToken(1)).toBe(first.refreshToken);
  });

  it("falls back to client_credentials when the refresh token is revoked (invalid_grant)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(START);
    const events: PaytokEvent[] = [];
    const auth = createPaylaterAuth({
      ...credentials,
      retry: false,
      onEvent: (event) => events.push(event),
    });
    const first = await auth.getToken();
    handlers.revokeRefreshTokens();
    vi.setSystemTime(START + 300_000);
    const next = await auth.getToken();
    expect(grants()).toEqual(["client_credentials", "refresh_token", "client_credentials"]);
    expect(sentRefreshToken(1)).toBe(first.refreshToken);
    expect(handlers.issued.map((token) => token.grant)).toEqual([
      "client_credentials",
      "client_credentials",
    ]);
    expect(next.accessToken).toBe(handlers.issued[1]?.accessToken);
    const rejected = events.find((event) => event.type === "refresh_grant_rejected");
    expect(rejected?.type === "refresh_grant_rejected" && rejected.error).toMatchObject({
      code: "PAYTOK_TOKEN_REQUEST_FAILED",
      status: 400,
      oauthError: "invalid_grant",
      oauthErrorDescription: "Invalid refresh token",
      retryable: false,
    });
  });

  it("falls back to client_credentials in the background too", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(START);
    const auth = createPaylaterAuth({ ...credentials, retry: false });
    const first = await auth.getToken();
    handlers.revokeRefreshTokens();
    vi.setSystemTime(START + 250_000);
    expect((await auth.getToken()).accessToken).toBe(first.accessToken);
    await vi.waitFor(async () => {
      expect((await auth.getToken()).accessToken).toBe(handlers.issued[1]?.accessToken);
    });
    expect(grants()).toEqual(["client_credentials", "refresh_token", "client_credentials"]);
  });
});

describe("token life-cycle (injected clock)", () => {
  it("follows the same three steps with clock and the handlers' now option", async () => {
    let now = START;
    const clock = { now: () => now };
    const sandbox = paylaterHandlers({ now: clock.now });
    server.use(...sandbox);
    const auth = createPaylaterAuth({ ...credentials, clock, retry: false });

    const first = await auth.getToken();
    now += 100_000;
    await auth.getToken();
    expect(grants(sandbox)).toEqual(["client_credentials"]);

    now = START + 241_000;
    expect((await auth.getToken()).accessToken).toBe(first.accessToken);
    await vi.waitFor(async () => {
      expect((await auth.getToken()).accessToken).toBe(sandbox.issued[1]?.accessToken);
    });
    expect(grants(sandbox)).toEqual(["client_credentials", "refresh_token"]);
    expect(sentRefreshToken(1, sandbox)).toBe(first.refreshToken);

    now += 1_800_000;
    await auth.getToken();
    expect(grants(sandbox)).toEqual(["client_credentials", "refresh_token", "client_credentials"]);

    sandbox.revokeRefreshTokens();
    now += 300_000;
    await auth.getToken();
    expect(grants(sandbox)).toEqual([
      "client_credentials",
      "refresh_token",
      "client_credentials",
      "refresh_token",
      "client_credentials",
    ]);
  });

  it("honours a shorter refreshWindowMs", async () => {
    let now = START;
    const clock = { now: () => now };
    const sandbox = paylaterHandlers({ now: clock.now });
    server.use(...sandbox);
    const auth = createPaylaterAuth({ ...credentials, clock, refreshWindowMs: 10_000 });
    await auth.getToken();
    now = START + 289_999;
    await auth.getToken();
    expect(sandbox.tokenRequests).toHaveLength(1);
    now = START + 290_000;
    await auth.getToken();
    await vi.waitFor(() => expect(sandbox.issued).toHaveLength(2));
    expect(grants(sandbox)).toEqual(["client_credentials", "refresh_token"]);
  });
});
