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
  sourceMapProblems,
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
        files: ["dist", "src", "test"],
        publishConfig: { access: "public" },
        sideEffects: true,
      },
    });
    expect(problems).toEqual([
      '@paytok/example: repository.directory must be "packages/example"',
      '@paytok/example: homepage must be "https://example.test/x/tree/main/packages/example#readme"',
      "@paytok/example: needs keywords",
      '@paytok/example: files may hold only dist, src, README.md, LICENSE, CHANGELOG.md (found "test")',
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
    "dist/index.js.map",
    "dist/index.cjs",
    "dist/index.cjs.map",
    "dist/index.d.ts",
    "dist/index.d.cts",
    "src/index.ts",
  ];

  it("accepts built output, its maps, its sources and the four documents", () => {
    expect(
      tarballFileProblems(tarball(good, { dependencies: { "@paytok/core": "^1.0.0" } })),
    ).toEqual([]);
  });

  it.each([
    ["a test", "dist/token.test.js"],
    ["a type test", "dist/types.test-d.ts"],
    ["a fixture", "dist/fixtures/token.json"],
    ["a TypeScript source in dist", "dist/index.ts"],
    ["a spec", "dist/paylater.openapi.yaml"],
    ["a spec in src", "src/paylater.openapi.yaml"],
    ["a test in src", "src/token.test.ts"],
    ["a JavaScript file in src", "src/index.js"],
    ["a file outside dist and src", "lib/index.js"],
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

describe("source maps", () => {
  const map = (sources: string[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({ version: 3, sources, names: [], mappings: "AAAA", ...extra });
  const check = (contents: Record<string, string>) =>
    sourceMapProblems(
      { name: "@paytok/example", version: "1.0.0", files: Object.keys(contents).sort() },
      async (file) => {
        const text = contents[file];
        if (text === undefined) throw new Error(`no ${file}`);
        return text;
      },
    );
  const built = {
    "dist/index.js": "export {};\n//# sourceMappingURL=index.js.map\n",
    "dist/index.js.map": map(["../src/index.ts", "../src/generated/schema.ts"]),
    "src/index.ts": "export {};",
    "src/generated/schema.ts": "export {};",
  };

  it("accepts a build whose maps name sources the tarball ships", async () => {
    expect(await check(built)).toEqual([]);
  });

  it("refuses a built file without its map or without the comment that names it", async () => {
    const { "dist/index.js.map": _, ...withoutMap } = built;
    expect(await check(withoutMap)).toEqual([
      "@paytok/example@1.0.0: dist/index.js has no source map (dist/index.js.map)",
    ]);
    expect(await check({ ...built, "dist/index.js": "export {};\n" })).toEqual([
      "@paytok/example@1.0.0: dist/index.js does not end with //# sourceMappingURL=index.js.map",
    ]);
    const twice =
      "export {};\n//# sourceMappingURL=index.js.map\n//# sourceMappingURL=index.js.map\n";
    expect(await check({ ...built, "dist/index.js": twice })).toEqual([
      "@paytok/example@1.0.0: dist/index.js names its source map more than once",
    ]);
  });

  it("refuses a map whose sources are not in the tarball", async () => {
    const { "src/generated/schema.ts": _, ...withoutSource } = built;
    expect(await check(withoutSource)).toEqual([
      "@paytok/example@1.0.0: dist/index.js.map names the source ../src/generated/schema.ts (src/generated/schema.ts), which the tarball does not ship",
    ]);
    expect(
      await check({ ...built, "dist/index.js.map": map(["index.ts"], { sourceRoot: "../lib/" }) }),
    ).toEqual([
      "@paytok/example@1.0.0: dist/index.js.map names the source index.ts (lib/index.ts), which the tarball does not ship",
    ]);
  });

  it("refuses a map of no file and a map that is not a source map", async () => {
    expect(await check({ ...built, "dist/gone.js.map": map(["../src/index.ts"]) })).toEqual([
      "@paytok/example@1.0.0: dist/gone.js.map is the map of no file in the tarball",
    ]);
    expect(await check({ ...built, "dist/index.js.map": "{}" })).toEqual([
      "@paytok/example@1.0.0: dist/index.js.map is not a version 3 source map",
    ]);
    // A re-export-only entry: a map without sources is fine.
    expect(await check({ ...built, "dist/index.js.map": map([]) })).toEqual([]);
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
