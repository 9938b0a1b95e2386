// Size budgets of the provider bundles (see lib/bundle-size.mjs): exits 1 when any bundle is over
// its budget in size-budgets.json. Bytes are deterministic for a given esbuild and Node (zlib), so
// this runs in the test command. `node size.mjs --update` rewrites the budgets at today's size
// plus the margin; do that only for growth that is worth its bytes, and say why in the commit.
import { readFileSync, writeFileSync } from "node:fs";
import { measureProviderBundle, SIZE_GOALS } from "./lib/bundle-size.mjs";
import { installedVersion } from "./lib/machine.mjs";
import { providers } from "./lib/providers.mjs";
import { textTable } from "./lib/tables.mjs";

const budgetsFile = new URL("size-budgets.json", import.meta.url);
const budgets = JSON.parse(readFileSync(budgetsFile, "utf8"));
const update = process.argv.includes("--update");
const measures = [
  ["paytok", "gzip"],
  ["paytok", "minified"],
  ["total", "gzip"],
  ["total", "minified"],
];

const esbuildVersion = installedVersion("esbuild");
if (!update && budgets.esbuild !== esbuildVersion) {
  console.error(
    `size budgets were measured with esbuild ${budgets.esbuild}, this is ${esbuildVersion}: bytes may differ; re-measure with node size.mjs --update`,
  );
}

const problems = [];
const table = [];
const measured = {};
for (const entry of providers) {
  let result;
  try {
    result = await measureProviderBundle(entry);
  } catch (error) {
    problems.push(`${entry.id}: could not be bundled (${String(error.message).split("\n")[0]})`);
    continue;
  }
  measured[entry.id] = result;
  const budget = budgets.providers[entry.id];
  for (const [part, unit] of measures) {
    const bytes = result[part][unit];
    const limit = budget?.[part]?.[unit];
    const goal = unit === "gzip" ? SIZE_GOALS[`${part}Gzip`] : undefined;
    table.push({
      provider: entry.id,
      measure: `${part} ${unit}`,
      bytes,
      budget: limit ?? "none",
      goal: goal ?? "",
      status: limit === undefined ? "NO BUDGET" : bytes > limit ? "OVER BUDGET" : "ok",
    });
    if (update) continue;
    if (limit === undefined) {
      problems.push(`${entry.id}: no ${part} ${unit} budget (measured ${bytes} B)`);
    } else if (bytes > limit) {
      problems.push(`${entry.id}: ${part} ${unit} is ${bytes} B, over its budget of ${limit} B`);
    }
  }
}

console.log(
  textTable(
    ["provider", "measure", "bytes", "budget", "goal", "status"],
    table.map((row) => [row.provider, row.measure, row.bytes, row.budget, row.goal, row.status]),
  ),
);

if (update) {
  if (problems.length > 0) {
    console.error(problems.join("\n"));
    process.exit(1);
  }
  const margin = budgets.margin;
  const providerBudgets = {};
  for (const [id, result] of Object.entries(measured)) {
    providerBudgets[id] = Object.fromEntries(
      ["paytok", "total"].map((part) => [
        part,
        {
          gzip: Math.ceil(result[part].gzip * (1 + margin)),
          minified: Math.ceil(result[part].minified * (1 + margin)),
        },
      ]),
    );
  }
  const next = { ...budgets, esbuild: esbuildVersion, providers: providerBudgets };
  writeFileSync(budgetsFile, `${JSON.stringify(next, null, 2)}\n`);
  console.log(`size-budgets.json rewritten: today's bytes plus ${margin * 100}%`);
} else if (problems.length > 0) {
  console.error(`\nsize check failed:\n  ${problems.join("\n  ")}`);
  console.error(
    "Trim the code, or raise a budget with node size.mjs --update if the bytes are worth it.",
  );
  process.exit(1);
} else {
  console.log("size check passed: every bundle is within its budget");
}
