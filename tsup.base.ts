import type { Options } from "tsup";

/** One build shape for every published package: ESM + CJS + .d.ts, no minification, no bundled deps. */
export function packageBuild(entry: Record<string, string>): Options {
  return {
    entry,
    format: ["esm", "cjs"],
    dts: true,
    clean: true,
    sourcemap: false,
    splitting: true,
    treeshake: true,
    target: "es2022",
    platform: "neutral",
  };
}
