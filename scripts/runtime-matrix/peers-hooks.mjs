// `node --import ./peers-hooks.mjs …`: every `import` of a peer the matrix tests at one end of its
// range (`msw`, `msw/…`, `openapi-fetch`) resolves to the copy in the folder that
// RUNTIME_MATRIX_PEERS names for it (a JSON object: package name → folder in .runtimes/), as if a
// user had installed that version next to paytok. The packages' own imports (their builds in
// packages/*/dist, their `/testing` entries) are redirected too; the workspace's own msw and
// openapi-fetch (the catalog's versions) are never reached.
import { register } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const folders = JSON.parse(process.env.RUNTIME_MATRIX_PEERS ?? "null");
if (folders === null) throw new Error("peers-hooks.mjs: RUNTIME_MATRIX_PEERS is not set");
register("./peers-resolve.mjs", import.meta.url, {
  data: Object.fromEntries(
    Object.entries(folders).map(([name, folder]) => [
      name,
      pathToFileURL(join(folder, "package.json")).href,
    ]),
  ),
});
