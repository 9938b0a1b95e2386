// docs/benchmarks.md, written from one run's results. Nothing in it is typed by hand.

import { SIZE_GOALS } from "./bundle-size.mjs";
import { COLD_CALLERS } from "./cold-concurrency.mjs";
import { chartImages, reportCharts } from "./report-charts.mjs";
import { SUMMARY_HEADER, summaryRows } from "./summary.mjs";
import { formatBytes, formatFixed, formatInteger, markdownTable } from "./tables.mjs";
import { WARM_CALL_GOAL_RATIO } from "./warm-call.mjs";

/** The report's charts (bench/lib/report-charts.mjs), with the goals of the benchmarks' own. */
export function chartsOf(results) {
  return reportCharts(results, { warm: WARM_CALL_GOAL_RATIO, sizes: SIZE_GOALS.paytokGzip });
}

/** @param charts what {@link chartsOf} returned: each is embedded under its section */
export function renderReport(results, charts = []) {
  const {
    machine,
    startedAt,
    elapsedSeconds,
    warm,
    cold,
    expiry,
    sizes,
    openapiFetchSize,
    imports,
    redis,
  } = results;
  const sections = [];

  sections.push(`# Benchmarks

Written by \`pnpm bench\` (\`bench/run.mjs\`) on ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC in ${Math.round(elapsedSeconds)} s. Do not edit: run it again.
What each row measures: [bench/README.md](../bench/README.md). Rows that are compared ran in the
same process, interleaved, so a noisy neighbour slows them alike; compare ratios, not absolute
figures, across machines.`);

  sections.push(`## Machine and versions

${markdownTable(
  ["", "this run"],
  [
    ["CPU", `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB`],
    ["load average at start", machine.loadAverageAtStart],
    ["Node", `${machine.node} (${machine.platform})`],
    ["commit", machine.commit],
    ...Object.entries(machine.versions).map(([name, version]) => [name, version]),
  ],
)}`);

  sections.push(`## Summary

${markdownTable(SUMMARY_HEADER, summaryRows(results))}`);

  sections.push(`## 1. Cost per call with a warm token

Provider: \`@paytok/${warm.provider}\` (the middleware is core's, the same for every provider).
\`fetch\` is an in-process stub shared by every row: a fresh \`new Response("{}")\` per call.
${warm.settings.rounds} interleaved rounds (after ${warm.settings.warmupRounds} untimed ones; row order rotated each round), each timing
${warm.settings.iterations} iterations of every row, an iteration being ${warm.settings.batch} calls awaited one after another.
Time is ${warm.settings.clock === "cpu" ? "the CPU time of the process (`process.cpuUsage()`, all threads): on a shared machine wall time also counts the time other processes held the core" : "wall time (`performance.now()`)"}.
µs/call is the median over rounds; the ratio is floor time ÷ row time within a round, median over
rounds, with the quartiles of those per-round ratios in brackets; "added" is µs/call minus the
floor's. Rows marked "reference" are not auth layers: they show what openapi-fetch's middleware
machinery, or building a \`Request\`, costs by itself. Goal for paytok rows: ≥ ${WARM_CALL_GOAL_RATIO}× the floor.
Token requests during the timed rounds: ${warm.tokenRequestsDuring}.

${warm.groups.map(readingOf).join("\n")}

${warm.groups
  .map(
    (group) => `**${group.name}**

${markdownTable(
  [
    "row",
    "µs/call",
    "ops/s",
    "added µs/call",
    "ratio to floor (quartiles)",
    "vs reference: ratio, added µs",
    "goal met",
  ],
  group.rows.map((row) => [
    row.id,
    formatFixed(row.microsecondsPerCall),
    formatInteger(row.opsPerSecond),
    row.floor ? "—" : formatFixed(row.overheadMicroseconds),
    row.floor
      ? "1 (floor)"
      : `${formatFixed(row.ratioToFloor)} (${formatFixed(row.ratioQuartiles[0])}–${formatFixed(row.ratioQuartiles[1])})`,
    row.toReference === undefined
      ? ""
      : `${formatFixed(row.toReference.ratio)}, ${formatFixed(row.toReference.addedMicroseconds)}`,
    row.paytok ? (row.ratioToFloor >= WARM_CALL_GOAL_RATIO ? "yes" : "no") : "",
  ]),
)}`,
  )
  .join("\n\n")}${chartImages(charts, "warm")}`);

  sections.push(`## 2. Cold cache, ${formatInteger(COLD_CALLERS)} concurrent calls

All calls start at once on a cold cache; a token answer takes ${cold.tokenDelayMs} ms (a timer in the
stub), so every caller asks while the first request is still out. Goal for paytok: 1 token request.

${markdownTable(
  ["row", "token requests", "API requests", "failed calls", "wall time"],
  cold.rows.map((row) =>
    row.floor
      ? [row.id, "— (fixed token)", "", "", ""]
      : [
          row.id,
          formatInteger(row.tokenRequests),
          formatInteger(row.apiRequests),
          formatInteger(row.failed),
          `${formatInteger(row.elapsedMs)} ms`,
        ],
  ),
)}${chartImages(charts, "cold")}`);

  const settings = expiry.settings;
  sections.push(`## 3. Expiry under load (loopback HTTP)

A \`node:http\` server on 127.0.0.1 issues tokens that live ${settings.lifetimeSeconds} s (its token endpoint
answers after ${settings.tokenLatencyMs} ms) and its API answers 401 to an expired token. ${settings.callers} callers
call the API one call after another for ${settings.durationMs / 1000} s, after one warm-up call. "Expired at API" counts
calls that reached the API with an expired token (each is answered 401); "waited" counts calls
that sent a token (first try or retry after a 401) which became available only after the call
started, i.e. calls held up by a token request. "Failed" calls ended with an error or a non-2xx
answer. Goals for paytok: 0 and 0.

${markdownTable(
  [
    "row",
    "calls",
    "token requests",
    "expired at API",
    "waited",
    "longest waited call",
    "failed",
    "median / p99 latency",
  ],
  expiry.rows.map((row) => [
    row.id,
    formatInteger(row.calls),
    formatInteger(row.tokenRequests),
    formatInteger(row.apiCallsWithExpiredToken),
    formatInteger(row.waitedCalls),
    row.waitedCalls === 0 ? "—" : `${formatFixed(row.longestWaitMs, 1)} ms`,
    formatInteger(row.failedCalls),
    `${formatFixed(row.medianLatencyMs)} / ${formatFixed(row.p99LatencyMs)} ms`,
  ]),
)}${chartImages(charts, "expiry")}`);

  const measuredSizes = sizes.filter((size) => size.error === undefined);
  const biggest = [...measuredSizes].sort((left, right) => right.paytok.gzip - left.paytok.gzip)[0];
  sections.push(`## 4. Bundle size

An app that creates the auth and hands \`auth.middleware\` to an openapi-fetch client, bundled with
esbuild (\`--bundle --minify --format=esm --platform=neutral\`) from the built packages, gzip level 9.
"paytok" is the same app without openapi-fetch (the auth and its middleware alone); "total"
includes openapi-fetch. Goals: paytok ≤ ${formatBytes(SIZE_GOALS.paytokGzip)} gzip, total ≤ ${formatBytes(SIZE_GOALS.totalGzip)} gzip.
openapi-fetch alone, in the same kind of app: ${formatBytes(openapiFetchSize.minified)} minified, ${formatBytes(openapiFetchSize.gzip)} gzip.
Budgets in \`bench/size-budgets.json\` are checked by \`pnpm test\` (\`bench/size.mjs\`).

${markdownTable(
  [
    "provider",
    "paytok min",
    "paytok gzip",
    "total min",
    "total gzip",
    "min bytes in total: paytok / openapi-fetch",
    "goals met",
  ],
  sizes.map((size) =>
    size.error !== undefined
      ? [size.provider, `not measured: ${size.error}`, "", "", "", "", ""]
      : [
          size.provider,
          formatBytes(size.paytok.minified),
          formatBytes(size.paytok.gzip),
          formatBytes(size.total.minified),
          formatBytes(size.total.gzip),
          `${formatBytes(size.minifiedByOwner.paytok)} / ${formatBytes(size.minifiedByOwner["openapi-fetch"])}`,
          size.paytok.gzip <= SIZE_GOALS.paytokGzip && size.total.gzip <= SIZE_GOALS.totalGzip
            ? "yes"
            : "no",
        ],
  ),
)}${chartImages(charts, "sizes")}${
  biggest?.biggestSourceFiles === undefined
    ? ""
    : `

Where paytok's bytes are (\`@paytok/${biggest.provider}\`, the largest; minified bytes per source file
from esbuild's metafile, bundling \`packages/*/src\` directly):

${markdownTable(
  ["file", "minified bytes", "share"],
  biggest.biggestSourceFiles
    .slice(0, 12)
    .map((file) => [
      `\`${file.path}\``,
      formatInteger(file.minified),
      `${formatFixed((100 * file.minified) / biggest.paytokFromSource.minified, 0)} %`,
    ]),
)}`
}`);

  sections.push(`## 5. Import time

Each figure is the median of ${imports.runs} fresh Node processes timing \`await import(name)\` from
\`bench/\`, minus the median of the same for an empty module (${formatFixed(imports.baseline.wallMs, 1)} ms wall,
${formatFixed(imports.baseline.cpuMs, 1)} ms CPU). CPU time (all threads of the child) is steadier than wall time on a busy
machine.

${markdownTable(
  ["package", "wall, net", "CPU, net", "wall, raw median"],
  imports.rows.map((row) =>
    row.error !== undefined
      ? [`\`${row.specifier}\``, row.error, "", ""]
      : [
          `\`${row.specifier}\``,
          `${formatFixed(row.net.wallMs, 1)} ms`,
          `${formatFixed(row.net.cpuMs, 1)} ms`,
          `${formatFixed(row.raw.wallMs, 1)} ms`,
        ],
  ),
)}${chartImages(charts, "imports")}`);

  sections.push(`## 6. Redis store

