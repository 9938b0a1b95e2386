// The pieces of `pnpm release:check` (scripts/release-check): the metadata and tarball rules, the
// sample secrets read from specs/, the throw-away registry, and the clean-up on a signal. The
// whole check runs as its own turbo task (`release:check`), not in here.
import { spawn } from "node:child_process";
import { access, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startLocalRegistry } from "../release-check/local-registry.mjs";
import {
  findPrivatePackages,
  findPublishedPackages,
  metadataProblems,
} from "../release-check/published-packages.mjs";
import {
  type PublishedTarball,
  readSampleSecrets,
  tarballFileProblems,
} from "../release-check/tarball-checks.mjs";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

describe("package.json metadata", () => {
  it("every published package has what the registry needs", async () => {
    const published = await findPublishedPackages(repositoryRoot);
    expect(published.map((item) => item.name)).toContain("@paytok/paylater");
    expect(published.flatMap((item) => metadataProblems(item))).toEqual([]);
  });

  it("examples, bench and scripts are private", async () => {
    const names = (await findPrivatePackages(repositoryRoot)).map((item) => item.name);
    expect(names).toContain("@paytok/scripts");
    expect(names.some((name) => name.startsWith("@example/"))).toBe(true);
    const published = (await findPublishedPackages(repositoryRoot)).map((item) => item.name);
    for (const name of names) expect(published).not.toContain(name);
  });

  it("names each missing or wrong field", () => {
    const problems = metadataProblems({
      name: "@paytok/example",
      directory: "packages/example",
      manifest: {
        description: "An example",
        license: "MIT",
        repository: { type: "git", url: "git+https://example.test/x.git", directory: "packages/x" },
        homepage: "https://example.test/x",
        bugs: { url: "https://example.test/x/issues" },
        keywords: [],
        files: ["dist", "src"],
        publishConfig: { access: "public" },
        sideEffects: true,
      },
    });
    expect(problems).toEqual([
      '@paytok/example: repository.directory must be "packages/example"',
      '@paytok/example: homepage must be "https://example.test/x/tree/main/packages/example#readme"',
      "@paytok/example: needs keywords",
      '@paytok/example: files may hold only dist, README.md, LICENSE, CHANGELOG.md (found "src")',
      "@paytok/example: needs publishConfig.provenance: true",
      "@paytok/example: needs sideEffects: false",
      "@paytok/example: needs engines.node",
    ]);
  });
});

describe("tarball rules", () => {
  const tarball = (files: string[], manifest: Record<string, unknown> = {}): PublishedTarball => ({
    name: "@paytok/example",
    version: "1.0.0",
    file: "/nowhere/example.tgz",
    files,
    manifest,
  });
  const good = [
    "CHANGELOG.md",
    "LICENSE",
    "README.md",
    "package.json",
    "dist/index.js",
    "dist/index.cjs",
    "dist/index.d.ts",
    "dist/index.d.cts",
  ];

  it("accepts built output and the four documents", () => {
    expect(
      tarballFileProblems(tarball(good, { dependencies: { "@paytok/core": "^1.0.0" } })),
    ).toEqual([]);
  });

  it.each([
    ["a test", "dist/token.test.js"],
    ["a type test", "dist/types.test-d.ts"],
    ["a fixture", "dist/fixtures/token.json"],
    ["a TypeScript source", "dist/index.ts"],
    ["a source map", "dist/index.js.map"],
    ["a spec", "dist/paylater.openapi.yaml"],
    ["a file outside dist", "src/index.ts"],
    ["a test folder", "test/wire.test.ts"],
  ])("refuses %s (%s)", (_, file) => {
    expect(tarballFileProblems(tarball([...good, file]))).toEqual([
      expect.stringContaining(`ships ${file}`),
    ]);
  });

  it("requires README, LICENSE, CHANGELOG and dist", () => {
    expect(tarballFileProblems(tarball(["package.json"]))).toHaveLength(4);
  });

  it("refuses workspace: and catalog: ranges left in the published manifest", () => {
    const problems = tarballFileProblems(
      tarball(good, {
        dependencies: { "@paytok/core": "workspace:^", "openapi-fetch": "catalog:" },
      }),
    );
    expect(problems).toEqual([
      '@paytok/example@1.0.0: dependencies.@paytok/core was published as "workspace:^"',
      '@paytok/example@1.0.0: dependencies.openapi-fetch was published as "catalog:"',
    ]);
  });
});

describe("sample secrets of specs/", () => {
  it("collects the credentials and tokens of the specs' examples", async () => {
    const secrets = await readSampleSecrets(path.join(repositoryRoot, "specs"));
    expect(secrets).toContain("YOUR_CLIENT_SECRET");
    expect(secrets).toContain("example-client-secret");
    // Only values of secret-like fields: not token types, lifetimes or grant names.
    expect(secrets).not.toContain("Bearer");
    expect(secrets).not.toContain("client_credentials");
  });
});

describe("the local registry", () => {
  it("listens on a free loopback port, proxies nothing, and closes", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "paytok-registry-test-"));
    const registry = await startLocalRegistry(directory);
    try {
      expect(registry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect((await fetch(`${registry.url}-/ping`)).status).toBe(200);
      // No uplinks: a public package is not there.
      expect((await fetch(`${registry.url}openapi-fetch`)).status).toBe(404);
    } finally {
      await registry.close();
      await rm(directory, { recursive: true, force: true });
    }
    await expect(fetch(`${registry.url}-/ping`)).rejects.toThrow();
  });
});

describe("clean-up", () => {
  it("removes the registry and the temporary directories on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      [path.join(repositoryRoot, "scripts", "release-check", "index.mjs")],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    const workingDirectory = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        output += chunk;
        const directory = /working in (\S+)/.exec(output)?.[1];
        // Stop it once it has started the registry and is copying the repository.
        if (directory !== undefined && output.includes("copy the repository")) resolve(directory);
      });
      child.on("exit", () => reject(new Error(`release-check ended first:\n${output}`)));
    });
    const exitCode = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exitCode).toBe(143);
    await expect(access(workingDirectory)).rejects.toThrow();
  }, 60_000);
});
