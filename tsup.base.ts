import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Options } from "tsup";

const SOURCE_MAP_COMMENT = /^\/\/# sourceMappingURL=.*$/gm;

/**
 * With `treeshake`, tsup passes esbuild's output through rollup, whose `generate()` already ends
 * the code with a `//# sourceMappingURL=` comment, and then appends its own: every file would
 * name its map twice. Keeps the last one.
 */
async function keepOneSourceMapComment(outDir: string): Promise<void> {
  for (const file of await readdir(outDir)) {
    if (!/\.[cm]?js$/.test(file)) continue;
    const filePath = path.join(outDir, file);
    const code = await readFile(filePath, "utf8");
    const comments = code.match(SOURCE_MAP_COMMENT) ?? [];
    if (comments.length < 2) continue;
    const body = code.replace(SOURCE_MAP_COMMENT, "").trimEnd();
    await writeFile(filePath, `${body}\n${comments.at(-1)}`);
  }
}

/**
 * One build shape for every published package: ESM + CJS + .d.ts, no minification, no bundled
 * deps, and a source map beside every .js/.cjs file. The maps name the TypeScript files in `src/`,
 * which every package ships (`files`), instead of embedding them (`sourcesContent`): a stack trace
 * or a debugger opens the real file, and the sources are not in the tarball twice.
 */
export function packageBuild(entry: Record<string, string>): Options {
  return {
    entry,
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: true,
    esbuildOptions(options) {
      options.sourcesContent = false;
    },
    onSuccess: () => keepOneSourceMapComment("dist"),
    splitting: true,
    treeshake: true,
    target: "es2022",
    platform: "neutral",
  };
}
