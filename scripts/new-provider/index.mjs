#!/usr/bin/env node
// pnpm new-provider <id> [--title "Display Name"] [--root DIR]
//
// Scaffolds @paytok/<id> from ./templates: specs/<id>.openapi.yaml (a stub that follows the
// conventions of the existing specs), packages/<id> (adapter, client, msw handlers, README,
// tests), and wires it into redocly.yaml, scripts/package.json, the README and a changeset.
// docs/contributing/add-a-provider.md walks through what comes next.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { scaffoldProvider } from "./scaffold-provider.mjs";

const argv = process.argv.slice(2);
/** @param {string} flag */
const option = (flag) => {
  const index = argv.indexOf(flag);
  return index === -1 ? undefined : argv[index + 1];
};
const positional = argv.filter(
  (argument, index) =>
    !argument.startsWith("--") && !["--title", "--root"].includes(argv[index - 1] ?? ""),
);
if (argv.includes("--help") || positional.length !== 1) {
  const usage = 'usage: pnpm new-provider <id> [--title "Display Name"] [--root DIR]';
  if (argv.includes("--help")) {
    console.log(usage);
    process.exit(0);
  }
  console.error(usage);
  process.exit(2);
}
const provider = /** @type {string} */ (positional[0]);
const rootOption = option("--root");
const root =
  rootOption === undefined
    ? path.resolve(fileURLToPath(new URL("../../", import.meta.url)))
    : path.resolve(rootOption);

try {
  const { written, names } = await scaffoldProvider({ root, provider, title: option("--title") });
  console.log(`new-provider: wrote @paytok/${provider} (${names.title}):`);
  for (const file of written) console.log(`  ${file}`);
  console.log(`
Next:
  1. Edit specs/${provider}.openapi.yaml from the provider's document (every TODO), then
     pnpm lint:specs && pnpm generate
  2. pnpm install
  3. Put the provider's quirks (only those) in packages/${provider}/src/${provider}-auth.ts and
     its emulator's documented behaviour in src/testing.ts, then
     pnpm turbo run typecheck test check:package --filter=@paytok/${provider}
  4. Record its document's samples in scripts/test/document-samples.ts, and its bundle size with
     node bench/size.mjs --update.
See docs/contributing/add-a-provider.md.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
