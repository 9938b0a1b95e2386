// TypeDoc plugin of `pnpm docs` (see typedoc.config.mjs). In "packages" mode TypeDoc converts each
// package on its own, with the options it finds in that package's folder; this plugin gives every
// package the options it would otherwise need a typedoc.json for, from what it already has:
//
//   entryPoints  one per subpath of package.json `exports` (but ./package.json): the build entry
//                ./dist/<name>.js comes from src/<name>.ts, the convention of tsup.base.ts (a
//                package whose entry has no such source fails the run, naming it);
//   intentionallyNotExported  the types below, per package;
//   validation.invalidPath    off for the READMEs below, per package;
//
// and names each entry's module by its import specifier (`@paytok/core/testing`, not `testing`).
//
// So a package added under packages/ is documented without any edit here.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Converter, DeclarationReflection, ReflectionKind } from "typedoc";

/**
 * Types that a public signature names but that no entry point exports, so the reference cannot
 * link them. Each one is a change to make in that package's src/index.ts (export the type); until
 * then it is listed here, so that any other such type still fails `pnpm docs`. TypeDoc also fails
 * when an entry here is no longer needed, so the list cannot go stale.
 * @type {Readonly<Record<string, readonly string[]>>}
 */
const NOT_EXPORTED_YET = {
  "@paytok/core": [
    "src/events.ts:EventBase",
    "src/middleware.ts:Replayable",
    "src/provider-auth.ts:AdapterArgument",
    "src/retry.ts:ResolvedRetryOptions",
    "src/token-request.ts:TokenRequestContext",
  ],
  "@paytok/redis": ["src/redis-adapter.ts:ClientListener"],
};

/**
 * README links the reference cannot follow: a link to a folder (`../core`) works on GitHub and
 * npm, but TypeDoc copies only files and warns. Per package, the exact link text; the check of
 * relative paths is off for that package only while its README still has the link (it fails once
 * the link is gone, so the exception cannot outlive its reason). The README owner's fix: link
 * `../core/README.md`.
 * @type {Readonly<Record<string, string>>}
 */
const README_FOLDER_LINKS = {
  "@paytok/alternative-payments": "](../core)",
  "@paytok/lab4pay": "](../core)",
  "@paytok/paysway": "](../core)",
};

/**
 * The TypeScript source of each `exports` subpath of a package.
 * @param {string} directory
 * @param {Record<string, unknown>} manifest
 * @returns {{ sources: string[], specifiers: Map<string, string>, problems: string[] }}
 *   specifiers: source file → the import specifier of its entry
 */
export function entrySources(directory, manifest) {
  const sources = [];
  /** @type {Map<string, string>} */
  const specifiers = new Map();
  const problems = [];
  const exportsField = /** @type {Record<string, any>} */ (manifest.exports ?? {});
  for (const [subpath, target] of Object.entries(exportsField)) {
    if (subpath === "./package.json") continue;
    const built =
      typeof target === "string" ? target : (target?.import?.default ?? target?.default);
    const name = /^\.\/dist\/(.+)\.[cm]?js$/.exec(String(built))?.[1];
    const source = name === undefined ? undefined : path.join(directory, "src", `${name}.ts`);
    if (source === undefined || !existsSync(source)) {
      problems.push(
        `${manifest.name}: exports["${subpath}"] (${built}) has no source src/<name>.ts to document`,
      );
    } else {
      sources.push(source);
      specifiers.set(
        source,
        subpath === "." ? String(manifest.name) : `${manifest.name}/${subpath.slice(2)}`,
      );
    }
  }
  if (sources.length === 0 && problems.length === 0) {
    problems.push(`${manifest.name}: package.json has no exports to document`);
  }
  return { sources, specifiers, problems };
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  /** Source file of an entry → its import specifier, for every package read so far. */
  const specifiers = new Map();
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const modules = context.project.getReflectionsByKind(ReflectionKind.Module);
    for (const module of modules) {
      if (!(module instanceof DeclarationReflection)) continue;
      const file = module.sources?.[0]?.fullFileName;
      const specifier = file === undefined ? undefined : specifiers.get(path.resolve(file));
      if (specifier !== undefined) module.name = specifier;
    }
  });
  app.options.addReader({
    name: "paytok-package-options",
    // After typedoc.json (100) and package.json's typedocOptions (150), before tsconfig (200).
    order: 160,
    supportsPackages: true,
    read(container, logger, cwd) {
      // The root run names the package folders itself; only a package folder is read here.
      if (container.isSet("entryPoints")) return;
      const file = path.join(cwd, "package.json");
      if (!existsSync(file)) return;
      const manifest = JSON.parse(readFileSync(file, "utf8"));
      const entries = entrySources(cwd, manifest);
      const { sources, problems } = entries;
      for (const [source, specifier] of entries.specifiers)
        specifiers.set(path.resolve(source), specifier);
      for (const problem of problems) logger.error(problem);
      container.setValue("entryPoints", sources, cwd);
      const notExported = NOT_EXPORTED_YET[manifest.name];
      if (notExported !== undefined) {
        container.setValue("intentionallyNotExported", [...notExported], cwd);
      }
      const folderLink = README_FOLDER_LINKS[manifest.name];
      if (folderLink !== undefined) {
        const readme = path.join(cwd, "README.md");
        if (existsSync(readme) && readFileSync(readme, "utf8").includes(folderLink)) {
          container.setValue("validation", { invalidPath: false }, cwd);
        } else {
          logger.error(
            `${manifest.name}: README.md no longer links "${folderLink}": remove it from README_FOLDER_LINKS in scripts/docs/typedoc-plugin.mjs`,
          );
        }
      }
    },
  });
}
