// `pnpm docs`: the API reference of every published package, one site in docs/api/ (gitignored).
// Packages are found, not listed: every package under packages/ that is not private, with the
// entry points its package.json `exports` name (typedoc-plugin.mjs beside this file). Warnings are
// errors, so a new undocumented export, a broken {@link} or a type that a public signature names
// but no entry point exports fails the run.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { OptionDefaults } from "typedoc";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The folder of every package under packages/ that is published (not private). */
export function publishedPackageDirectories() {
  return readdirSync(path.join(root, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(root, "packages", entry.name))
    .filter((directory) => {
      try {
        const manifest = JSON.parse(readFileSync(path.join(directory, "package.json"), "utf8"));
        return manifest.private !== true;
      } catch {
        return false;
      }
    })
    .sort();
}

/** @type {Partial<import("typedoc").TypeDocOptions>} */
export default {
  name: "paytok",
  entryPointStrategy: "packages",
  entryPoints: publishedPackageDirectories(),
  plugin: ["./typedoc-plugin.mjs"],
  packageOptions: {
    // Each package's own README is its front page; its tsconfig compiles it.
    readme: "README.md",
    tsconfig: "tsconfig.json",
    // Tags openapi-typescript writes in the generated schemas (src/generated/schema.ts).
    blockTags: [...OptionDefaults.blockTags, "@description", "@constant", "@enum"],
    excludePrivate: true,
    excludeInternal: true,
    // Source links point at the repository on GitHub at the documented commit, whatever the
    // clone's remote is (a CI clone has none that TypeDoc recognises, and it warns).
    sourceLinkTemplate: "https://github.com/paytok/paytok/blob/{gitRevision}/{path}#L{line}",
  },
  out: path.join(root, "docs", "api"),
  readme: "none",
  // The life-cycle diagram of core's README: GitHub draws it; TypeDoc shows it as text.
  ignoredHighlightLanguages: ["mermaid"],
  treatWarningsAsErrors: true,
  treatValidationWarningsAsErrors: true,
  githubPages: false,
  hideGenerator: true,
};
