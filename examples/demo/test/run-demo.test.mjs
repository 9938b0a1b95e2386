import { startSandbox } from "@paytok/cli/sandbox";
import { describe, expect, it } from "vitest";
import {
  CONCURRENT_CALLS,
  demoProviders,
  REVOKED_CALLS,
  runDemo,
  SHORT_LIFETIME_SECONDS,
  WINDOW_CALLS,
} from "../src/run-demo.mjs";

const TIMED_STEPS = ["first token", "1,000 concurrent calls", "revoked token", "bad secret"];

/** Holds the event loop, as a busy machine does to the test process and its in-process sandbox. */
function stall(milliseconds) {
  const until = Date.now() + milliseconds;
  while (Date.now() < until) {
    // nothing runs meanwhile: not the SDK, not the sandbox, not a timer
  }
}

describe("pnpm demo", () => {
  it("runs every provider against the sandbox and gets the promised numbers", async () => {
    const steps = [];
    const report = await runDemo({
      onProgress: (provider, step) => steps.push(`${provider}: ${step}`),
    });

    expect(report.problems).toEqual([]);
    expect(report.results.map((result) => result.provider)).toEqual(demoProviders);
    expect(demoProviders).toHaveLength(5);
    for (const provider of demoProviders) {
      const own = steps.filter((step) => step.startsWith(`${provider}: `));
      expect(own.slice(0, TIMED_STEPS.length)).toEqual(
        TIMED_STEPS.map((step) => `${provider}: ${step}`),
      );
      expect(own).toContain(
        `${provider}: refresh ahead of expiry (${SHORT_LIFETIME_SECONDS} s token)`,
      );
    }
    for (const result of report.results) {
      expect(result.firstToken.tokenRequests).toBe(1);
      expect(result.concurrentCalls).toMatchObject({ ok: CONCURRENT_CALLS, tokenRequests: 1 });
      // The try the counts come from kept its timing (on a busy machine after longer tokens),
      // and no try found a defect.
      expect(result.refreshAhead.timing).toEqual({ held: true, reasons: [] });
      expect(result.refreshAhead.tries.flatMap((attempt) => attempt.defects)).toEqual([]);
      expect(result.refreshAhead.tries.at(-1)).toMatchObject({
        lifetimeSeconds: result.refreshAhead.lifetimeSeconds,
        timingHeld: true,
      });
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

  it("runs the refresh step again with a longer token when the machine stalls it past the expiry", async () => {
    let stalled = false;
    const report = await runDemo({
      providers: ["paysway"],
      onProgress: (_provider, step) => {
        // The first try's window is 1.5 s and entered 0.15 s in: 2 s later the token is gone.
        if (step === "refresh ahead: calls in the window" && !stalled) {
          stalled = true;
          stall(2000);
        }
      },
    });

    expect(report.problems).toEqual([]);
    const [refresh] = report.results.map((result) => result.refreshAhead);
    expect(refresh.tries[0]).toMatchObject({
      lifetimeSeconds: SHORT_LIFETIME_SECONDS,
      timingHeld: false,
      defects: [],
    });
    expect(refresh.tries[0].timing).toContainEqual(
      expect.stringMatching(/^getToken\(\) calls ended \d+ ms after the token expired$/),
    );
    // Then 6 s tokens, or longer still when the machine is busy anyway: each try twice as long,
    // the last one kept its timing, and none found a defect.
    expect(refresh.tries.length).toBeGreaterThanOrEqual(2);
    refresh.tries.forEach((attempt, index) => {
      expect(attempt.lifetimeSeconds).toBe(SHORT_LIFETIME_SECONDS * 2 ** index);
      expect(attempt.defects).toEqual([]);
    });
    expect(refresh.tries.at(-1).timingHeld).toBe(true);
    expect(refresh).toMatchObject({ servedCached: WINDOW_CALLS, apiOk: WINDOW_CALLS });
  });

  it("reports a refusal that the clock does not explain as a defect, and does not run it again", async () => {
    const sandbox = await startSandbox({ port: 0, providers: ["paysway"] });
    try {
      const report = await runDemo({
        providers: ["paysway"],
        sandbox,
        onProgress: (_provider, step) => {
          // The sandbox refuses the cached token from now on although it has not expired: on the
          // wire this is what an SDK sending a wrong token looks like. (On every try: on a busy
          // machine a 3 s token may also expire before the calls end, which explains the
          // refusals, and the next, longer try has to find the defect.)
          if (step === "refresh ahead: calls in the window") {
            sandbox.providers.paysway.controls.revoke();
          }
        },
      });

      const [refresh] = report.results.map((result) => result.refreshAhead);
      // The step stops at the try that found the defect: it is not run again.
      expect(refresh.tries.at(-1).defects).toEqual(refresh.defects);
      expect(refresh.defects).toEqual([
        expect.stringMatching(
          /^\d+ of 100 calls to .*\/captures\/<n> \(n = .*\) were refused with a token that had not expired at the sandbox before they ended$/,
        ),
      ]);
      expect(report.problems).toContainEqual(
        expect.stringMatching(/^paysway: refresh ahead \(\d+ s token\): \d+ of 100 calls/),
      );
      expect(report.problems.join("\n")).not.toContain("too slow");
    } finally {
      await sandbox.close();
    }
  });
});
