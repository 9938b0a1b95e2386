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

/** Only built output and the four documents; nothing else may ship. */
const ALLOWED_AT_TOP = new Set(["package.json", "README.md", "LICENSE", "CHANGELOG.md"]);
/** Inside dist/: no tests, fixtures, sources, specs or source maps (they would embed sources). */
const FORBIDDEN_IN_DIST = [
  /(^|\/)(test|tests|__tests__|fixtures?|__fixtures__|__mocks__)\//,
  /\.(test|spec|test-d)\.[cm]?[jt]s$/,
  /(?<!\.d)\.[cm]?ts$/,
  /\.(ya?ml|map|tsbuildinfo)$/,
];

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
    if (file.startsWith("dist/")) {
      if (FORBIDDEN_IN_DIST.some((pattern) => pattern.test(file))) problem(`ships ${file}`);
    } else if (!ALLOWED_AT_TOP.has(file)) {
      problem(`ships ${file}, which is neither built output nor README/LICENSE/CHANGELOG`);
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
