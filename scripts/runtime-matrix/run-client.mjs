// Entry of the smoke on Node, Bun and Deno: `<runtime> run-client.mjs <control URL>`.
//
// How the packages are loaded: by their bare names, from scripts/node_modules/@paytok/* (pnpm's
// links to the workspace packages), so each runtime resolves them through the packages'
// `exports` to the ESM builds in packages/*/dist, as it would for an installed package. No
// bundle here: a bundle would hide how a runtime resolves and loads the published files. Only
// workerd, which cannot read files, gets an esbuild bundle (see worker.mjs).
import { baseChecks, runSmoke } from "./client.mjs";

const controlUrl = globalThis.Deno?.args[0] ?? globalThis.process?.argv[2];
if (controlUrl === undefined) throw new Error("usage: run-client.mjs <control URL>");

const config = await fetch(`${controlUrl}/config`).then((response) => response.json());
const checks = [...baseChecks];
// The Redis store, on the rows that ask for it (the Node rows): a Node-only client library.
if (config.redisUrl !== undefined) {
  const { redisCheck } = await import("./redis-check.mjs");
  checks.push(redisCheck);
}

const failed = await runSmoke(controlUrl, { checks });
// Open keep-alive sockets must not keep the process up: the result is known.
const exit = globalThis.Deno?.exit ?? globalThis.process.exit;
exit(failed === 0 ? 0 : 1);
