// Fresh projects outside the repository that install the published @paytok/paylater the way a
// user does, compile the consumer files in ./consumer and (where they can run here) run them.
// Two projects, one per end of the peer ranges (scripts/lib/peer-ranges.mjs):
//
//   lowest   npm install @paytok/paylater openapi-fetch@<floor>, then msw@<floor>: compiled with
//            TypeScript 5 and with npm's `latest` TypeScript, each output run with `import` and
//            `require` against the package's msw sandbox;
//   latest   npm install @paytok/paylater (openapi-fetch comes as its peer), then msw@latest (3):
//            no ERESOLVE, `npm ls` clean, compiled with both TypeScripts. msw 3 needs Node >= 22.12,
//            so this project is not run here (Node 20); the runtime matrix runs msw 3 on 22/24.
//
// Each TypeScript also compiles the consumer with skipLibCheck off, so that an error inside the
// published .d.ts files (a type they import that the peer's version lacks) is not hidden.
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import semver from "semver";
import { run } from "./child-processes.mjs";

const consumerSources = fileURLToPath(new URL("./consumer/", import.meta.url));

/** What `npm install @paytok/paylater` may bring into node_modules/@paytok, and nothing more. */
const EXPECTED_PAYTOK_PACKAGES = ["core", "paylater"];

/** npm's name for the second TypeScript of a project: `npm:typescript@latest` under an alias. */
const TYPESCRIPT_LATEST = "typescript-latest";

/**
 * The tsconfig files of ./consumer each project compiles: [file, emits?]. msw 3 is ESM only, so
 * the CommonJS consumer of the latest project needs `module: node20` (require of an ES module,
 * Node >= 22.12); `node16` refuses it (TS1471). The lowest project keeps node16, and runs it.
 * @type {Record<"lowest" | "latest", ReadonlyArray<readonly [string, boolean]>>}
 */
const TSCONFIGS = {
  lowest: [
    ["tsconfig.node16.json", true],
    ["tsconfig.bundler.json", false],
    ["tsconfig.lib-check.json", false],
  ],
  latest: [
    ["tsconfig.node20.json", false],
    ["tsconfig.bundler.json", false],
    ["tsconfig.lib-check.json", false],
  ],
};

/**
 * @typedef {object} ConsumerResult
 * @property {string} name `lowest` or `latest`
 * @property {Record<string, string>} installed versions of the packages that matter
 * @property {string[]} compilers `typescript 5.9.3`, `typescript 7.0.2`
 * @property {{ importedFrom: string, requiredFrom: string } | undefined} ran where it ran
 */

/**
 * @param {string} directory
 * @param {string} name
 */
async function installedVersion(directory, name) {
  const manifest = JSON.parse(
    await readFile(path.join(directory, "node_modules", name, "package.json"), "utf8"),
  );
  return /** @type {string} */ (manifest.version);
}

/**
 * @param {string} output
 * @returns {{ loadedFrom: string }}
 */
function lastJsonLine(output) {
  const line = output.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(line);
}

/**
 * @typedef {object} ProjectOptions
 * @property {string} directory
 * @property {string} registryUrl
 * @property {NodeJS.ProcessEnv} environment
 * @property {{ typescript: string, typesNode: string }} versions the catalog's
 * @property {Record<string, { range: string, lowest: string | undefined }>} peers the peer ranges
 * @property {<T>(label: string, work: () => Promise<T>) => Promise<T>} step
 */

/**
 * Runs npm; an ERESOLVE (a peer range that refuses what a user installs) gets a plain message.
 * @param {string[]} args
 * @param {ProjectOptions} options
 */
async function npm(args, { directory, registryUrl, environment }) {
  // Public dependencies (openapi-fetch, msw, typescript) come from the normal registry; only the
  // scope is local.
  const flags = [
    `--@paytok:registry=${registryUrl}`,
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
  ];
  try {
    return await run("npm", [...args, ...flags], { cwd: directory, env: environment });
  } catch (error) {
    const output = String(/** @type {{ output?: string }} */ (error).output ?? error);
    if (output.includes("ERESOLVE")) {
      throw new Error(
        `release-check: \`npm ${args.join(" ")}\` fails with ERESOLVE: a peer range of the published packages refuses this install\n${output.trim()}`,
      );
    }
    throw error;
  }
}

/**
 * Sets up one project: package.json, the published package and the given peers, TypeScript 5 (the
 * catalog's) as `typescript` and npm's latest as `typescript-latest`, and the consumer files.
 * @param {ProjectOptions} options
 * @param {{ label: string, dependencies: string[], devDependencies: string[] }} install
 */
