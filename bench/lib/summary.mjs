// The one table `pnpm bench` prints: every row of every benchmark, its figure, its goal and
// whether the goal is met. The report repeats it at the top.
import { SIZE_GOALS } from "./bundle-size.mjs";
import { formatBytes, formatFixed, formatInteger } from "./tables.mjs";
import { WARM_CALL_GOAL_RATIO } from "./warm-call.mjs";

export const SUMMARY_HEADER = ["benchmark", "row", "measured", "goal", "met"];

const plural = (count, noun) => `${formatInteger(count)} ${noun}${count === 1 ? "" : "s"}`;

const verdict = (met) => (met === undefined ? "" : met ? "yes" : "NO");

export function summaryRows({ warm, cold, expiry, sizes, imports, redis }) {
  const rows = [];
  for (const group of warm.groups) {
    for (const row of group.rows) {
      const met = row.paytok ? row.ratioToFloor >= WARM_CALL_GOAL_RATIO : undefined;
      rows.push([
        "1 warm call",
        row.id,
        `${formatFixed(row.microsecondsPerCall)} µs/call, ${formatInteger(row.opsPerSecond)} ops/s, ${formatFixed(row.ratioToFloor)}× floor${row.floor ? "" : `, +${formatFixed(row.overheadMicroseconds)} µs`}${row.paytok ? `; ${formatFixed(row.toReference.ratio)}× reference` : ""}`,
        row.paytok ? `≥ ${WARM_CALL_GOAL_RATIO}× floor` : "",
        verdict(met),
      ]);
    }
  }
  for (const row of cold.rows) {
    rows.push([
      "2 cold, 10k concurrent",
      row.id,
      row.tokenRequests === undefined
        ? "n/a (fixed token)"
        : `${plural(row.tokenRequests, "token request")}, ${row.failed} failed`,
      row.paytok ? "1 token request" : "",
      verdict(row.paytok ? row.tokenRequests === 1 && row.failed === 0 : undefined),
    ]);
  }
  for (const row of expiry.rows) {
    rows.push([
      "3 expiry under load",
      row.id,
      `${plural(row.tokenRequests, "token request")}; of ${formatInteger(row.calls)} calls ${row.apiCallsWithExpiredToken} expired at API, ${row.waitedCalls} waited`,
      row.paytok ? "0 expired, 0 waited" : "",
      verdict(row.paytok ? row.apiCallsWithExpiredToken === 0 && row.waitedCalls === 0 : undefined),
    ]);
  }
  for (const size of sizes) {
    if (size.error !== undefined) {
      rows.push(["4 bundle size", size.provider, `not measured: ${size.error}`, "", ""]);
      continue;
    }
    rows.push([
      "4 bundle size",
      size.provider,
      `paytok ${formatBytes(size.paytok.gzip)} gz, total ${formatBytes(size.total.gzip)} gz`,
      `≤ ${formatBytes(SIZE_GOALS.paytokGzip)} / ≤ ${formatBytes(SIZE_GOALS.totalGzip)}`,
      verdict(size.paytok.gzip <= SIZE_GOALS.paytokGzip && size.total.gzip <= SIZE_GOALS.totalGzip),
    ]);
  }
  for (const row of imports.rows) {
    rows.push([
      "5 import time",
      row.specifier,
      row.error ??
        `+${formatFixed(row.net.wallMs, 1)} ms wall, +${formatFixed(row.net.cpuMs, 1)} ms CPU`,
      "",
      "",
    ]);
  }
  rows.push(...redisRows(redis));
  return rows;
}

/** One row per fleet size the Redis bench printed, when its table has the columns we know. */
function redisRows(redis) {
  const perLifetime = "token requests per lifetime";
  const byStore = (redis.tableRows ?? []).filter(
    (row) =>
      row.processes !== undefined && row.store !== undefined && row[perLifetime] !== undefined,
  );
  const shared = byStore.filter((row) => row.store.startsWith("redis"));
  if (redis.status !== "ran" || shared.length === 0) {
    const measured =
      redis.status === "ran"
        ? "ran its bench script: output in docs/benchmarks.md"
        : (redis.note ?? `its bench script failed (exit ${redis.exitCode})`);
    return [["6 Redis store", "@paytok/redis fleet", measured, "", ""]];
  }
  return shared.map((row) => {
    const alone = byStore.find(
      (other) => other.processes === row.processes && !other.store.startsWith("redis"),
    );
    const perLifetimeShared = Number(row[perLifetime]);
    return [
      "6 Redis store",
      `${row.processes} processes, ${row.store}`,
      `${row[perLifetime]} token requests per lifetime${alone ? ` (${alone[perLifetime]} without a shared store)` : ""}`,
      "1 per lifetime",
      Number.isFinite(perLifetimeShared) ? verdict(perLifetimeShared <= 1.05) : "",
    ];
  });
}
