#!/usr/bin/env node
// The docs check: every ```ts block of every README.md (and of docs/**/*.md) is compiled as a
// reader would compile it, against the built packages, in a project that has installed exactly
// what the document's install commands install; blocks marked `<!-- run -->` also run against
// the sandbox. `node scripts/docs-check/index.mjs` prints what it did; the test
// (scripts/test/docs-check.test.ts) runs the same function in `pnpm test`.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileConsumer, workspacePackages, writeConsumer } from "./consumer.mjs";
import { readDocuments } from "./markdown.mjs";
import { runBlock } from "./run-blocks.mjs";

export { extractBlocks, findDocuments, packagesInstalledBy, RUN_MARKER } from "./markdown.mjs";

/**
 * @typedef {import("./markdown.mjs").DocumentBlocks} DocumentBlocks
 * @typedef {object} DocumentReport
 * @property {string} document
 * @property {number} blocks ```ts blocks in it
 * @property {number} compiled blocks that compiled
 * @property {number} runnable blocks marked to run
 * @property {number} ran blocks that ran and passed
 * @property {{ line: number, stdout: string }[]} outputs what each block that ran printed
 * @property {string[]} problems
 * @typedef {object} DocsReport
 * @property {DocumentReport[]} documents
 * @property {number} compiled
 * @property {number} ran
 * @property {string[]} problems
 */

/**
 * @param {{ root: string, documents?: DocumentBlocks[] }} options `documents` default: every
 *   document of the repository
 * @returns {Promise<DocsReport>}
 */
export async function checkDocuments({ root, documents }) {
  const all = documents ?? (await readDocuments(root));
  const workspace = await workspacePackages(root);
  const scratch = await mkdtemp(path.join(tmpdir(), "paytok-docs-check-"));
  /** @type {import("@paytok/cli/sandbox").RunningSandbox | undefined} */
  let sandbox;
  try {
    /** @type {DocumentReport[]} */
    const reports = [];
    for (const [index, document] of all.entries()) {
      /** @type {DocumentReport} */
      const report = {
        document: document.document,
        blocks: document.blocks.length,
        compiled: 0,
        runnable: document.blocks.filter((block) => block.run).length,
        ran: 0,
        outputs: [],
        problems: [...document.problems],
      };
      reports.push(report);
      if (document.blocks.length === 0) continue;
      const directory = path.join(scratch, `${index}`);
      const blocks = await writeConsumer({ root, directory, blocks: document.blocks, workspace });
      const compiled = compileConsumer({ directory, blocks, workspace });
      report.problems.push(...compiled.problems, ...blocks.flatMap((item) => item.problems));
      report.compiled = blocks.filter((item) => item.problems.length === 0).length;
      if (report.problems.length > 0) continue;
      for (const item of blocks.filter((candidate) => candidate.block.run)) {
        if (sandbox === undefined) {
          const { startSandbox } = await import("@paytok/cli/sandbox");
          sandbox = await startSandbox({ port: 0 });
        }
        const ran = await runBlock(item, directory, sandbox);
        report.outputs.push({ line: item.block.line - 1, stdout: ran.stdout });
        report.problems.push(...ran.problems);
        if (ran.problems.length === 0) report.ran += 1;
      }
    }
    return {
      documents: reports,
      compiled: reports.reduce((sum, report) => sum + report.compiled, 0),
      ran: reports.reduce((sum, report) => sum + report.ran, 0),
      problems: reports.flatMap((report) => report.problems),
    };
  } finally {
    await sandbox?.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const started = performance.now();
  const report = await checkDocuments({ root });
  const verbose = process.argv.includes("--verbose");
  for (const document of report.documents.filter((item) => item.blocks > 0)) {
    console.log(
      `${document.document}: ${document.compiled}/${document.blocks} compiled, ${document.ran}/${document.runnable} ran`,
    );
    if (!verbose) continue;
    for (const output of document.outputs) {
      console.log(`  ${document.document}:${output.line} printed:`);
      for (const line of output.stdout.trimEnd().split("\n")) console.log(`    ${line}`);
    }
  }
  for (const problem of report.problems) console.error(`✗ ${problem}`);
  const blocks = report.documents.reduce((sum, item) => sum + item.blocks, 0);
  const runnable = report.documents.reduce((sum, item) => sum + item.runnable, 0);
  console.log(
    `docs-check: ${report.compiled}/${blocks} blocks compiled, ${report.ran}/${runnable} ran against the sandbox, ${report.problems.length} problems (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (report.problems.length > 0) process.exitCode = 1;
}
