// `pnpm test:runtimes`: the runtime matrix. Runs on the machine's Node 20, starts the sandbox
// (`@paytok/cli/sandbox`) in-process on 127.0.0.1, then the smoke (client.mjs) in every runtime of
// runtimes.json, one row after the other, and prints one table. Exits 1 on any failure.
//
//   node runtime-matrix/index.mjs                  every row
//   node runtime-matrix/index.mjs --row deno       one row (repeat --row for more)
//   node runtime-matrix/index.mjs --list           the rows and their runtimes' versions
//   node runtime-matrix/index.mjs --verbose        also print the output of each row's processes
//   node runtime-matrix/index.mjs --probe-engines  every peer end on every Node row, even where
//                                                  the peer's engines exclude that Node (msw 3 on 20)
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startSandbox } from "@paytok/cli/sandbox";
import semver from "semver";
import { startRedisServer } from "../../packages/redis/test/fixtures/redis-server.mjs";
import { PEERS, peerEnds, peerFolder } from "../lib/peer-ranges.mjs";
import { bundleWorker } from "./bundle.mjs";
import { startControlServer } from "./control-server.mjs";
import { denoTypeChecks } from "./deno-types.mjs";
import { ensureRuntimes, pins, runtimesDir } from "./install.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = resolve(here, "../..");
const clientEntry = join(here, "run-client.mjs");

/** Hang guard of one row's process: far above a normal run (seconds), never a timing check. */
const ROW_TIMEOUT_MS = 10 * 60_000;
const BASE_CHECKS = ["token", "api call", "401 retry", "typed error"];

const denoBinary = (folders) => join(folders[`deno-${pins.deno}`], "node_modules", ".bin", "deno");
const denoEnv = {
  DENO_DIR: join(runtimesDir, "deno-dir"),
  DENO_NO_UPDATE_CHECK: "1",
  NO_COLOR: "1",
};
const nodeBinary = (folders, version) =>
  join(folders[`node-${version}`], "node_modules", "node", "bin", "node");
const packageManifest = (folder, name) =>
  JSON.parse(readFileSync(join(folder, "node_modules", name, "package.json"), "utf8"));
const packageVersion = (folder, name) => packageManifest(folder, name).version;

/**
 * The peer checks of the Node rows: every combination of the ends of the msw and openapi-fetch
 * ranges (lo = the range's floor, hi = its newest release), each in a process of its own, since
 * a process resolves one version of each. Combinations with the same versions run once.
 */
function peerCombinations(ends) {
  const combinations = new Map();
  for (const mswEnd of ["lowest", "highest"]) {
    for (const fetchEnd of ["lowest", "highest"]) {
      const versions = { msw: ends.msw[mswEnd], "openapi-fetch": ends["openapi-fetch"][fetchEnd] };
      const key = JSON.stringify(versions);
      const short = (end) => (end === "lowest" ? "lo" : "hi");
      if (!combinations.has(key)) {
        combinations.set(key, { check: `peers ${short(mswEnd)}/${short(fetchEnd)}`, versions });
      }
    }
  }
  return [...combinations.values()];
}

/**
 * The rows. `runtime`/`version` is what the client must report about itself (a row that runs on
 * anything else fails); `start` gives the command of the row's process.
 */
