#!/usr/bin/env node
// Turns specs/<provider>.openapi.yaml into packages/<provider>/src/generated/{schema,token-endpoint}.ts,
// and all of specs/ into the provider registry packages/cli/src/generated/providers.ts.
//
//   node scripts/generate.mjs                 regenerate every provider and the registry
//   node scripts/generate.mjs paylater payme  regenerate some providers
//   node scripts/generate.mjs --registry      regenerate the registry only
//   node scripts/generate.mjs --check         fail when committed files differ from a fresh run
//   --root DIR                                work on another checkout (the tests use a copy)
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateProvider, generateRegistry } from "./lib/generate-provider.mjs";

const argv = process.argv.slice(2);
const check = argv.includes("--check");
const registryOnly = argv.includes("--registry");
const rootIndex = argv.indexOf("--root");
const root =
  rootIndex === -1
    ? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
    : path.resolve(argv[rootIndex + 1] ?? ".");
const named = argv.filter((arg, index) => !arg.startsWith("--") && argv[index - 1] !== "--root");

const specsDirectory = path.join(root, "specs");
const available = (await readdir(specsDirectory))
  .filter((file) => file.endsWith(".openapi.yaml"))
  .map((file) => file.slice(0, -".openapi.yaml".length))
  .sort();
const providers = registryOnly ? [] : named.length > 0 ? named : available;
const withRegistry = registryOnly || named.length === 0;

/** @type {string[]} */
const drifted = [];
/**
 * Writes (or, with --check, compares) one directory of generated files, stale ones included.
 * @param {string} outputDirectory
 * @param {Record<string, string>} files
 */
async function emit(outputDirectory, files) {
  const present = await readdir(outputDirectory).catch(() => /** @type {string[]} */ ([]));
  for (const stale of present.filter((name) => !Object.hasOwn(files, name))) {
    if (check)
      drifted.push(
        `${path.relative(root, path.join(outputDirectory, stale))} (not generated any more)`,
      );
    else await rm(path.join(outputDirectory, stale));
  }
  for (const [name, contents] of Object.entries(files)) {
    const target = path.join(outputDirectory, name);
    const committed = await readFile(target, "utf8").catch(() => undefined);
    if (check) {
      if (committed !== contents) drifted.push(path.relative(root, target));
    } else if (committed !== contents) {
      await mkdir(outputDirectory, { recursive: true });
      await writeFile(target, contents);
    }
  }
}

try {
  for (const provider of providers) {
    if (!available.includes(provider)) {
      console.error(`generate: no spec at specs/${provider}.openapi.yaml`);
      process.exit(2);
    }
    const specPath = path.join(specsDirectory, `${provider}.openapi.yaml`);
    const files = await generateProvider({
      provider,
      specUrl: pathToFileURL(specPath),
      specText: await readFile(specPath, "utf8"),
    });
    await emit(path.join(root, "packages", provider, "src", "generated"), files);
  }
  if (withRegistry) {
    const specs = await Promise.all(
      available.map(async (provider) => ({
        provider,
        specText: await readFile(path.join(specsDirectory, `${provider}.openapi.yaml`), "utf8"),
      })),
    );
    await emit(path.join(root, "packages", "cli", "src", "generated"), {
      "providers.ts": generateRegistry(specs),
    });
  }
} catch (error) {
  // A spec that leaves open what paytok cannot decide: say which, and stop the build.
  console.error(`generate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

if (check) {
  if (drifted.length > 0) {
    console.error(
      `generate --check: these generated files differ from their specs:\n${drifted
        .map((file) => `  ${file}`)
        .join("\n")}\nRun \`pnpm generate\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log(
    `generate --check: ${providers.length} providers${withRegistry ? " and the registry" : ""} up to date`,
  );
}
