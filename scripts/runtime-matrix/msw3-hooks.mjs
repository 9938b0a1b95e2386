// `node --import ./msw3-hooks.mjs …`: every `import "msw"` and `"msw/…"` of the process, the
// packages' `/testing` entries included, resolves to the msw of the folder named by
// RUNTIME_MATRIX_MSW_DIR (msw 3 from .runtimes/), as if a user had installed msw 3 next to
// paytok. The workspace's own msw (2.x, the packages' peer range) is never reached.
import { register } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const folder = process.env.RUNTIME_MATRIX_MSW_DIR;
if (folder === undefined) throw new Error("msw3-hooks.mjs: RUNTIME_MATRIX_MSW_DIR is not set");
register("./msw3-resolve.mjs", import.meta.url, {
  data: { parentURL: pathToFileURL(join(folder, "package.json")).href },
});
