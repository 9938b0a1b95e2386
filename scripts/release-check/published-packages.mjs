// Which workspace packages go to the registry, and whether their package.json is fit for it.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/**
 * @typedef {object} PublishedPackage
 * @property {string} name e.g. `@paytok/core`
 * @property {string} directory relative to the repository root, e.g. `packages/core`
 * @property {Record<string, any>} manifest the parsed package.json
 */

/**
 * Every non-private package under packages/ (examples/, bench/ and scripts/ are private).
 * @param {string} root repository root
 * @returns {Promise<PublishedPackage[]>}
 */
export async function findPublishedPackages(root) {
  const entries = await readdir(path.join(root, "packages"), { withFileTypes: true });
  /** @type {PublishedPackage[]} */
  const found = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const directory = `packages/${entry.name}`;
    const text = await readFile(path.join(root, directory, "package.json"), "utf8").catch(
      () => undefined,
    );
    if (text === undefined) continue;
    const manifest = JSON.parse(text);
    if (manifest.private === true) continue;
    found.push({ name: manifest.name, directory, manifest });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The private workspace packages (scripts, bench, examples/*), which changesets must leave alone.
 * Read before versioning, so their versions can be compared afterwards.
 * @param {string} root
 * @returns {Promise<PublishedPackage[]>}
 */
export async function findPrivatePackages(root) {
  const directories = ["scripts", "bench"];
  const examples = await readdir(path.join(root, "examples"), { withFileTypes: true }).catch(
    () => [],
  );
  for (const entry of examples) if (entry.isDirectory()) directories.push(`examples/${entry.name}`);
  /** @type {PublishedPackage[]} */
  const found = [];
  for (const directory of directories) {
    const text = await readFile(path.join(root, directory, "package.json"), "utf8").catch(
      () => undefined,
    );
    if (text === undefined) continue;
    const manifest = JSON.parse(text);
    if (manifest.private === true) found.push({ name: manifest.name, directory, manifest });
  }
  return found;
}

/**
 * What a published tarball may hold (npm adds package.json itself): the build, the sources its
 * source maps name, and the documents.
 */
export const ALLOWED_FILES_ENTRIES = ["dist", "src", "README.md", "LICENSE", "CHANGELOG.md"];

/**
 * `git+https://github.com/owner/name.git` → `https://github.com/owner/name`.
 * @param {string} url
 */
function repositoryWebUrl(url) {
  return url.replace(/^git\+/, "").replace(/\.git$/, "");
}

/**
 * The registry metadata every published package needs. Returns one line per problem.
 * @param {PublishedPackage} published
 * @returns {string[]}
 */
export function metadataProblems({ name, directory, manifest }) {
  /** @type {string[]} */
  const problems = [];
  const problem = (/** @type {string} */ message) => problems.push(`${name}: ${message}`);
  if (typeof manifest.description !== "string" || manifest.description === "") {
    problem("needs a description");
  }
  if (typeof manifest.license !== "string" || manifest.license === "") problem("needs a license");
  const repository = manifest.repository;
  if (typeof repository !== "object" || repository === null || typeof repository.url !== "string") {
    problem("needs repository.url");
  } else {
    if (repository.directory !== directory) {
      problem(`repository.directory must be "${directory}"`);
    }
    // npm's package page links these: the package's folder and the repository's issues.
    const web = repositoryWebUrl(repository.url);
    const homepage = `${web}/tree/main/${directory}#readme`;
    if (manifest.homepage !== homepage) problem(`homepage must be "${homepage}"`);
    if (manifest.bugs?.url !== `${web}/issues`) problem(`bugs.url must be "${web}/issues"`);
  }
  if (!Array.isArray(manifest.keywords) || manifest.keywords.length === 0) {
    problem("needs keywords");
  }
  const files = manifest.files;
  if (!Array.isArray(files) || !files.includes("dist") || !files.includes("src")) {
    problem(`files must list "dist" and "src" (the sources of the source maps)`);
  } else {
    for (const entry of files) {
      if (!ALLOWED_FILES_ENTRIES.includes(entry)) {
        problem(`files may hold only ${ALLOWED_FILES_ENTRIES.join(", ")} (found "${entry}")`);
      }
    }
  }
  if (manifest.publishConfig?.access !== "public") problem("needs publishConfig.access: public");
  if (manifest.publishConfig?.provenance !== true) {
    problem("needs publishConfig.provenance: true");
  }
  if (manifest.sideEffects !== false) problem("needs sideEffects: false");
  if (typeof manifest.engines?.node !== "string") problem("needs engines.node");
  return problems;
}
