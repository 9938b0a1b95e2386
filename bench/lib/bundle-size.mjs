// Benchmark 4: what paytok adds to a bundle. Each provider is bundled the way an app would use it
// (create the auth, hand its middleware to an openapi-fetch client) with esbuild, minified, and
// gzipped at level 9. paytok's own share is measured by a second bundle that leaves openapi-fetch
// out; esbuild's metafile splits the minified bytes per input file.

import { Buffer } from "node:buffer";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const benchDirectory = fileURLToPath(new URL("..", import.meta.url));
const repositoryRoot = join(benchDirectory, "..");

export const SIZE_GOALS = { paytokGzip: 2560, totalGzip: 5120 };

const placeholderCredentials = (entry) =>
  JSON.stringify({
    clientId: entry.clientId,
    clientSecret: "client-secret",
    ...entry.extraOptions,
  });

/** An app that creates the auth and uses its middleware on an openapi-fetch client. */
export function appSource(entry) {
  return [
    `import createClient from "openapi-fetch";`,
    `import { ${entry.factory} } from "${entry.packageName}";`,
    `const auth = ${entry.factory}(${placeholderCredentials(entry)});`,
    `export const client = createClient({ baseUrl: "https://api.example.com" });`,
    "client.use(auth.middleware);",
  ].join("\n");
}

/** The same app without its own openapi-fetch client: paytok's code and a line of glue. */
function authOnlySource(entry) {
  return [
    `import { ${entry.factory} } from "${entry.packageName}";`,
    `export const middleware = ${entry.factory}(${placeholderCredentials(entry)}).middleware;`,
  ].join("\n");
}

const openapiFetchOnlySource = [
  `import createClient from "openapi-fetch";`,
  `export const client = createClient({ baseUrl: "https://api.example.com" });`,
].join("\n");

/** Resolves `@paytok/<name>` to its TypeScript source, for a per-file breakdown. */
const fromSourcePlugin = {
  name: "paytok-from-source",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^@paytok\/[a-z0-9-]+$/ }, (args) => ({
      path: join(repositoryRoot, "packages", args.path.slice("@paytok/".length), "src/index.ts"),
    }));
  },
};

/**
 * Bundles `contents` as an app would (esbuild, minified, code split) and measures what the app
 * loads up front: the entry chunk and the chunks it imports statically. A module paytok imports
 * only with `import()` on a path the app may never take (the shared-store protocol) lands in a
 * chunk of its own, loaded when that path is taken, and is not counted.
 */
async function bundle(contents, plugins = [], external = []) {
  const result = await build({
    external,
    stdin: { contents, resolveDir: benchDirectory, sourcefile: "app.mjs", loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    splitting: true,
    platform: "neutral",
    write: false,
    outdir: "out",
    metafile: true,
    logLevel: "silent",
    plugins,
  });
  const outputs = result.metafile.outputs;
  const [entry] = Object.keys(outputs).filter((name) => outputs[name].entryPoint !== undefined);
  const loaded = new Set();
  const visit = (name) => {
    if (loaded.has(name)) return;
    loaded.add(name);
    for (const imported of outputs[name].imports) {
      if (imported.kind === "import-statement" && !imported.external) visit(imported.path);
    }
  };
  visit(entry);
  const files = result.outputFiles.filter((file) =>
    loaded.has(file.path.slice(file.path.indexOf("out/"))),
  );
  const code = Buffer.concat(files.map((file) => file.contents));
  return {
    minified: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    inputs: [...loaded].flatMap((name) =>
      Object.entries(outputs[name].inputs).map(([path, { bytesInOutput }]) => ({
        path,
        bytesInOutput,
      })),
    ),
  };
}

function owner(path) {
  if (path.includes("openapi-fetch")) return "openapi-fetch";
  if (path.includes("@paytok/") || path.includes("packages/")) return "paytok";
  return "app";
}

/** openapi-fetch alone, as the same app would bundle it. */
export async function measureOpenapiFetchBundle() {
  const { minified, gzip } = await bundle(openapiFetchOnlySource);
  return { minified, gzip };
}

/**
 * @param {import("./providers.mjs").ProviderEntry} entry
 * @param {{ breakdown?: boolean }} options `breakdown` adds the biggest source files (bundled
 *   from `packages/*\/src` instead of `dist`, so that files are named as in the repository).
 */
export async function measureProviderBundle(entry, { breakdown = false } = {}) {
  const whole = await bundle(appSource(entry));
  // The provider packages send their token requests through openapi-fetch: leaving it external
  // keeps this bundle to paytok's own code.
  const own = await bundle(authOnlySource(entry), [], ["openapi-fetch"]);
  const minifiedByOwner = { paytok: 0, "openapi-fetch": 0, app: 0 };
  for (const input of whole.inputs) minifiedByOwner[owner(input.path)] += input.bytesInOutput;
  const result = {
    provider: entry.id,
    paytok: { minified: own.minified, gzip: own.gzip },
    total: { minified: whole.minified, gzip: whole.gzip },
    minifiedByOwner,
  };
  if (breakdown) {
    const fromSource = await bundle(authOnlySource(entry), [fromSourcePlugin], ["openapi-fetch"]);
    result.biggestSourceFiles = fromSource.inputs
      .filter((input) => input.bytesInOutput > 0)
      .map((input) => ({
        path: input.path.replace(/^(\.\.\/)+/, ""),
        minified: input.bytesInOutput,
      }))
      .sort((left, right) => right.minified - left.minified);
    result.paytokFromSource = { minified: fromSource.minified, gzip: fromSource.gzip };
  }
  return result;
}