${
  redis.status === "ran" || redis.status === "failed"
    ? `\`packages/redis\`'s own bench script (\`${redis.script}\`) ${redis.status === "ran" ? `ran in ${Math.round(redis.elapsedSeconds)} s` : `failed (exit ${redis.exitCode})`}; what it printed${redis.tableRows.length > 0 ? " (its table is Markdown, kept as is)" : ""}:

${redis.tableRows.length > 0 ? redis.output : `\`\`\`text\n${redis.output}\n\`\`\``}`
    : redis.note
}${chartImages(charts, "redis")}`);

  return `${sections.join("\n\n")}\n`;
}

/** One sentence per group, from its figures: what the reference costs, what paytok adds on top. */
function readingOf(group) {
  const reference = group.rows.find((row) => row.reference);
  const paytok = group.rows.find((row) => row.paytok);
  if (reference === undefined || paytok === undefined) return "";
  return `- ${group.name}: the reference row (${reference.id.replace(/ \(reference\)$/, "")}) costs ${formatFixed(reference.overheadMicroseconds)} µs over the floor (${formatFixed(reference.ratioToFloor)}×); ${paytok.id} adds ${formatFixed(paytok.toReference.addedMicroseconds)} µs on top of it (${formatFixed(paytok.toReference.ratio)}× the reference), ${formatFixed(paytok.overheadMicroseconds)} µs over the floor in all.`;
}
