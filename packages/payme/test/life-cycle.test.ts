// Pay-me has no refresh token: reuse while fresh, one background client_credentials request in the
// last 60 s, and callers wait for a new one once the token has expired.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createPaymeAuth } from "../src/index.js";
import { paymeHandlers, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from "../src/testing.js";

const START = Date.parse("2030-01-01T00:00:00Z");
let now = START;
const clock = { now: () => now };
const handlers = paymeHandlers({ now: clock.now });
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  now = START;
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

describe("token life-cycle", () => {
  it("reuses, renews in the background in the last 60 s, then waits once expired", async () => {
    const auth = createPaymeAuth({
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
      audience: "https://api.preprod.alignet.io",
      clock,
      retry: false,
    });
    const first = await auth.getToken();
    expect(first.expiresAt).toBe(START + 8_600_000);

    now = START + 8_539_999;
    expect((await auth.getToken()).accessToken).toBe(first.accessToken);
    expect(handlers.tokenRequests).toHaveLength(1);

    now = START + 8_540_000;
    const served = await Promise.all([auth.getToken(), auth.getToken()]);
    expect(served.map((token) => token.accessToken)).toEqual([
      first.accessToken,
      first.accessToken,
    ]);
    await vi.waitFor(async () => {
      expect((await auth.getToken()).accessToken).toBe(handlers.issued[1]?.accessToken);
    });
    expect(handlers.tokenRequests).toHaveLength(2);
    expect(handlers.tokenRequests[1]?.body).toBe(handlers.tokenRequests[0]?.body);

    now = START + 8_540_000 + 8_600_000;
    const third = await auth.getToken();
    expect(third.accessToken).toBe(handlers.issued[2]?.accessToken);
    expect(handlers.tokenRequests).toHaveLength(3);
  });
});
