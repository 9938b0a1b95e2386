// Benchmark 6: the Redis token store. Its fleet measurement belongs to packages/redis (it needs a
// Redis server and several processes); this runs that package's own `bench` script, when there
// is one, and keeps what it printed for the report.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const redisPackage = fileURLToPath(new URL("../../packages/redis", import.meta.url));
const TIMEOUT_MS = 5 * 60_000;

export async function runRedisFleetBench() {
  const manifestPath = join(redisPackage, "package.json");
  if (!existsSync(manifestPath)) {
    return { status: "absent", note: "packages/redis does not exist yet: no Redis row." };
  }
  const script = JSON.parse(readFileSync(manifestPath, "utf8")).scripts?.bench;
  if (script === undefined) {
    return { status: "absent", note: "packages/redis has no bench script yet: no Redis row." };
  }
  if (process.env.PAYTOK_BENCH_SKIP_REDIS === "1") {
    return { status: "skipped", script, note: "skipped (PAYTOK_BENCH_SKIP_REDIS=1)." };
  }
  const startedAt = performance.now();
  const outcome = await new Promise((resolve) => {
    execFile(
      "pnpm",
      ["run", "--silent", "bench"],
      { cwd: redisPackage, timeout: TIMEOUT_MS, maxBuffer: 16 * 2 ** 20 },
      (error, stdout, stderr) => resolve({ error, stdout, stderr }),
    );
  });
  const output = `${outcome.stdout}${outcome.stderr}`.trim().split("\n").slice(-60).join("\n");
  return {
    status: outcome.error ? "failed" : "ran",
    script,
    exitCode: outcome.error ? (outcome.error.code ?? "killed") : 0,
    elapsedSeconds: (performance.now() - startedAt) / 1000,
    output,
    tableRows: outcome.error ? [] : markdownTableRows(output),
    backoffRows: outcome.error ? [] : markdownTableRows(output, 1),
  };
}

/**
 * The rows of the `index`-th Markdown table in `text` (the first by default), as objects keyed by
 * the header's cells; empty when there is none. The Redis bench prints two (the shared token, and
 * the fleet-wide backoff); their columns are its own business, so the summary only picks out what
 * it recognises.
 */
export function markdownTableRows(text, index = 0) {
  const tables = [];
  let current = [];
  for (const line of text.split("\n")) {
    if (line.trim().startsWith("|")) current.push(line);
    else if (current.length > 0) {
      tables.push(current);
      current = [];
    }
  }
  if (current.length > 0) tables.push(current);
  const lines = tables[index] ?? [];
  if (lines.length < 3) return [];
  const cells = (line) =>
    line
      .trim()
      .replace(/^\||\|$/g, "")
      .split("|")
      .map((cell) => cell.trim());
  const header = cells(lines[0]);
  return lines
    .slice(2)
    .map((line) => Object.fromEntries(cells(line).map((cell, index) => [header[index], cell])));
}
