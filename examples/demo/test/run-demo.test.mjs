import { describe, expect, it } from "vitest";
import {
  CONCURRENT_CALLS,
  demoProviders,
  REVOKED_CALLS,
  runDemo,
  WINDOW_CALLS,
} from "../src/run-demo.mjs";

describe("pnpm demo", () => {
  it("runs every provider against the sandbox and gets the promised numbers", async () => {
    const steps = [];
    const report = await runDemo({
      onProgress: (provider, step) => steps.push(`${provider}: ${step}`),
    });

    expect(report.problems).toEqual([]);
    expect(report.results.map((result) => result.provider)).toEqual(demoProviders);
    expect(demoProviders).toHaveLength(5);
    expect(steps).toHaveLength(5 * 5);
    for (const result of report.results) {
      expect(result.firstToken.tokenRequests).toBe(1);
      expect(result.concurrentCalls).toMatchObject({ ok: CONCURRENT_CALLS, tokenRequests: 1 });
      expect(result.refreshAhead).toMatchObject({
        servedCached: WINDOW_CALLS,
        apiOk: WINDOW_CALLS,
        backgroundRefreshes: 1,
        tokenRequests: 1,
        refreshed: true,
      });
      expect(result.revokedToken).toMatchObject({
        ok: REVOKED_CALLS,
        unauthorized: REVOKED_CALLS,
        retried: REVOKED_CALLS,
        newTokens: 1,
      });
      expect(result.badSecret).toMatchObject({
        code: "PAYTOK_TOKEN_REQUEST_FAILED",
        tokenRequests: 1,
        secretLeaked: false,
      });
      expect(result.badSecret.status).toBeGreaterThanOrEqual(400);
    }
    // PayLater renews with its refresh token; the others ask again with client credentials.
    const grants = Object.fromEntries(
      report.results.map((result) => [result.provider, result.refreshAhead.grant]),
    );
    expect(grants).toEqual({
      lab4pay: "client_credentials",
      paylater: "refresh_token",
      paysway: "client_credentials",
      "alternative-payments": "client_credentials",
      payme: "client_credentials",
    });
  });
});