async function prepareProject(options, install) {
  const { directory, versions, step } = options;
  await mkdir(directory, { recursive: true });
  await writeFile(
    path.join(directory, "package.json"),
    `${JSON.stringify({ name: `paytok-release-consumer-${install.label}`, private: true, type: "module" }, null, 2)}\n`,
  );
  await step(`${install.label}: npm install ${install.dependencies.join(" ")}`, () =>
    npm(["install", ...install.dependencies], options),
  );
  const paytokPackages = (await readdir(path.join(directory, "node_modules", "@paytok"))).sort();
  if (JSON.stringify(paytokPackages) !== JSON.stringify(EXPECTED_PAYTOK_PACKAGES)) {
    throw new Error(
      `release-check: npm install @paytok/paylater installed @paytok/{${paytokPackages.join(",")}}; expected only ${EXPECTED_PAYTOK_PACKAGES.join(" and ")}`,
    );
  }
  const devDependencies = [
    ...install.devDependencies,
    `typescript@${versions.typescript}`,
    `${TYPESCRIPT_LATEST}@npm:typescript@latest`,
    `@types/node@${versions.typesNode}`,
  ];
  await step(`${install.label}: npm install --save-dev ${devDependencies.join(" ")}`, () =>
    npm(["install", "--save-dev", ...devDependencies], options),
  );
  // Exits non-zero on a missing or invalid (out of range) peer anywhere in the tree.
  await npm(["ls", "--all"], options);
  for (const file of await readdir(consumerSources)) {
    await cp(path.join(consumerSources, file), path.join(directory, file));
  }
}

/**
 * Compiles the consumer with both TypeScripts and every tsconfig; returns the compilers' names.
 * The node16 build of each compiler is emitted to its own folder: `out/<compiler>/`.
 * TypeScript 7 is the native compiler: its `bin/tsc` is a small Node launcher that runs the
 * binary of the platform package npm installs beside it (`@typescript/typescript-<os>-<cpu>`,
 * an optional dependency), so it is started like TypeScript 5, with `node …/bin/tsc`.
 * @param {ProjectOptions} options
 * @param {"lowest" | "latest"} label
 * @returns {Promise<Array<{ name: string, version: string, outDir: string }>>}
 */
async function compileConsumer({ directory, environment, step }, label) {
  const compilers = await Promise.all(
    ["typescript", TYPESCRIPT_LATEST].map(async (folder) => ({
      name: folder,
      version: await installedVersion(directory, folder),
      tsc: path.join(directory, "node_modules", folder, "bin", "tsc"),
      outDir: path.join("out", folder),
    })),
  );
  const [typescript5, typescriptLatest] = compilers;
  if (semver.major(typescript5?.version ?? "0.0.0") !== 5) {
    throw new Error(`release-check: expected TypeScript 5.x, got ${typescript5?.version}`);
  }
  if (semver.major(typescriptLatest?.version ?? "0.0.0") < 7) {
    throw new Error(
      `release-check: npm's latest TypeScript is ${typescriptLatest?.version}; this check compiles with 5.x and with the latest (7.x or newer)`,
    );
  }
  const versions = compilers.map((compiler) => `TypeScript ${compiler.version}`).join(" and ");
  const tsconfigs = TSCONFIGS[label];
  const names = tsconfigs.map(([file]) => file.replace(/^tsconfig\.|\.json$/g, "")).join(", ");
  await step(`${label}: tsc --strict with ${versions} (${names})`, async () => {
    // Every compiler and config to its end, so that one failure does not hide another.
    const results = await Promise.allSettled(
      compilers.flatMap((compiler) =>
        tsconfigs.map(([tsconfig, emits]) =>
          run(
            process.execPath,
            [
              compiler.tsc,
              "--strict",
              "-p",
              tsconfig,
              ...(emits ? ["--outDir", compiler.outDir] : ["--noEmit"]),
            ],
            { cwd: directory, env: environment },
          ).catch((error) => {
            throw new Error(
              `release-check: ${label}: TypeScript ${compiler.version} -p ${tsconfig}: ${error instanceof Error ? error.message : error}`,
            );
          }),
        ),
      ),
    );
    const failures = results.flatMap((result) =>
      result.status === "rejected" ? [String(result.reason?.message ?? result.reason)] : [],
    );
    if (failures.length > 0) throw new Error(failures.join("\n"));
  });
  return compilers.map(({ name, version, outDir }) => ({ name, version, outDir }));
}

