// Runs the bundled worker on workerd through miniflare, then exits. miniflare 4 needs Node 22+,
// so index.mjs starts this file on the Node 22 binary it installed:
//   node22 miniflare-host.mjs <miniflare install dir> <worker bundle> <control URL>
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [installDir, bundlePath, controlUrl] = process.argv.slice(2);
if (controlUrl === undefined) {
  throw new Error("usage: miniflare-host.mjs <miniflare dir> <bundle> <control URL>");
}
const require = createRequire(join(installDir, "package.json"));
const { Miniflare } = await import(pathToFileURL(require.resolve("miniflare")).href);

const miniflare = new Miniflare({
  modules: true,
  scriptPath: bundlePath,
  // The date of the workerd release that this miniflare pins: every flag it knows is on.
  compatibilityDate: process.env.RUNTIME_MATRIX_COMPATIBILITY_DATE,
});
let failed = 1;
try {
  const response = await miniflare.dispatchFetch("http://runtime-matrix.invalid/run", {
    method: "POST",
    body: controlUrl,
  });
  const result = await response.json();
  if (result.error !== undefined) console.error(`worker failed: ${result.error}`);
  failed = result.failed ?? 1;
} finally {
  await miniflare.dispose();
}
process.exit(failed === 0 ? 0 : 1);
