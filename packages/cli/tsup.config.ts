import { defineConfig } from "tsup";
import { packageBuild } from "../../tsup.base";

export default defineConfig([
  // The library entry points, ESM + CJS + types like every package. The CLI's own output is kept
  // out of the clean so the two builds, which run side by side, never delete each other's files.
  {
    ...packageBuild({
      index: "src/index.ts",
      sandbox: "src/sandbox.ts",
      providers: "src/generated/providers.ts",
    }),
    platform: "node",
    clean: ["!cli.js"],
  },
  // The `paytok` executable: one ESM file with its shebang (tsup marks it executable).
  {
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    // A map like every other built file (see tsup.base.ts): a stack trace names src/.
    sourcemap: true,
    esbuildOptions(options) {
      options.sourcesContent = false;
    },
    splitting: false,
    target: "es2022",
    platform: "node",
  },
]);
