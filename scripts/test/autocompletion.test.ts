// Proves what a user sees in an editor: completions come from the TypeScript language service
// (the engine behind VS Code's IntelliSense), run against the built packages as a user installs them.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { providerRegistry } from "@paytok/cli";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const virtualFile = path.join(here, "virtual-user-code.ts");
const MARKER = "/*|*/";

/** Completion entry names at MARKER in `code`, a file that imports the packages like a user. */
function completionsAt(code: string): string[] {
  const position = code.indexOf(MARKER);
  if (position === -1) throw new Error("no marker in the sample code");
  const text = code.replace(MARKER, "");
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: true,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
  };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [virtualFile],
    getScriptVersion: () => "1",
    getScriptSnapshot: (fileName) => {
      if (fileName === virtualFile) return ts.ScriptSnapshot.fromString(text);
      const contents = ts.sys.readFile(fileName);
      return contents === undefined ? undefined : ts.ScriptSnapshot.fromString(contents);
    },
    getCurrentDirectory: () => here,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
    fileExists: (fileName) => fileName === virtualFile || ts.sys.fileExists(fileName),
    readFile: (fileName) => (fileName === virtualFile ? text : ts.sys.readFile(fileName)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: (fileName) => ts.sys.realpath?.(fileName) ?? fileName,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  const diagnostics = service
    .getSemanticDiagnostics(virtualFile)
    .filter((diagnostic) => diagnostic.code === 2307);
  expect(diagnostics.map((diagnostic) => diagnostic.messageText)).toEqual([]);
  const completions = service.getCompletionsAtPosition(virtualFile, position, {
    includeCompletionsWithInsertText: true,
  });
  return (completions?.entries ?? []).map((entry) => entry.name);
}

const credentials = 'clientId: "id", clientSecret: "secret"';

describe.each(
  // Every provider of the registry (generated from specs/), with the values its spec leaves open.
  providerRegistry.map((entry) => [
    entry.packageName,
    entry.authFactory,
    Object.keys(entry.endpoint.environments).sort(),
    entry.endpoint.requiredValues.map((field) => `, ${field}: "https://api.example"`).join(""),
  ]),
)("%s in an editor", (packageName, factory, environments, extra) => {
  it(`offers exactly the spec's environments inside ${factory}({ environment: "…" })`, () => {
    const code = `import { ${factory} } from "${packageName}";\n${factory}({ ${credentials}${extra}, environment: "${MARKER}" });\n`;
    expect(completionsAt(code).sort()).toEqual(environments);
  });

  it(`offers clientId and clientSecret inside ${factory}({ … })`, () => {
    const code = `import { ${factory} } from "${packageName}";\n${factory}({ ${MARKER} });\n`;
    const names = completionsAt(code);
    expect(names).toEqual(
      expect.arrayContaining(["clientId", "clientSecret", "environment", "baseUrl"]),
    );
    expect(names).toEqual(
      expect.arrayContaining(["fetch", "store", "refreshWindowMs", "timeoutMs", "retry"]),
    );
  });
});

describe("Pay-me scopes in an editor", () => {
  it("offers the four documented scopes inside the scope list", () => {
    const code = `import { createPaymeAuth } from "@paytok/payme";\ncreatePaymeAuth({ ${credentials}, audience: "https://api.example", scope: ["${MARKER}"] });\n`;
    expect(completionsAt(code).sort()).toEqual(
      ["create:token", "delete:charges", "get:charges", "post:charges"].sort(),
    );
  });

  it("offers audience and scope among the options", () => {
    const code = `import { createPaymeAuth } from "@paytok/payme";\ncreatePaymeAuth({ ${MARKER} });\n`;
    expect(completionsAt(code)).toEqual(expect.arrayContaining(["audience", "scope"]));
  });
});
