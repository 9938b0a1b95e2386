// TypeDoc plugin of `pnpm docs` (see typedoc.config.mjs). In "packages" mode TypeDoc converts each
// package on its own, with the options it finds in that package's folder; this plugin gives every
// package the options it would otherwise need a typedoc.json for, from what it already has:
//
//   entryPoints  one per subpath of package.json `exports` (but ./package.json): the build entry
//                ./dist/<name>.js comes from src/<name>.ts, the convention of tsup.base.ts (a
//                package whose entry has no such source fails the run, naming it);
//
// and names each entry's module by its import specifier (`@paytok/core/testing`, not `testing`).
//
// So a package added under packages/ is documented without any edit here.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Converter, DeclarationReflection, ReflectionKind } from "typedoc";

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
    },
  });
}
