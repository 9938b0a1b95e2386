// The docs check (scripts/docs-check): every ```ts block of every README.md and docs/**/*.md
// compiles as a reader compiles it, against the built packages, with only what the document's
// install commands install; blocks marked <!-- run --> run against the sandbox over loopback.
// The second half feeds the checker broken documents to show that each rule can fail.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { providerNames } from "@paytok/cli/sandbox";
import { describe, expect, it } from "vitest";
import { checkDocuments, extractBlocks, packagesInstalledBy } from "../docs-check/index.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Checks one broken document of test/fixtures/docs-check with the repository's packages. */
async function check(name: string) {
  const document = `scripts/test/fixtures/docs-check/${name}`;
  const text = await readFile(path.join(root, document), "utf8");
  const report = await checkDocuments({ root, documents: [extractBlocks(document, text)] });
  return { ...report, at: (line: number) => `${document}:${line}` };
}

describe("the repository's documents", () => {
  it("every TypeScript block compiles, and every marked one runs against the sandbox", {
    timeout: 240_000,
  }, async () => {
    const report = await checkDocuments({ root });
    expect(report.problems).toEqual([]);
    const blocks = report.documents.reduce((sum, item) => sum + item.blocks, 0);
    const runnable = report.documents.reduce((sum, item) => sum + item.runnable, 0);
    expect(report.compiled).toBe(blocks);
    expect(report.ran).toBe(runnable);
    // Not an empty pass: the READMEs hold dozens of blocks and every provider has a runnable one.
    expect(blocks).toBeGreaterThan(30);
    for (const provider of providerNames) {
      const readme = report.documents.find(
        (item) => item.document === `packages/${provider}/README.md`,
      );
      expect(readme?.ran, provider).toBeGreaterThan(0);
    }
  });

  it('every provider README has a "Try it locally" section with the paytok sandbox command', async () => {
    for (const provider of providerNames) {
      const text = await readFile(path.join(root, "packages", provider, "README.md"), "utf8");
      expect(text, provider).toContain("## Try it locally");
      expect(text, provider).toContain(`npx @paytok/cli sandbox --provider ${provider}`);
    }
  });
});

describe("install commands", () => {
  it("count the packages a local install makes importable, and nothing else", () => {
    expect(packagesInstalledBy("npm install @paytok/paysway openapi-fetch   # a comment")).toEqual([
      "@paytok/paysway",
      "openapi-fetch",
    ]);
    expect(packagesInstalledBy("npm i -D msw@2 vitest && pnpm add @scope/name@1.2.3")).toEqual([
      "msw",
      "vitest",
      "@scope/name",
    ]);
    expect(packagesInstalledBy("npm install --global @paytok/cli")).toEqual([]);
    expect(packagesInstalledBy("npx @paytok/cli sandbox")).toEqual([]);
  });
});

describe("the checker fails a broken document", { timeout: 120_000 }, () => {
  it("a type error, at its line in the document", async () => {
    const { problems, compiled, at } = await check("type-error.md");
    expect(compiled).toBe(0);
    expect(problems).toEqual([expect.stringMatching(/:10:\d+: TS2322: .*"staging"/)]);
    expect(problems[0]?.startsWith(at(10))).toBe(true);
  });

  it("an import that only an install command further down installs", async () => {
    const { problems, at } = await check("install-below.md");
    expect(problems).toEqual(
      expect.arrayContaining([
        `${at(4)}: imports @paytok/paysway, but no install command above this block installs @paytok/paysway`,
        `${at(4)}: imports openapi-fetch, but no install command above this block installs openapi-fetch`,
      ]),
    );
  });

  it("a dependency's dependency that the document did not install (pnpm's strict layout)", async () => {
    const { problems, at } = await check("not-installed.md");
    expect(problems).toContainEqual(
      expect.stringContaining(`${at(8)}:31: TS2307: Cannot find module '@paytok/core'`),
    );
  });

  it("a relative import without its extension, and a name the block never shows", async () => {
    const { problems, at } = await check("unshown-names.md");
    expect(problems).toEqual([
      expect.stringContaining(`${at(4)}:28: TS2834: Relative import paths need explicit file`),
      expect.stringContaining(`${at(7)}:21: TS2304: Cannot find name 'apiBaseUrl'`),
    ]);
  });

  it("a runnable block whose assertion fails when it runs", async () => {
    const { problems, compiled, ran, at } = await check("failing-run.md");
    expect(compiled).toBe(1);
    expect(ran).toBe(0);
    expect(problems).toEqual([expect.stringContaining(`${at(8)}: the block exited with 1:`)]);
    expect(problems[0]).toContain("404 !== 200");
  });

  it("a runnable block that names the sandbox but never reaches it, or prints a token", async () => {
    const { problems, at } = await check("silent-and-printing.md");
    expect(problems).toEqual([
      `${at(8)}: the block names PAYTOK_SANDBOX_URL but sent nothing to the sandbox`,
      `${at(13)}: the block printed a token the sandbox issued (paysway)`,
    ]);
  });

  it("a block aimed at the sandbox without the marker, and a marker without a block", async () => {
    const { problems, at } = await check("unmarked-and-stray.md");
    expect(problems).toEqual([
      `${at(8)}: <!-- run --> is not followed by a ts block`,
      `${at(3)}: this block talks to the sandbox (127.0.0.1:4010) but is not marked <!-- run -->`,
    ]);
  });
});
