// Checks on what the registry really holds: the tarball each package was published as. It is
// downloaded back from the local registry, so these checks see exactly what `npm install` gets.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { run } from "./child-processes.mjs";

/**
 * @typedef {object} PublishedTarball
 * @property {string} name
 * @property {string} version
 * @property {string} file path of the downloaded .tgz
 * @property {string[]} files paths inside the tarball, without the leading `package/`
 * @property {Record<string, any>} manifest the package.json as published
 */

/**
 * @param {{ registryUrl: string, name: string, directory: string }} options
 * @returns {Promise<PublishedTarball>}
 */
export async function downloadPublishedTarball({ registryUrl, name, directory }) {
  const response = await fetch(`${registryUrl}${name.replace("/", "%2f")}`);
  if (!response.ok) throw new Error(`release-check: ${name} is not in the local registry`);
  /** @type {{ "dist-tags": { latest: string }, versions: Record<string, any> }} */
  const packument = await response.json();
  const version = packument["dist-tags"].latest;
  const tarballUrl = packument.versions[version].dist.tarball;
  const tarball = await fetch(tarballUrl);
  if (!tarball.ok) throw new Error(`release-check: cannot download ${tarballUrl}`);
  const file = path.join(directory, `${name.replace("@", "").replace("/", "-")}-${version}.tgz`);
  await writeFile(file, Buffer.from(await tarball.arrayBuffer()));
  const listing = await run("tar", ["-tzf", file], { cwd: directory });
  const files = listing.stdout
    .split("\n")
    .filter((line) => line !== "" && !line.endsWith("/"))
    .map((line) => line.replace(/^package\//, ""))
    .sort();
  const extracted = path.join(directory, `${path.basename(file, ".tgz")}`);
  await mkdir(extracted, { recursive: true });
  await run("tar", ["-xzf", file, "-C", extracted], { cwd: directory });
  const manifest = JSON.parse(
    await readFile(path.join(extracted, "package", "package.json"), "utf8"),
  );
  return { name, version, file, files, manifest };
}

/** Built output, the sources its maps name, and the four documents; nothing else may ship. */
const ALLOWED_AT_TOP = new Set(["package.json", "README.md", "LICENSE", "CHANGELOG.md"]);
/** Never shipped anywhere: tests, fixtures, specs, build state. */
const FORBIDDEN_ANYWHERE = [
  /(^|\/)(test|tests|__tests__|fixtures?|__fixtures__|__mocks__)\//,
  /\.(test|spec|test-d)\.[cm]?[jt]s$/,
  /\.(ya?ml|tsbuildinfo)$/,
];
/** Inside dist/: built files only (no TypeScript source besides declarations). */
const ALLOWED_IN_DIST = /\.(js|cjs|mjs|d\.ts|d\.cts|d\.mts|js\.map|cjs\.map|mjs\.map)$/;
/** Inside src/: the TypeScript sources the source maps name. */
const ALLOWED_IN_SRC = /(?<!\.d)\.[cm]?ts$/;

/**
 * @param {PublishedTarball} tarball
 * @returns {string[]} one line per problem
 */
export function tarballFileProblems(tarball) {
  /** @type {string[]} */
  const problems = [];
  const problem = (/** @type {string} */ message) =>
    problems.push(`${tarball.name}@${tarball.version}: ${message}`);
  for (const required of ALLOWED_AT_TOP) {
    if (!tarball.files.includes(required)) problem(`the tarball has no ${required}`);
  }
  if (!tarball.files.some((file) => file.startsWith("dist/"))) problem("the tarball has no dist/");
  for (const file of tarball.files) {
    if (FORBIDDEN_ANYWHERE.some((pattern) => pattern.test(file))) {
      problem(`ships ${file}`);
    } else if (file.startsWith("dist/")) {
      if (!ALLOWED_IN_DIST.test(file)) problem(`ships ${file}, which is not built output`);
    } else if (file.startsWith("src/")) {
      if (!ALLOWED_IN_SRC.test(file)) problem(`ships ${file}, which is not a TypeScript source`);
    } else if (!ALLOWED_AT_TOP.has(file)) {
      problem(`ships ${file}, which is neither built output, sources nor README/LICENSE/CHANGELOG`);
    }
  }
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dependency, range] of Object.entries(tarball.manifest[field] ?? {})) {
      if (/^(workspace|catalog|link|file):/.test(String(range))) {
        problem(`${field}.${dependency} was published as "${range}"`);
      }
    }
  }
  return problems;
}

/**
 * Source maps, checked on the files of the tarball: every built .js/.cjs file has a map beside it
 * and names it in its last line; every map is a version 3 map of that file whose `sources` all
 * resolve to files in the same tarball (the maps carry no `sourcesContent`: the sources ship in
 * src/). So a stack trace or a debugger of an installed package always finds the original line.
 * @param {{ name: string, version: string, files: readonly string[] }} tarball
 * @param {(file: string) => Promise<string>} readText the text of a file of the tarball
 * @returns {Promise<string[]>} one line per problem
 */
