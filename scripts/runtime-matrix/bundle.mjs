// esbuild bundles of the smoke, for the rows that cannot load the workspace packages from disk.
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * worker.mjs and everything it imports in one ES module, as a Worker's build makes it: the
 * packages' `exports` are read with the conditions workerd's own bundler (wrangler) uses.
 */
export async function bundleWorker(outfile) {
  await mkdir(dirname(outfile), { recursive: true });
  await build({
    entryPoints: [join(here, "worker.mjs")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    logLevel: "warning",
  });
  return outfile;
}
