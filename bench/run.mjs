// `pnpm bench`: every benchmark in one run, one table on stdout, docs/benchmarks.md rewritten.
// PAYTOK_BENCH_QUICK=1 shortens every benchmark (to try a change; never for the published page).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { measureOpenapiFetchBundle, measureProviderBundle } from "./lib/bundle-size.mjs";
import { benchmarkColdConcurrency } from "./lib/cold-concurrency.mjs";
import { benchmarkExpiryUnderLoad, EXPIRY_SETTINGS } from "./lib/expiry-under-load.mjs";
import { benchmarkImportTime } from "./lib/import-time.mjs";
import { describeMachine } from "./lib/machine.mjs";
import { loadFactory, loadTimingProvider, providers } from "./lib/providers.mjs";
import { runRedisFleetBench } from "./lib/redis-fleet.mjs";
import { chartsOf, renderReport } from "./lib/report.mjs";
import { CHART_DIRECTORY } from "./lib/report-charts.mjs";
import { SUMMARY_HEADER, summaryRows } from "./lib/summary.mjs";
import { textTable } from "./lib/tables.mjs";
import { benchmarkWarmCall } from "./lib/warm-call.mjs";

const quick = process.env.PAYTOK_BENCH_QUICK === "1";
const reportFile = new URL("../docs/benchmarks.md", import.meta.url);
const progress = (message) => process.stderr.write(`[bench] ${message}\n`);

const startedAt = new Date();
const clockStart = performance.now();
const machine = describeMachine();
if (globalThis.gc === undefined) progress("run with node --expose-gc for steadier figures");

const timingProvider = await loadTimingProvider();
for (const reason of timingProvider.skipped) progress(`timing provider skipped: ${reason}`);
progress(`timing benchmarks use @paytok/${timingProvider.entry.id}`);

progress("1/6 warm call…");
const warm = await benchmarkWarmCall(timingProvider, quick ? { rounds: 30, warmupRounds: 3 } : {});
progress("2/6 cold concurrency…");
const cold = await benchmarkColdConcurrency(timingProvider);
progress("3/6 expiry under load…");
const expiry = await benchmarkExpiryUnderLoad(
  timingProvider,
  quick ? { ...EXPIRY_SETTINGS, durationMs: 3000 } : EXPIRY_SETTINGS,
);

progress("4/6 bundle size…");
const sizes = [];
for (const entry of providers) {
  try {
    sizes.push(await measureProviderBundle(entry, { breakdown: true }));
  } catch (error) {
    sizes.push({ provider: entry.id, error: String(error.message).split("\n")[0] });
  }
}
const openapiFetchSize = await measureOpenapiFetchBundle();

progress("5/6 import time…");
const importable = [];
const unimportable = [];
for (const entry of providers) {
  const loaded = await loadFactory(entry);
  if (loaded.factory) importable.push(entry.packageName);
  else unimportable.push({ specifier: entry.packageName, error: "not built" });
}
const imports = await benchmarkImportTime(
  [...importable, "@paytok/core", "openapi-fetch", "@badgateway/oauth2-client"],
  quick ? { runs: 3 } : {},
);
imports.rows.push(...unimportable);

progress("6/6 Redis store…");
const redis = await runRedisFleetBench();

const results = {
  machine,
  startedAt,
  elapsedSeconds: (performance.now() - clockStart) / 1000,
  warm,
  cold,
  expiry,
  sizes,
  openapiFetchSize,
  imports,
  redis,
};

console.log(
  `\npaytok benchmarks — ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node.slice(1)}\n`,
);
console.log(textTable(SUMMARY_HEADER, summaryRows(results)));
const charts = chartsOf(results);
if (quick) {
  progress("quick run: docs/benchmarks.md left as it was");
} else {
  writeCharts(charts);
  writeFileSync(reportFile, renderReport(results, charts));
  formatLikeTheRepository(reportFile);
  console.log(
    `\nWritten: docs/benchmarks.md and ${charts.length} charts in docs/${CHART_DIRECTORY}/`,
  );
}

/** docs/benchmarks/*.svg: this run's charts, and no chart of a benchmark that is gone. */
function writeCharts(list) {
  const directory = new URL(`../docs/${CHART_DIRECTORY}/`, import.meta.url);
  mkdirSync(directory, { recursive: true });
  const names = new Set(list.map((chart) => `${chart.name}.svg`));
  for (const file of readdirSync(directory)) {
    if (file.endsWith(".svg") && !names.has(file)) rmSync(new URL(file, directory));
  }
  for (const chart of list) writeFileSync(new URL(`${chart.name}.svg`, directory), chart.svg);
}

/** Biome formats Markdown too (`pnpm test` checks it): let it align the tables it will check. */
function formatLikeTheRepository(file) {
  const root = new URL("..", import.meta.url);
  try {
    execFileSync(
      fileURLToPath(new URL("node_modules/.bin/biome", root)),
      ["format", "--write", fileURLToPath(file)],
      { cwd: root, stdio: "ignore" },
    );
  } catch (error) {
    progress(`biome could not format docs/benchmarks.md (${error.message}); run pnpm format`);
  }
}
