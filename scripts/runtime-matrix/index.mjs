// `pnpm test:runtimes`: the runtime matrix. Runs on the machine's Node 20, starts the sandbox
// (`@paytok/cli/sandbox`) in-process on 127.0.0.1, then the smoke (client.mjs) in every runtime of
// runtimes.json, one row after the other, and prints one table. Exits 1 on any failure.
//
//   node runtime-matrix/index.mjs                  every row
//   node runtime-matrix/index.mjs --row deno       one row (repeat --row for more)
//   node runtime-matrix/index.mjs --list           the rows and their runtimes' versions
//   node runtime-matrix/index.mjs --verbose        also print the output of each row's processes
//   node runtime-matrix/index.mjs --probe-msw3     the msw-3 check on Node 20 as well
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startSandbox } from "@paytok/cli/sandbox";
import { startRedisServer } from "../../packages/redis/test/fixtures/redis-server.mjs";
import { bundleWorker } from "./bundle.mjs";
import { startControlServer } from "./control-server.mjs";
import { ensureRuntimes, pins, runtimesDir } from "./install.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = resolve(here, "../..");
const clientEntry = join(here, "run-client.mjs");

/** Hang guard of one row's process: far above a normal run (seconds), never a timing check. */
const ROW_TIMEOUT_MS = 10 * 60_000;
const BASE_CHECKS = ["token", "api call", "401 retry", "typed error"];

const nodeBinary = (folders, version) =>
  join(folders[`node-${version}`], "node_modules", "node", "bin", "node");
const packageVersion = (folder, name) =>
  JSON.parse(readFileSync(join(folder, "node_modules", name, "package.json"), "utf8")).version;

/**
 * The rows. `runtime`/`version` is what the client must report about itself (a row that runs on
 * anything else fails); `start` gives the command of the row's process.
 */