/**
 * Runs each compiler's output with `import` and `require`; returns what was loaded.
 * @param {ProjectOptions} options
 * @param {string} label
 * @param {Array<{ version: string, outDir: string }>} compilers
 */
async function runConsumer({ directory, environment, step }, label, compilers) {
  const runs = await step(`${label}: run with import and require`, () =>
    Promise.all(
      compilers.flatMap((compiler) =>
        ["consumer.js", "consumer-require.cjs"].map((file) =>
          run(process.execPath, [path.join(compiler.outDir, file)], {
            cwd: directory,
            env: environment,
          }),
        ),
      ),
    ),
  );
  const loaded = runs.map((result) => lastJsonLine(result.stdout).loadedFrom);
  for (let index = 0; index < loaded.length; index += 2) {
    const importedFrom = fileURLToPath(/** @type {string} */ (loaded[index]));
    const requiredFrom = /** @type {string} */ (loaded[index + 1]);
    if (!/dist[\\/]index\.js$/.test(importedFrom) || !/dist[\\/]index\.cjs$/.test(requiredFrom)) {
      throw new Error(
        `release-check: import loaded ${importedFrom} and require loaded ${requiredFrom}; expected dist/index.js and dist/index.cjs`,
      );
    }
  }
  return {
    importedFrom: path.relative(directory, fileURLToPath(/** @type {string} */ (loaded[0]))),
    requiredFrom: path.relative(directory, /** @type {string} */ (loaded[1])),
  };
}

/**
 * @param {ProjectOptions} options
 * @param {string[]} names
 */
async function installedVersions(options, names) {
  /** @type {Record<string, string>} */
  const installed = {};
  for (const name of names) {
    installed[name] = await installedVersion(options.directory, name).catch(() => {
      throw new Error(`release-check: ${name} is not installed in ${options.directory}`);
    });
  }
  return installed;
}

/**
 * The lowest ends of the peer ranges, with both TypeScripts; run here.
 * @param {ProjectOptions} options
 * @returns {Promise<ConsumerResult>}
 */
export async function checkLowestConsumer(options) {
  const openapiFetch = options.peers["openapi-fetch"]?.lowest;
  const msw = options.peers.msw?.lowest;
  await prepareProject(options, {
    label: "lowest",
    dependencies: ["@paytok/paylater", `openapi-fetch@${openapiFetch}`],
    devDependencies: [`msw@${msw}`],
  });
  const installed = await installedVersions(options, [
    "@paytok/paylater",
    "@paytok/core",
    "openapi-fetch",
    "msw",
  ]);
  if (installed["openapi-fetch"] !== openapiFetch || installed.msw !== msw) {
    throw new Error(
      `release-check: the lowest project has openapi-fetch ${installed["openapi-fetch"]} and msw ${installed.msw}, not ${openapiFetch} and ${msw}`,
    );
  }
  const compilers = await compileConsumer(options, "lowest");
  const ran = await runConsumer(options, "lowest", compilers);
  return {
    name: "lowest",
    installed,
    compilers: compilers.map((compiler) => `typescript ${compiler.version}`),
    ran,
  };
}

/**
 * What a user gets today: the provider alone (its peer openapi-fetch comes with it), then
 * msw@latest beside it. Compiled with both TypeScripts; not run (msw 3 needs Node >= 22.12).
 * @param {ProjectOptions} options
 * @returns {Promise<ConsumerResult>}
 */
export async function checkLatestConsumer(options) {
  await prepareProject(options, {
    label: "latest",
    dependencies: ["@paytok/paylater"],
    devDependencies: ["msw@latest"],
  });
  const installed = await installedVersions(options, [
    "@paytok/paylater",
    "@paytok/core",
    "openapi-fetch",
    "msw",
  ]);
  /** @type {string[]} */
  const problems = [];
  for (const name of ["openapi-fetch", "msw"]) {
    const range = options.peers[name]?.range ?? "";
    if (!semver.satisfies(installed[name] ?? "", range)) {
      problems.push(`${name} ${installed[name]} is outside the peer range "${range}"`);
    }
  }
  // The point of this project: msw 3 beside a provider installs without ERESOLVE.
  if (semver.major(installed.msw ?? "0.0.0") < 3) {
    problems.push(`msw@latest installed msw ${installed.msw}; this project is meant for msw 3+`);
  }
  if (problems.length > 0) throw new Error(`release-check: latest project: ${problems.join("; ")}`);
  const compilers = await compileConsumer(options, "latest");
  return {
    name: "latest",
    installed,
    compilers: compilers.map((compiler) => `typescript ${compiler.version}`),
    ran: undefined,
  };
}
