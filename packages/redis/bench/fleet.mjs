// How many token requests a fleet makes per token lifetime: P processes with no shared store
// (each its own in-memory token) versus the same P processes sharing @paytok/redis.
//
//   pnpm --filter @paytok/core build && pnpm --filter @paytok/redis build && pnpm bench
//
// Needs redis-server on PATH (see README). Starts its own on a free loopback port, and a local
// token server; nothing leaves 127.0.0.1.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runFleet } from "../test/fixtures/fleet.mjs";
import { runRateLimitedFleet } from "../test/fixtures/rate-limited-fleet.mjs";
import { startRedisServer } from "../test/fixtures/redis-server.mjs";
import { startTokenServer } from "../test/fixtures/token-server.mjs";

const LIFETIME_MS = 2_000;
const REFRESH_WINDOW_MS = 500;
const LIFETIMES_PER_RUN = 2;
const FLEET_SIZES = [4, 8];

if (!existsSync(fileURLToPath(new URL("../dist/index.js", import.meta.url)))) {
  console.error(
    "bench: build first: pnpm --filter @paytok/core build && pnpm --filter @paytok/redis build",
  );
  process.exit(1);
}

const redis = await startRedisServer();
let run = 0;

async function measure(processes, store) {
  run += 1;
  const tokens = await startTokenServer({ lifetimeSeconds: LIFETIME_MS / 1000 });
  try {
    const results = await runFleet(processes, {
      store,
      redisUrl: redis.url,
      keyPrefix: `bench:${run}:`,
      tokenUrl: tokens.url,
      mode: "loop",
      calls: 5,
      intervalMs: 10,
      durationMs: LIFETIME_MS * LIFETIMES_PER_RUN,
      refreshWindowMs: REFRESH_WINDOW_MS,
    });
    const reports = results.filter((result) => result.type === "result");
    if (reports.length !== processes) throw new Error(`a worker died: ${JSON.stringify(results)}`);
    // Tokens one process went through = token lifetimes it lived through (refresh-ahead included).
    const lifetimes = reports.reduce((sum, report) => sum + report.tokens.length, 0) / processes;
    return {
      processes,
      store: store === "memory" ? "memory (per process)" : "redis (shared)",
      requests: tokens.requests.length,
      lifetimes,
      perLifetime: tokens.requests.length / lifetimes,
      calls: reports.reduce((sum, report) => sum + report.calls, 0),
      failures: reports.reduce((sum, report) => sum + report.failures.length, 0),
      slowestMs: Math.max(...reports.map((report) => report.maxLatencyMs)),
    };
  } finally {
    await tokens.close();
  }
}

try {
  const rows = [];
  for (const processes of FLEET_SIZES) {
    rows.push(await measure(processes, "memory"));
    rows.push(await measure(processes, "ioredis"));
  }
  console.log(
    `\nfleet bench: ${LIFETIME_MS} ms tokens, refresh window ${REFRESH_WINDOW_MS} ms, ` +
      `${LIFETIMES_PER_RUN} lifetimes per run, each process 5 concurrent getToken() every 10 ms\n`,
  );
  console.log(
    "| processes | store                | token requests | tokens per process | token requests per lifetime | calls  | failures | slowest call |",
  );
  console.log(
    "|----------:|----------------------|---------------:|-------------------:|----------------------------:|-------:|---------:|-------------:|",
  );
  for (const row of rows) {
    console.log(
      `| ${String(row.processes).padStart(9)} | ${row.store.padEnd(20)} | ${String(row.requests).padStart(14)} | ${row.lifetimes.toFixed(1).padStart(18)} | ${row.perLifetime.toFixed(2).padStart(27)} | ${String(row.calls).padStart(6)} | ${String(row.failures).padStart(8)} | ${`${row.slowestMs.toFixed(0)} ms`.padStart(12)} |`,
    );
  }
  console.log(
    "\nrequests per lifetime = token requests ÷ tokens each process went through (one per token lifetime,",
  );
  console.log("refresh-ahead included). memory ≈ P: every process fetches its own; redis: goal 1.");

  // Fleet-wide backoff: the same fleet side by side, with and without the store's backoff.
  const BACKOFF_PROCESSES = 6;
  const RETRY_AFTER_SECONDS = 5;
  const LIMITED_MS = 10_000;
  const scenarios = [
    { name: "cold start", limitedFromMs: 0 },
    {
      name: "refresh ahead, then expiry",
      limitedFromMs: 1_000,
      lifetimeSeconds: 4,
      refreshWindowMs: 2_000,
    },
  ];
  const backoffRows = [];
  for (const scenario of scenarios) {
    for (const fleetBackoff of [false, true]) {
      run += 1;
      const result = await runRateLimitedFleet({
        redisUrl: redis.url,
        keyPrefix: `bench:${run}:`,
        processes: BACKOFF_PROCESSES,
        retryAfterSeconds: RETRY_AFTER_SECONDS,
        limitedForMs: LIMITED_MS,
        runForMs: LIMITED_MS + 5_000,
        fleetBackoff,
        ...scenario,
      });
      backoffRows.push({ scenario: scenario.name, fleetBackoff, ...result });
    }
  }
  console.log(
    `\nfleet backoff bench: ${BACKOFF_PROCESSES} processes sharing Redis, the token endpoint answers 429 ` +
      `with Retry-After: ${RETRY_AFTER_SECONDS} for ${LIMITED_MS / 1000} s; each process 5 concurrent getToken() every 50 ms\n`,
  );
  console.log(
    "| scenario                   | fleet backoff | token requests during the 429s | per 5 s window | max per window | failed calls |",
  );
  console.log(
    "|----------------------------|---------------|-------------------------------:|---------------:|---------------:|-------------:|",
  );
  for (const row of backoffRows) {
    console.log(
      `| ${row.scenario.padEnd(26)} | ${(row.fleetBackoff ? "on" : "off").padEnd(13)} | ${String(row.limitedRequests).padStart(30)} | ${row.perWindow.join(" + ").padStart(14)} | ${String(row.maxPerWindow).padStart(14)} | ${String(row.failures).padStart(12)} |`,
    );
  }
  console.log(
    "\ngoal with fleet backoff on: at most 1 token request per Retry-After window, fleet-wide.",
  );
} finally {
  await redis.stop("SIGTERM");
}