function rowsOf({ probeMsw3 = false } = {}) {
  const msw = `msw-${pins.msw3}`;
  const node = (id, version, install, { msw3 }) => {
    const binary = (folders) =>
      install === undefined ? process.execPath : nodeBinary(folders, version);
    return {
      id,
      runtime: "node",
      version,
      label: `node ${version}${install === undefined ? " (host)" : ""}`,
      installs: [...(install === undefined ? [] : [install]), ...(msw3 ? [msw] : [])],
      redis: true,
      msw3,
      start: (folders) => ({ command: binary(folders), args: [clientEntry] }),
      // msw 3 with the packages' `/testing` handlers: a second process, with msw resolved to 3.
      mswCheck: (folders) => ({
        command: binary(folders),
        args: ["--import", join(here, "msw3-hooks.mjs"), join(here, "msw3-check.mjs")],
        env: { RUNTIME_MATRIX_MSW_DIR: folders[msw] },
      }),
    };
  };
  const node22 = `node-${pins.node22}`;
  const miniflare = `miniflare-${pins.miniflare}`;
  return [
    // msw 3 needs Node >= 22.12 (its engines): on Node 20 its socket interceptor throws
    // "Promise.withResolvers is not a function" and every fetch fails. No msw-3 check there, except
    // with --probe-msw3, which runs it on every Node row to see whether that changed.
    node("node20", process.versions.node, undefined, { msw3: probeMsw3 }),
    node("node22", pins.node22, node22, { msw3: true }),
    node("node24", pins.node24, `node-${pins.node24}`, { msw3: true }),
    {
      id: "bun",
      runtime: "bun",
      version: pins.bun,
      label: `bun ${pins.bun}`,
      installs: [`bun-${pins.bun}`],
      start: (folders) => ({
        command: join(folders[`bun-${pins.bun}`], "node_modules", ".bin", "bun"),
        // --no-install: resolve from node_modules only, never fetch a missing package.
        args: ["--no-install", clientEntry],
      }),
    },
    {
      id: "deno",
      runtime: "deno",
      version: pins.deno,
      label: `deno ${pins.deno}`,
      installs: [`deno-${pins.deno}`],
      start: (folders) => ({
        command: join(folders[`deno-${pins.deno}`], "node_modules", ".bin", "deno"),
        // The least the packages need: the network to loopback and reading the repository.
        args: [
          "run",
          "--no-prompt",
          "--allow-net=127.0.0.1",
          `--allow-read=${repositoryRoot}`,
          clientEntry,
        ],
        env: { DENO_DIR: join(runtimesDir, "deno-dir"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
      }),
    },
    {
      id: "workerd",
      runtime: "workerd",
      // Known once miniflare is installed: the workerd release this miniflare pins.
      version: undefined,
      label: undefined,
      installs: [miniflare, node22],
      async prepare(row, folders) {
        const workerd = packageVersion(folders[miniflare], "workerd");
        row.version = workerd;
        row.label = `workerd ${workerd}`;
        row.note = `workerd ${workerd} runs in miniflare ${pins.miniflare} on node ${pins.node22}`;
        row.bundle = await bundleWorker(join(runtimesDir, "build", "worker.mjs"));
        // workerd 1.YYYYMMDD.N supports compatibility dates up to YYYY-MM-DD.
        const date = /^1\.(\d{4})(\d{2})(\d{2})\./.exec(workerd);
        row.compatibilityDate = date === null ? "2025-01-01" : date.slice(1).join("-");
      },
      start: (folders, row) => ({
        command: nodeBinary(folders, pins.node22),
        args: [join(here, "miniflare-host.mjs"), folders[miniflare], row.bundle],
        env: { RUNTIME_MATRIX_COMPATIBILITY_DATE: row.compatibilityDate },
      }),
    },
  ];
}

/** Runs one row's process to its end (or kills its process group at the hang guard). */
function runProcess({ command, args, env = {} }, controlUrl) {
  const environment = { ...process.env, ...env };
  // A parent's NODE_OPTIONS may not suit another Node version, and must never reach workerd.
  delete environment.NODE_OPTIONS;
  return new Promise((resolvePromise) => {
    let output = "";
    const keep = (chunk) => {
      output = (output + chunk).slice(-20_000);
    };
    const child = spawn(command, [...args, controlUrl], {
      cwd: here,
      env: environment,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, ROW_TIMEOUT_MS);
    child.once("error", (error) => {
      clearTimeout(timer);
      resolvePromise({ code: null, output: `${output}\n${error.message}`, timedOut });
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? signal, output, timedOut });
    });
  });
}

/** The checks a row runs for every provider, in the table's order. */
const checksOf = (row) => [
  ...BASE_CHECKS,
  ...(row.redis ? ["redis"] : []),
  ...(row.msw3 ? ["msw 3"] : []),
];

/** Compares what a row reported with what it had to report; returns its problems. */
function problemsOf(row, record, providerNames, runs) {
  const problems = [];
  if (record.hello === undefined) {
    problems.push(`${row.label}: the client never reported in`);
  } else if (
    record.hello.name !== row.runtime ||
    (record.hello.version ?? row.version) !== row.version
  ) {
    problems.push(
      `${row.label}: the client ran on ${record.hello.name} ${record.hello.version}, expected ${row.runtime} ${row.version}`,
    );
  }
  for (const provider of providerNames) {
    for (const check of checksOf(row)) {
      const result = record.results.get(`${provider} ${check}`);
      if (result === undefined) problems.push(`${row.label} / ${provider} / ${check}: not run`);
      else if (!result.ok) problems.push(`${row.label} / ${provider} / ${check}: ${result.detail}`);
    }
  }
  if (record.notIntercepted > 0) {
    problems.push(`${row.label}: msw 3 let ${record.notIntercepted} request(s) through`);
  }
  for (const [what, result] of runs) {
    if (result.timedOut)
      problems.push(`${row.label}: ${what} killed after ${ROW_TIMEOUT_MS / 1000} s`);
    else if (result.code !== 0) problems.push(`${row.label}: ${what} exited with ${result.code}`);
  }
  if (problems.length > 0) {
    for (const [what, result] of runs) {
      if (result.output.trim() === "") continue;
      problems.push(`${row.label}: output of ${what}:\n${indent(result.output.trim())}`);
    }
  }
  return problems;
}

const indent = (text) =>
  text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");

/** One line per runtime and provider, one column per check. */
function table(rows, records, providerNames) {
  const checks = [...new Set(rows.flatMap(checksOf))];
  const header = ["runtime", "provider", ...checks];
  const lines = [];
  for (const row of rows) {
    const record = records.get(row.id);
    for (const provider of providerNames) {
      const cells = checks.map((check) => {
        if (!checksOf(row).includes(check)) return "-";
        const result = record.results.get(`${provider} ${check}`);
        return result === undefined ? "not run" : result.ok ? "ok" : "FAIL";
      });
      lines.push([row.label, provider, ...cells]);
    }
  }
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column].length)),
  );
  const format = (line) =>
    line
      .map((cell, column) => cell.padEnd(widths[column]))
      .join("  ")
      .trimEnd();
  return [format(header), format(widths.map((width) => "-".repeat(width))), ...lines.map(format)];
}

