#!/usr/bin/env node
// `pnpm release:check`: proves the release promise end to end, with real tools and a real (local)
// registry. Install a single provider package, get types and a working token; publish every
// package on its own version. Steps:
//
//   1. every published package.json has the registry metadata (license, repository, files, …);
//   2. a throw-away verdaccio (no uplinks) listens on a free loopback port;
//   3. a temporary copy of the repository gets a throw-away changeset, `changeset version` and
//      `changeset publish` to that registry (the real checkout is never written to);
//   4. each tarball is downloaded back and checked: files, sample secrets, publint, attw;
//   5. two fresh projects install @paytok/paylater with npm, one with the peers (msw, openapi-fetch)
//      at the floors of their ranges, one with what `npm install` picks today (msw@latest is 3);
//      each compiles a consumer with `tsc --strict` of TypeScript 5 and of npm's latest
//      TypeScript (7), under node16 and bundler resolution and with skipLibCheck off; the first
//      runs it with `import` and `require` against the sandbox.
//
// The registry and every temporary directory are removed at the end, on failure and on a signal.
import { rmSync } from "node:fs";
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { constants, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { peerEnds } from "../lib/peer-ranges.mjs";
import { run, stopRunningCommands } from "./child-processes.mjs";
import { checkLatestConsumer, checkLowestConsumer } from "./consumer-project.mjs";
import { startLocalRegistry } from "./local-registry.mjs";
import {
  findPrivatePackages,
  findPublishedPackages,
  metadataProblems,
} from "./published-packages.mjs";
import { copyRepository } from "./repository-copy.mjs";
import {
  downloadPublishedTarball,
  lintProblems,
  readSampleSecrets,
  sampleSecretProblems,
  sourceMapProblems,
  tarballFileProblems,
} from "./tarball-checks.mjs";

const scriptsDirectory = fileURLToPath(new URL("../", import.meta.url));
const root = path.resolve(scriptsDirectory, "..");
const binDirectory = path.join(scriptsDirectory, "node_modules", ".bin");

/** The throw-away release: two packages on different bumps, the rest follow their dependencies. */
/** @type {Readonly<Record<string, "patch" | "minor">>} */
const THROW_AWAY_BUMPS = { "@paytok/core": "patch", "@paytok/paylater": "minor" };

const started = performance.now();
/** @type {Array<[string, number]>} */
const timings = [];

/**
 * @template T
 * @param {string} label
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
async function step(label, work) {
  const stepStarted = performance.now();
  console.log(`release-check: ${label} …`);
  try {
    return await work();
  } finally {
    timings.push([label, performance.now() - stepStarted]);
  }
}

/** @param {number} milliseconds */
const seconds = (milliseconds) => `${(milliseconds / 1000).toFixed(1)} s`;

/**
 * The environment of every child: the caller's, minus the npm_* variables a package manager sets
 * for its scripts (they would configure the npm and pnpm runs inside with the outer run's config).
 * @param {Record<string, string>} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
function childEnvironment(extra = {}) {
  /** @type {NodeJS.ProcessEnv} */
  const environment = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_(config|package|lifecycle)_|^npm_command$/i.test(name)) environment[name] = value;
  }
  return { ...environment, ...extra };
}

/**
 * `x.y.z` bumped; enough for the throw-away release (no prereleases here).
 * @param {string} version
 * @param {"patch" | "minor"} bump
 */