function rowsOf({ ends, probeEngines = false }) {
  const combinations = peerCombinations(ends);
  const peerInstalls = PEERS.flatMap((name) => [
    peerFolder(name, ends[name].lowest),
    peerFolder(name, ends[name].highest),
  ]);
  const node = (id, version, install) => {
    const binary = (folders) =>
      install === undefined ? process.execPath : nodeBinary(folders, version);
    return {
      id,
      runtime: "node",
      version,
      label: `node ${version}${install === undefined ? " (host)" : ""}`,
      installs: [...(install === undefined ? [] : [install]), ...peerInstalls],
      redis: true,
      peerChecks: [],
      // A combination runs where the engines of both its peers allow this Node: msw 3 declares
      // node >=22.12, and on Node 20 its socket interceptor throws "Promise.withResolvers is not
      // a function", so every fetch fails. --probe-engines runs it anyway, to see what changed.
      prepare(row, folders) {
        const excluded = new Set();
        for (const combination of combinations) {
          const outside = Object.entries(combination.versions).filter(([name, peerVersion]) => {
            const engines = packageManifest(folders[peerFolder(name, peerVersion)], name).engines;
            const allowed = engines?.node === undefined || semver.satisfies(version, engines.node);
            if (!allowed) excluded.add(`${name} ${peerVersion} (engines: node ${engines.node})`);
            return !allowed;
          });
          if (outside.length === 0 || probeEngines) row.peerChecks.push(combination);
        }
        if (excluded.size > 0) {
          row.note = `${row.label}: ${[...excluded].join(", ")} ${probeEngines ? "probed anyway (--probe-engines)" : "not run: outside its engines"}`;
        }
      },
      start: (folders) => ({ command: binary(folders), args: [clientEntry] }),
      peerCheck: (folders, { check, versions }) => ({
        command: binary(folders),
        args: ["--import", join(here, "peers-hooks.mjs"), join(here, "peers-check.mjs")],
        env: {
          RUNTIME_MATRIX_PEERS: JSON.stringify(
            Object.fromEntries(
              Object.entries(versions).map(([name, peerVersion]) => [
                name,
                folders[peerFolder(name, peerVersion)],
              ]),
            ),
          ),
          RUNTIME_MATRIX_PEER_CHECK: JSON.stringify({ check, versions }),
        },
      }),
    };
  };
  const node22 = `node-${pins.node22}`;
  const miniflare = `miniflare-${pins.miniflare}`;
  return [
    node("node20", process.versions.node, undefined),
    node("node22", pins.node22, node22),
    node("node24", pins.node24, `node-${pins.node24}`),
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
      // Also `deno check` of a user's file per provider (deno-types.mjs): the types survive.
      typeCheck: (folders, providers) =>
        denoTypeChecks({ deno: denoBinary(folders), env: denoEnv, repositoryRoot, providers }),
      start: (folders) => ({
        command: denoBinary(folders),
        // The least the packages need: the network to loopback and reading the repository.
        args: [
          "run",
          "--no-prompt",
          "--allow-net=127.0.0.1",
          `--allow-read=${repositoryRoot}`,
          clientEntry,
        ],
        env: denoEnv,
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
  ...(row.typeCheck ? ["types"] : []),
  ...(row.peerChecks ?? []).map((combination) => combination.check),
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
    problems.push(`${row.label}: msw let ${record.notIntercepted} request(s) through`);
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
      "probe-engines": { type: "boolean" },
    },
  });
  const { ends, problems: peerProblems } = peerEnds(repositoryRoot, pins.peers);
  if (peerProblems.length > 0) {
    for (const problem of peerProblems) console.log(`FAIL ${problem}`);
    console.log("runtime-matrix: 0 passed, 1 failed");
    return 1;
  }
  const allRows = rowsOf({ ends, probeEngines: values["probe-engines"] === true });
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
          ...(row.peerChecks === undefined ? {} : { mswBaseUrl: control.trapUrlOf(row.id) }),
        },
        hello: undefined,
        results: new Map(),
      };
      records.set(row.id, record);
      const runs = new Map();
      runs.set("the client", await runProcess(row.start(folders, row), control.urlOf(row.id)));
      for (const combination of row.peerChecks ?? []) {
        runs.set(
          `the ${combination.check} check`,
          await runProcess(row.peerCheck(folders, combination), control.urlOf(row.id)),
        );
      }
      if (row.typeCheck) {
        for (const [provider, result] of await row.typeCheck(folders, providerNames)) {
          record.results.set(`${provider} types`, result);
        }
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
  if (rows.some((row) => (row.peerChecks ?? []).length > 0)) {
    const end = (which) => PEERS.map((name) => `${name} ${ends[name][which]}`).join(", ");
    console.log(
      `(peers msw/openapi-fetch, of the ranges ${PEERS.map((name) => `${name} "${ends[name].range}"`).join(" and ")}: lo = the floor: ${end("lowest")}; hi = the newest release: ${end("highest")})`,
    );
  }
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