async function main() {
  const { values } = parseArgs({
    options: {
      row: { type: "string", multiple: true },
      list: { type: "boolean" },
      verbose: { type: "boolean" },
      "probe-msw3": { type: "boolean" },
    },
  });
  const allRows = rowsOf({ probeMsw3: values["probe-msw3"] === true });
  if (values.list) {
    for (const row of allRows) {
      const label = row.label ?? `${row.runtime} (the one miniflare ${pins.miniflare} pins)`;
      console.log(`${row.id.padEnd(8)} ${label}`);
    }
    return 0;
  }
  const unknown = (values.row ?? []).filter((id) => !allRows.some((row) => row.id === id));
  if (unknown.length > 0) {
    console.error(
      `unknown row ${unknown.join(", ")}; rows: ${allRows.map((row) => row.id).join(", ")}`,
    );
    return 2;
  }
  const rows =
    values.row === undefined ? allRows : allRows.filter((row) => values.row.includes(row.id));

  const started = performance.now();
  const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
  const log = (message) => console.log(`runtime-matrix: ${message}`);
  const needed = new Set(rows.flatMap((row) => row.installs));
  const folders = await ensureRuntimes(log, (name) => needed.has(name));
  log(`runtimes ready in ${seconds(started)} (${runtimesDir})`);

  const sandbox = await startSandbox({ port: 0 });
  const providerNames = Object.keys(sandbox.providers);
  const redis = rows.some((row) => row.redis) ? await startRedisServer() : undefined;
  const records = new Map();
  const control = await startControlServer({ sandbox, rows: records });
  const problems = [];
  try {
    for (const row of rows) {
      const rowStart = performance.now();
      await row.prepare?.(row, folders);
      const record = {
        config: {
          ...(row.redis ? { redisUrl: redis.url } : {}),
          ...(row.msw3 ? { msw3Version: pins.msw3, mswBaseUrl: control.trapUrlOf(row.id) } : {}),
        },
        hello: undefined,
        results: new Map(),
      };
      records.set(row.id, record);
      const runs = new Map();
      runs.set("the client", await runProcess(row.start(folders, row), control.urlOf(row.id)));
      if (row.msw3) {
        runs.set("the msw-3 check", await runProcess(row.mswCheck(folders), control.urlOf(row.id)));
      }
      const found = problemsOf(row, record, providerNames, runs);
      problems.push(...found);
      log(`${row.label}: ${found.length === 0 ? "ok" : "FAILED"} in ${seconds(rowStart)}`);
      for (const [what, run] of values.verbose ? runs : []) {
        if (run.output.trim() !== "") console.log(`  ${what}:\n${indent(run.output.trim())}`);
      }
    }
  } finally {
    await control.close();
    await sandbox.close();
    await redis?.stop("SIGTERM");
  }

  console.log("");
  for (const line of table(rows, records, providerNames)) console.log(line);
  for (const row of rows) if (row.note !== undefined) console.log(`(${row.note})`);
  console.log("");
  for (const problem of problems) console.log(`FAIL ${problem}`);
  let passed = 0;
  let failed = 0;
  for (const row of rows) {
    for (const provider of providerNames) {
      for (const check of checksOf(row)) {
        if (records.get(row.id)?.results.get(`${provider} ${check}`)?.ok) passed++;
        else failed++;
      }
    }
  }
  // A row can fail as a whole (wrong runtime, crash) with every check green: count it too.
  if (failed === 0 && problems.length > 0) failed = problems.length;
  log(`${rows.length} runtimes × ${providerNames.length} providers, ${seconds(started)}`);
  console.log(`runtime-matrix: ${passed} passed, ${failed} failed`);
  return failed === 0 && problems.length === 0 ? 0 : 1;
}

process.exitCode = await main();