function bumped(version, bump) {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  return bump === "minor" ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`;
}

/**
 * @param {string} left
 * @param {string} right
 * @returns {number} negative, zero or positive
 */
function compareVersions(left, right) {
  const a = left.split(".").map(Number);
  const b = right.split(".").map(Number);
  for (let index = 0; index < 3; index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * @param {string} title
 * @param {string[]} problems
 */
function failOn(title, problems) {
  if (problems.length > 0) {
    throw new Error(
      `release-check: ${title}:\n${problems.map((line) => `  - ${line}`).join("\n")}`,
    );
  }
}

/** @type {{ close(): Promise<void> } | undefined} */
let registry;
const temporaryRoot = await mkdtemp(path.join(tmpdir(), "paytok-release-check-"));

async function cleanUp() {
  stopRunningCommands();
  await registry?.close();
  registry = undefined;
  await rm(temporaryRoot, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])) {
  process.once(signal, () => {
    console.error(`release-check: ${signal}, cleaning up`);
    stopRunningCommands();
    void registry?.close();
    rmSync(temporaryRoot, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    process.exit(128 + constants.signals[signal]);
  });
}

async function main() {
  console.log(`release-check: working in ${temporaryRoot}`);
  const published = await findPublishedPackages(root);
  const scriptsManifest = JSON.parse(
    await readFile(path.join(scriptsDirectory, "package.json"), "utf8"),
  );
  failOn("package.json metadata", [
    ...published.flatMap((item) => metadataProblems(item)),
    // turbo builds what this task needs through ^build: only dependencies of @paytok/scripts.
    ...published
      .filter((item) => scriptsManifest.devDependencies?.[item.name] === undefined)
      .map((item) => `${item.name}: add it to the devDependencies of scripts/package.json`),
  ]);
  const names = published.map((item) => item.name);
  for (const name of Object.keys(THROW_AWAY_BUMPS)) {
    if (!names.includes(name)) throw new Error(`release-check: ${name} is not a published package`);
  }
  const workspace = parse(await readFile(path.join(root, "pnpm-workspace.yaml"), "utf8"));
  const catalog = /** @type {Record<string, string>} */ (workspace.catalog);
  const peers = peerEnds(root, undefined);
  failOn("peer ranges", peers.problems);

  const localRegistry = await step("start verdaccio", () =>
    startLocalRegistry(path.join(temporaryRoot, "registry")),
  );
  registry = localRegistry;
  const registryUrl = localRegistry.url;

  const copy = path.join(temporaryRoot, "repository");
  const copiedFiles = await step("copy the repository", () =>
    copyRepository({
      root,
      target: copy,
      builtDirectories: published.map((item) => item.directory),
    }),
  );

  // Point every registry setting of the copy at the local registry. pnpm 12 reads .npmrc and
  // pnpm_config_* but not the npm_config_* variables changesets sets, and changesets asks npm
  // (which reads npm_config_*) whether a version exists: both are set.
  await writeFile(
    path.join(copy, ".npmrc"),
    `registry=${registryUrl}\n@paytok:registry=${registryUrl}\n`,
  );
  const publishEnvironment = childEnvironment({
    npm_config_registry: registryUrl,
    "npm_config_@paytok:registry": registryUrl,
    pnpm_config_registry: registryUrl,
    // The copy shares the real node_modules through a symlink; nothing must reinstall there.
    pnpm_config_verify_deps_before_run: "false",
  });
  for (const item of published) {
    // Provenance needs a CI identity (GitHub OIDC) and a registry that verifies it; the real
    // release keeps publishConfig.provenance: true, the local one publishes without.
    const file = path.join(copy, item.directory, "package.json");
    const manifest = JSON.parse(await readFile(file, "utf8"));
    manifest.publishConfig = { ...manifest.publishConfig, provenance: false };
    await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
  }
  const changesetLines = Object.entries(THROW_AWAY_BUMPS).map(
    ([name, bump]) => `"${name}": ${bump}`,
  );
  await writeFile(
    path.join(copy, ".changeset", "release-check-throw-away.md"),
    `---\n${changesetLines.join("\n")}\n---\n\nThrow-away release of \`pnpm release:check\`.\n`,
  );

  const privatePackages = await findPrivatePackages(copy);
  const changeset = path.join(copy, "node_modules", "@changesets", "cli", "bin.js");
  await step("changeset version", () =>
    run(process.execPath, [changeset, "version"], { cwd: copy, env: publishEnvironment }),
  );
  /** @type {Record<string, string>} */
  const versions = {};
  /** @type {string[]} */
  const versionProblems = [];
  for (const item of published) {
    const manifest = JSON.parse(
      await readFile(path.join(copy, item.directory, "package.json"), "utf8"),
    );
    versions[item.name] = manifest.version;
    const bump = THROW_AWAY_BUMPS[item.name];
    // Other pending changesets of the repository are released too, so a bump can be larger.
    if (
      bump !== undefined &&
      compareVersions(manifest.version, bumped(item.manifest.version, bump)) < 0
    ) {
      versionProblems.push(`${item.name} is ${manifest.version} after a ${bump} bump`);
    }
    const changelog = await readFile(path.join(copy, item.directory, "CHANGELOG.md"), "utf8").catch(
      () => "",
    );
    if (manifest.version !== item.manifest.version && !changelog.includes(manifest.version)) {
      versionProblems.push(`${item.directory}/CHANGELOG.md does not mention ${manifest.version}`);
    }
  }
  for (const item of privatePackages) {
    const manifest = JSON.parse(
      await readFile(path.join(copy, item.directory, "package.json"), "utf8"),
    );
    const changelog = path.join(copy, item.directory, "CHANGELOG.md");
    if (manifest.version !== item.manifest.version) {
      versionProblems.push(`the private ${item.name} was versioned (${manifest.version})`);
    }
    if (
      await access(changelog).then(
        () => true,
        () => false,
      )
    ) {
      versionProblems.push(`the private ${item.name} got a CHANGELOG.md`);
    }
  }
  failOn("changeset version", versionProblems);

  // Last guard before publishing: pnpm in the copy must resolve the scope to the local registry.
  const scopeRegistry = await run("pnpm", ["config", "get", "@paytok:registry"], {
    cwd: path.join(copy, "packages", "core"),
    env: publishEnvironment,
  });
  if (scopeRegistry.stdout.trim() !== registryUrl) {
    throw new Error(
      `release-check: pnpm would publish to ${scopeRegistry.stdout.trim()}, not ${registryUrl}`,
    );
  }
  await step("changeset publish", () =>
    run(process.execPath, [changeset, "publish", "--no-git-tag"], {
      cwd: copy,
      env: publishEnvironment,
    }),
  );

  const tarballDirectory = path.join(temporaryRoot, "tarballs");
  await mkdir(tarballDirectory);
  const sampleSecrets = await readSampleSecrets(path.join(root, "specs"));

  const [tarballResult, ...consumerResults] = await Promise.allSettled([
    step("check the published tarballs (files, maps, secrets, publint, attw)", async () => {
      const downloaded = await Promise.all(
        names.map((name) =>
          downloadPublishedTarball({ registryUrl, name, directory: tarballDirectory }),
        ),
      );
      /** @type {string[]} */
      const problems = [];
      for (const tarball of downloaded) {
        if (tarball.version !== versions[tarball.name]) {
          problems.push(
            `${tarball.name}: the registry has ${tarball.version}, not ${versions[tarball.name]}`,
          );
        }
        problems.push(...tarballFileProblems(tarball));
        problems.push(...(await sampleSecretProblems(tarball, sampleSecrets)));
        const extracted = path.join(
          path.dirname(tarball.file),
          path.basename(tarball.file, ".tgz"),
          "package",
        );
        problems.push(
          ...(await sourceMapProblems(tarball, (file) =>
            readFile(path.join(extracted, file), "utf8"),
          )),
        );
      }
      const paylater = downloaded.find((tarball) => tarball.name === "@paytok/paylater");
      const coreRange = paylater?.manifest.dependencies?.["@paytok/core"];
      if (coreRange !== `^${versions["@paytok/core"]}`) {
        problems.push(
          `@paytok/paylater depends on @paytok/core "${coreRange}", not "^${versions["@paytok/core"]}"`,
        );
      }
      // A few at a time: attw starts a TypeScript program per package.
      for (let index = 0; index < downloaded.length; index += 4) {
        const batch = downloaded.slice(index, index + 4);
        for (const lines of await Promise.all(
          batch.map((tarball) => lintProblems(tarball, binDirectory)),
        )) {
          problems.push(...lines);
        }
      }
      failOn("published tarballs", problems);
      return downloaded;
    }),
    ...[checkLowestConsumer, checkLatestConsumer].map((check, index) =>
      check({
        directory: path.join(temporaryRoot, index === 0 ? "consumer-lowest" : "consumer-latest"),
        registryUrl,
        environment: childEnvironment(),
        versions: {
          typescript: /** @type {string} */ (catalog.typescript),
          typesNode: /** @type {string} */ (catalog["@types/node"]),
        },
        peers: peers.ends,
        step,
      }),
    ),
  ]);
  // Both run to the end, so one failure does not hide the other.
  const failures = [tarballResult, ...consumerResults].flatMap((result) =>
    result.status === "rejected"
      ? [result.reason instanceof Error ? result.reason.message : String(result.reason)]
      : [],
  );
  if (failures.length > 0) throw new Error(failures.join("\n"));
  const tarballs =
    /** @type {PromiseFulfilledResult<Awaited<ReturnType<typeof downloadPublishedTarball>>[]>} */ (
      tarballResult
    ).value;
  const consumers = consumerResults.map(
    (result) =>
      /** @type {PromiseFulfilledResult<import("./consumer-project.mjs").ConsumerResult>} */ (
        result
      ).value,
  );

  console.log("\nrelease-check: passed");
  console.log(`  copied ${copiedFiles} files; published to ${registryUrl} (removed again):`);
  for (const tarball of tarballs) {
    console.log(
      `  ${`${tarball.name}@${tarball.version}`.padEnd(36)} ${summarizeFiles(tarball.files)}`,
    );
  }
  console.log(
    `  publint --strict and attw pass on every tarball; every built file has a map whose sources ship in src/; none ships tests, specs or any of the ${sampleSecrets.length} sample secrets of specs/`,
  );
  for (const consumer of consumers) {
    console.log(
      `  ${consumer.name} project: ${Object.entries(consumer.installed)
        .map(([name, version]) => `${name}@${version}`)
        .join(", ")}; compiled with ${consumer.compilers.join(" and ")}; ${
        consumer.ran === undefined
          ? "not run here (msw 3 needs Node >= 22.12: the runtime matrix runs it)"
          : `import → ${consumer.ran.importedFrom}, require → ${consumer.ran.requiredFrom}`
      }`,
    );
  }
}

