// Writes a new provider into a repository: the spec stub, the package (from templates/package,
// modelled on @paytok/paysway), and the wiring (redocly.yaml, the package's dependents, the
// README's table, a changeset), then generates its code and the provider registry, and formats
// what it wrote. No hand-kept list of providers exists to edit: everything else reads the registry.
import { execFile } from "node:child_process";
import { access, copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { fillPlaceholders, providerNames } from "./provider-names.mjs";

const execFileAsync = promisify(execFile);
const templates = fileURLToPath(new URL("./templates/", import.meta.url));
/** This checkout's tools, so a fresh copy without node_modules can be scaffolded too. */
const toolsRoot = fileURLToPath(new URL("../../", import.meta.url));

/** @param {string} file */
const exists = (file) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * Every template file below a directory, relative to it.
 * @param {string} directory
 * @returns {Promise<string[]>}
 */
async function templateFiles(directory) {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".template"))
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * Adds `<provider>: root: specs/<provider>.openapi.yaml` at the end of redocly.yaml's `apis:` map.
 * @param {string} text
 * @param {string} provider
 */
export function addRedoclyApi(text, provider) {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.trimEnd() === "apis:");
  if (start === -1) throw new Error("new-provider: redocly.yaml has no top-level `apis:` map");
  let end = start + 1;
  while (end < lines.length && (lines[end] === "" || /^\s/.test(lines[end] ?? ""))) end += 1;
  // Keep trailing blank lines after the block.
  while (end > start + 1 && lines[end - 1] === "") end -= 1;
  lines.splice(end, 0, `  ${provider}:`, `    root: specs/${provider}.openapi.yaml`);
  return lines.join("\n");
}

/**
 * Adds the package's row to the README's package table, before `@paytok/core`'s row.
 * @param {string} text
 * @param {import("./provider-names.mjs").ProviderNames} names
 * @returns {string | undefined} undefined when the README has no such table
 */
export function addReadmeRow(text, names) {
  const lines = text.split("\n");
  const coreRow = lines.findIndex((line) => line.startsWith("| [`@paytok/core`]"));
  if (coreRow === -1) return undefined;
  lines.splice(
    coreRow,
    0,
    `| [\`@paytok/${names.provider}\`](packages/${names.provider}) | ${names.title} | \`POST /oauth2/token\`, form (TODO from the spec) |`,
  );
  return lines.join("\n");
}

/**
 * @param {{ root: string, provider: string, title?: string | undefined }} options
 * @returns {Promise<{ written: string[], names: import("./provider-names.mjs").ProviderNames }>}
 */
export async function scaffoldProvider({ root, provider, title }) {
  const names = providerNames(provider, title);
  const packageDirectory = path.join(root, "packages", provider);
  const specFile = path.join(root, "specs", `${provider}.openapi.yaml`);
  for (const target of [packageDirectory, specFile]) {
    if (await exists(target)) {
      throw new Error(`new-provider: ${path.relative(root, target)} already exists`);
    }
  }
  /** @type {string[]} */
  const written = [];
  const write = async (/** @type {string} */ file, /** @type {string} */ contents) => {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, contents);
    written.push(path.relative(root, file));
  };

  await write(
    specFile,
    fillPlaceholders(
      await readFile(path.join(templates, "spec.openapi.yaml.template"), "utf8"),
      names,
    ),
  );
  const packageTemplates = path.join(templates, "package");
  for (const file of await templateFiles(packageTemplates)) {
    const target = fillPlaceholders(file.slice(0, -".template".length), names);
    const text = await readFile(path.join(packageTemplates, file), "utf8");
    await write(path.join(packageDirectory, target), fillPlaceholders(text, names));
  }
  await copyFile(path.join(root, "LICENSE"), path.join(packageDirectory, "LICENSE"));
  written.push(path.relative(root, path.join(packageDirectory, "LICENSE")));
  await write(
    path.join(root, ".changeset", `add-${provider}.md`),
    fillPlaceholders(await readFile(path.join(templates, "changeset.md.template"), "utf8"), names),
  );

  const redocly = path.join(root, "redocly.yaml");
  await writeFile(redocly, addRedoclyApi(await readFile(redocly, "utf8"), provider));
  written.push("redocly.yaml");

  // The registry of providers is generated from specs/ into @paytok/cli, which imports every
  // provider package: so the CLI (and with it the sandbox, the demo, the bench) depends on it.
  // @paytok/scripts and the bench import it by name too (cross-package tests, bundle sizes), and
  // turbo builds it before their tasks.
  /** @type {Array<[string, string, string]>} */
  const manifests = [
    ["packages/cli/package.json", "dependencies", "workspace:^"],
    ["scripts/package.json", "devDependencies", "workspace:*"],
    ["bench/package.json", "devDependencies", "workspace:*"],
  ];
  for (const [relative, field, range] of manifests) {
    const manifestFile = path.join(root, relative);
    const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
    manifest[field] = Object.fromEntries(
      Object.entries({ ...manifest[field], [`@paytok/${provider}`]: range }).sort(([a], [b]) =>
        a.localeCompare(b),
      ),
    );
    await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    written.push(relative);
  }

  const readmeFile = path.join(root, "README.md");
  const readme = addReadmeRow(await readFile(readmeFile, "utf8"), names);
  if (readme !== undefined) {
    await writeFile(readmeFile, readme);
    written.push("README.md");
  }

  // The provider's generated code, and the registry with the new provider in it.
  await execFileAsync(
    process.execPath,
    [path.join(toolsRoot, "scripts", "generate.mjs"), "--root", root],
    {
      cwd: root,
    },
  );
  written.push(`packages/${provider}/src/generated/schema.ts`);
  written.push(`packages/${provider}/src/generated/token-endpoint.ts`);
  written.push("packages/cli/src/generated/providers.ts");

  // Names of different lengths change line breaks and import order: let Biome settle them.
  await execFileAsync(
    path.join(toolsRoot, "node_modules", ".bin", "biome"),
    [
      "check",
      "--write",
      `packages/${provider}`,
      "scripts/package.json",
      "packages/cli/package.json",
      "bench/package.json",
      ...(readme ? ["README.md"] : []),
    ],
    { cwd: root },
  );
  return { written, names };
}
