// A fresh project outside the repository that installs the published @paytok/paylater the way a
// user does, compiles the consumer files in ./consumer and runs them.
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "./child-processes.mjs";

const consumerSources = fileURLToPath(new URL("./consumer/", import.meta.url));

/** What `npm install @paytok/paylater` may bring into node_modules/@paytok, and nothing more. */
const EXPECTED_PAYTOK_PACKAGES = ["core", "paylater"];

/**
 * @typedef {object} ConsumerResult
 * @property {Record<string, string>} installed versions in node_modules/@paytok
 * @property {string} importedFrom the file `import` loaded
 * @property {string} requiredFrom the file `require` loaded
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
 * @param {{
 *   directory: string,
 *   registryUrl: string,
 *   environment: NodeJS.ProcessEnv,
 *   versions: { msw: string, typescript: string, typesNode: string },
 *   step: <T>(label: string, work: () => Promise<T>) => Promise<T>,
 * }} options
 * @returns {Promise<ConsumerResult>}
 */
export async function checkConsumerProject({
  directory,
  registryUrl,
  environment,
  versions,
  step,
}) {
  await mkdir(directory, { recursive: true });
  await writeFile(
    path.join(directory, "package.json"),
    `${JSON.stringify({ name: "paytok-release-consumer", private: true, type: "module" }, null, 2)}\n`,
  );
  // Public dependencies (openapi-fetch, msw) come from the normal registry; only the scope is local.
  const npmFlags = [
    `--@paytok:registry=${registryUrl}`,
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
  ];

  await step("npm install @paytok/paylater", () =>
    run("npm", ["install", "@paytok/paylater", ...npmFlags], { cwd: directory, env: environment }),
  );
  const paytokPackages = (await readdir(path.join(directory, "node_modules", "@paytok"))).sort();
  if (JSON.stringify(paytokPackages) !== JSON.stringify(EXPECTED_PAYTOK_PACKAGES)) {
    throw new Error(
      `release-check: npm install @paytok/paylater installed @paytok/{${paytokPackages.join(",")}}; expected only ${EXPECTED_PAYTOK_PACKAGES.join(" and ")}`,
    );
  }
  /** @type {Record<string, string>} */
  const installed = {};
  for (const name of ["@paytok/paylater", "@paytok/core", "openapi-fetch"]) {
    installed[name] = await installedVersion(directory, name).catch(() => {
      throw new Error(`release-check: npm install @paytok/paylater did not install ${name}`);
    });
  }

  await step("npm install msw typescript @types/node", () =>
    run(
      "npm",
      [
        "install",
        "--save-dev",
        `msw@${versions.msw}`,
        `typescript@${versions.typescript}`,
        `@types/node@${versions.typesNode}`,
        ...npmFlags,
      ],
      { cwd: directory, env: environment },
    ),
  );
  for (const file of await readdir(consumerSources)) {
    await cp(path.join(consumerSources, file), path.join(directory, file));
  }
  const tsc = path.join(directory, "node_modules", "typescript", "bin", "tsc");
  await step("tsc --strict (node16, bundler)", () =>
    Promise.all([
      run(process.execPath, [tsc, "--strict", "-p", "tsconfig.node16.json"], {
        cwd: directory,
        env: environment,
      }),
      run(process.execPath, [tsc, "--strict", "-p", "tsconfig.bundler.json"], {
        cwd: directory,
        env: environment,
      }),
    ]),
  );
  const [imported, required] = await step("run with import and require", () =>
    Promise.all([
      run(process.execPath, ["out/consumer.js"], { cwd: directory, env: environment }),
      run(process.execPath, ["out/consumer-require.cjs"], { cwd: directory, env: environment }),
    ]),
  );
  const importedFrom = fileURLToPath(lastJsonLine(imported.stdout).loadedFrom);
  const requiredFrom = lastJsonLine(required.stdout).loadedFrom;
  if (!/dist[\\/]index\.js$/.test(importedFrom) || !/dist[\\/]index\.cjs$/.test(requiredFrom)) {
    throw new Error(
      `release-check: import loaded ${importedFrom} and require loaded ${requiredFrom}; expected dist/index.js and dist/index.cjs`,
    );
  }
  return {
    installed,
    importedFrom: path.relative(directory, importedFrom),
    requiredFrom: path.relative(directory, requiredFrom),
  };
}