export async function sourceMapProblems(tarball, readText) {
  /** @type {string[]} */
  const problems = [];
  const problem = (/** @type {string} */ message) =>
    problems.push(`${tarball.name}@${tarball.version}: ${message}`);
  const files = new Set(tarball.files);
  const built = tarball.files.filter((file) => /^dist\/.+\.[cm]?js$/.test(file));
  if (built.length === 0) problem("has no built .js files in dist/");
  for (const file of built) {
    const map = `${file}.map`;
    if (!files.has(map)) {
      problem(`${file} has no source map (${map})`);
      continue;
    }
    const lines = (await readText(file)).trimEnd().split("\n");
    if (lines.at(-1) !== `//# sourceMappingURL=${path.posix.basename(map)}`) {
      problem(`${file} does not end with //# sourceMappingURL=${path.posix.basename(map)}`);
    } else if (lines.filter((line) => line.startsWith("//# sourceMappingURL=")).length > 1) {
      problem(`${file} names its source map more than once`);
    }
  }
  for (const map of tarball.files.filter((file) => file.endsWith(".map"))) {
    if (!files.has(map.slice(0, -".map".length))) {
      problem(`${map} is the map of no file in the tarball`);
      continue;
    }
    /** @type {{ version?: unknown, sources?: unknown, sourceRoot?: unknown, sourcesContent?: unknown }} */
    let parsed;
    try {
      parsed = JSON.parse(await readText(map));
    } catch {
      problem(`${map} is not JSON`);
      continue;
    }
    // An entry that only re-exports has a map with no sources: valid, nothing to map.
    if (parsed.version !== 3 || !Array.isArray(parsed.sources)) {
      problem(`${map} is not a version 3 source map`);
      continue;
    }
    const root = typeof parsed.sourceRoot === "string" ? parsed.sourceRoot : "";
    for (const source of parsed.sources) {
      const resolved = path.posix.normalize(
        path.posix.join(path.posix.dirname(map), root, String(source)),
      );
      if (!files.has(resolved)) {
        problem(`${map} names the source ${source} (${resolved}), which the tarball does not ship`);
      }
    }
  }
  return problems;
}

/** Example fields whose values are credentials or tokens in the providers' documents. */
const SECRET_FIELD =
  /(secret|password|access_token|refresh_token|id_token|api_key|authorization)$/i;

/**
 * The credentials and tokens that the specs' examples copy from the providers' documents. None of
 * them belongs in a published package (they are samples, but a tarball is no place for them).
 * @param {string} specsDirectory
 * @returns {Promise<string[]>}
 */
export async function readSampleSecrets(specsDirectory) {
  /** @type {Set<string>} */
  const secrets = new Set();
  /**
   * @param {unknown} node
   * @param {boolean} insideExample
   */
  const visit = (node, insideExample) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, insideExample);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      const inExample = insideExample || key === "examples" || key === "example";
      if (inExample && typeof value === "string" && SECRET_FIELD.test(key) && value.length >= 6) {
        secrets.add(value);
      }
      visit(value, inExample);
    }
  };
  for (const file of await readdir(specsDirectory)) {
    if (file.endsWith(".openapi.yaml")) {
      visit(parse(await readFile(path.join(specsDirectory, file), "utf8")), false);
    }
  }
  return [...secrets].sort();
}

/**
 * @param {PublishedTarball} tarball
 * @param {readonly string[]} secrets
 * @returns {Promise<string[]>}
 */
export async function sampleSecretProblems(tarball, secrets) {
  const extracted = path.join(path.dirname(tarball.file), path.basename(tarball.file, ".tgz"));
  /** @type {string[]} */
  const problems = [];
  for (const file of tarball.files) {
    const text = await readFile(path.join(extracted, "package", file), "utf8");
    for (const secret of secrets) {
      if (text.includes(secret)) {
        problems.push(`${tarball.name}: ${file} contains the spec sample secret "${secret}"`);
      }
    }
  }
  return problems;
}

/**
 * `publint --strict` and `attw` on the tarball itself (what `attw --pack` checks after packing).
 * The node16 profile, as in each package's check:package: node10 cannot see subpath exports.
 * @param {PublishedTarball} tarball
 * @param {string} binDirectory where publint and attw are installed
 * @returns {Promise<string[]>}
 */
export async function lintProblems(tarball, binDirectory) {
  const cwd = path.dirname(tarball.file);
  /** @type {string[]} */
  const problems = [];
  const commands = [
    [path.join(binDirectory, "publint"), ["run", "--strict", tarball.file]],
    [
      path.join(binDirectory, "attw"),
      [tarball.file, "--profile", "node16", "--format", "ascii", "--no-color"],
    ],
  ];
  await Promise.all(
    commands.map(async ([command, args]) => {
      try {
        await run(/** @type {string} */ (command), /** @type {string[]} */ (args), { cwd });
      } catch (error) {
        problems.push(`${tarball.name}: ${error instanceof Error ? error.message : error}`);
      }
    }),
  );
  return problems;
}