/**
 * `CHANGELOG.md, LICENSE, README.md, package.json + dist/ 16 (4 .js, 4 .js.map, …) + src/ 5 (5 .ts)`
 * @param {string[]} files
 */
function summarizeFiles(files) {
  const folders = ["dist/", "src/"];
  const top = files.filter((file) => !folders.some((folder) => file.startsWith(folder)));
  const parts = folders.map((folder) => {
    const inside = files.filter((file) => file.startsWith(folder));
    /** @type {Map<string, number>} */
    const kinds = new Map();
    for (const file of inside) {
      const kind = /(\.d)?\.[a-z]+(\.map)?$/.exec(file)?.[0] ?? "other";
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    const breakdown = [...kinds].map(([kind, count]) => `${count} ${kind}`).join(", ");
    return `${folder} ${inside.length} (${breakdown})`;
  });
  return `${top.join(", ")} + ${parts.join(" + ")}`;
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : error);
} finally {
  await step("clean up", cleanUp);
  console.log("\nrelease-check timings:");
  for (const [label, duration] of timings)
    console.log(`  ${label.padEnd(62)} ${seconds(duration)}`);
  console.log(`  ${"total".padEnd(62)} ${seconds(performance.now() - started)}`);
}
process.exit(failed ? 1 : 0);
