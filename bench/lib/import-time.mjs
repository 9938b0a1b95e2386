// Benchmark 5: how long `import("@paytok/<provider>")` takes in a fresh Node process. Each child
// times its own dynamic import, in wall time and in CPU time (steadier on a busy machine); an
// import of an empty module in the same kind of child is the baseline that is subtracted.
// Children of every package run interleaved, several times each.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { median } from "./interleaved-rounds.mjs";

const run = promisify(execFile);
const benchDirectory = fileURLToPath(new URL("..", import.meta.url));

export const EMPTY_MODULE = "data:text/javascript,export{}";

/** The child's whole program: time one dynamic import, print wall and CPU milliseconds. */
const childProgram = (specifier) =>
  [
    "const startedAt = performance.now();",
    "const cpuAtStart = process.cpuUsage();",
    `await import(${JSON.stringify(specifier)});`,
    "const cpu = process.cpuUsage(cpuAtStart);",
    "const wallMs = performance.now() - startedAt;",
    "process.stdout.write(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000 }));",
  ].join("\n");

async function timeImport(specifier) {
  const { stdout } = await run(
    process.execPath,
    ["--input-type=module", "--eval", childProgram(specifier)],
    { cwd: benchDirectory },
  );
  const timing = JSON.parse(stdout);
  if (!Number.isFinite(timing.wallMs)) throw new Error(`${specifier}: no timing (${stdout})`);
  return timing;
}

/**
 * @param {string[]} specifiers packages to import (bare names resolved from bench/)
 * @param {{ runs?: number }} options
 * @returns medians per package, raw and net of the empty module's, in wall and CPU milliseconds
 */
export async function benchmarkImportTime(specifiers, { runs = 9 } = {}) {
  const all = [EMPTY_MODULE, ...specifiers];
  const samples = new Map(all.map((specifier) => [specifier, []]));
  // One untimed round first: it fills the file system cache for everyone.
  for (const specifier of all) await timeImport(specifier);
  for (let round = 0; round < runs; round++) {
    const offset = round % all.length;
    for (const specifier of [...all.slice(offset), ...all.slice(0, offset)]) {
      samples.get(specifier).push(await timeImport(specifier));
    }
  }
  const medians = (specifier) => ({
    wallMs: median(samples.get(specifier).map((timing) => timing.wallMs)),
    cpuMs: median(samples.get(specifier).map((timing) => timing.cpuMs)),
  });
  const baseline = medians(EMPTY_MODULE);
  return {
    runs,
    baseline,
    rows: specifiers.map((specifier) => {
      const raw = medians(specifier);
      return {
        specifier,
        raw,
        net: { wallMs: raw.wallMs - baseline.wallMs, cpuMs: raw.cpuMs - baseline.cpuMs },
      };
    }),
  };
}
