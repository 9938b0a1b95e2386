#!/usr/bin/env node
// Turns specs/<provider>.openapi.yaml into packages/<provider>/src/generated/{schema,constants}.ts.
//
//   node scripts/generate.mjs                 regenerate every provider
//   node scripts/generate.mjs paylater payme  regenerate some providers
//   node scripts/generate.mjs --check         fail when committed files differ from a fresh run
//   --root DIR                                work on another checkout (the drift test uses a copy)
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateProvider } from "./lib/generate-provider.mjs";

const argv = process.argv.slice(2);
const check = argv.includes("--check");
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
const providers = named.length > 0 ? named : available;

const drifted = [];
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
  const outputDirectory = path.join(root, "packages", provider, "src", "generated");
  for (const [name, contents] of Object.entries(files)) {
    const target = path.join(outputDirectory, name);
    if (check) {
      const committed = await readFile(target, "utf8").catch(() => undefined);
      if (committed !== contents) drifted.push(path.relative(root, target));
    } else {
      await mkdir(outputDirectory, { recursive: true });
      const previous = await readFile(target, "utf8").catch(() => undefined);
      if (previous !== contents) await writeFile(target, contents);
    }
  }
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
  console.log(`generate --check: ${providers.length} providers up to date`);
}
