// One throw-away project per document, outside the repository, set up the way a reader's project
// is after running the document's install commands: node_modules holds exactly the packages those
// commands install (the @paytok ones linked to their built packages/*, like a pnpm install, so
// their own dependencies resolve from there and nothing else leaks in), plus @types/node.
// The blocks are compiled there with the TypeScript compiler against the packages' dist types
// (nodenext, strict), and emitted as ES modules for the runnable ones.
import { copyFile, mkdir, readdir, readFile, realpath, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** The shared declarations of the reader's own modules (`./payment-api.js` …). */
export const PLACEHOLDERS_FILE = fileURLToPath(new URL("./placeholders.d.ts", import.meta.url));

/** Always in a TypeScript-on-Node project, whatever a document installs. */
const ENVIRONMENT_PACKAGES = ["@types/node"];

/**
 * A reader's tsconfig.json: what `tsc --init` of TypeScript 5.9 writes for Node (nodenext,
 * strict, the stricter index and optional-property checks), with `types: ["node"]`.
 */
export const READER_COMPILER_OPTIONS = {
  target: "es2022",
  lib: ["es2022"],
  module: "nodenext",
  moduleResolution: "nodenext",
  moduleDetection: "force",
  types: ["node"],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  noUncheckedSideEffectImports: true,
  skipLibCheck: true,
  outDir: "dist",
  rootDir: ".",
};

/**
 * @typedef {import("./markdown.mjs").CodeBlock} CodeBlock
 * @typedef {object} ConsumerBlock
 * @property {CodeBlock} block
 * @property {string} source the block's .ts file in the consumer
 * @property {string} output its emitted .js file
 * @property {string[]} problems compile errors, as `document:line:column: message`
 */

/** @param {string} specifier */
export function packageNameOf(specifier) {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/**
 * The workspace's own packages by name: `@paytok/paylater` → `<root>/packages/paylater`.
 * @param {string} root
 * @returns {Promise<Map<string, string>>}
 */
export async function workspacePackages(root) {
  /** @type {Map<string, string>} */
  const byName = new Map();
  for (const entry of await readdir(path.join(root, "packages"), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const directory = path.join(root, "packages", entry.name);
    try {
      const manifest = JSON.parse(await readFile(path.join(directory, "package.json"), "utf8"));
      if (!manifest.private) byName.set(manifest.name, directory);
    } catch {
      // not a package
    }
  }
  return byName;
}

/**
 * Where an outside package is in the repository's install: next to the workspace packages that
 * depend on it first (so a reader's `openapi-fetch` is the very copy `@paytok/*` use, as a
 * package manager would dedupe it), then pnpm's hoisted store.
 * @param {string} root
 * @param {string} name
 * @param {string[]} linkedDirectories
 */
async function outsidePackage(root, name, linkedDirectories) {
  const candidates = [
    ...linkedDirectories.map((directory) => path.join(directory, "node_modules", name)),
    path.join(root, "scripts", "node_modules", name),
    path.join(root, "node_modules", ".pnpm", "node_modules", name),
  ];
  for (const candidate of candidates) {
    try {
      return await realpath(candidate);
    } catch {
      // try the next one
    }
  }
  throw new Error(
    `docs-check: ${name} is installed by a document but not in this repository's install`,
  );
}

/**
 * Writes the consumer project of one document's blocks into `directory`.
 * @param {{ root: string, directory: string, blocks: CodeBlock[], workspace: Map<string, string> }} options
 * @returns {Promise<ConsumerBlock[]>}
 */
export async function writeConsumer({ root, directory, blocks, workspace }) {
  await mkdir(path.join(directory, "node_modules"), { recursive: true });
  await writeFile(
    path.join(directory, "package.json"),
    `${JSON.stringify({ name: "docs-check-reader", private: true, type: "module" }, null, 2)}\n`,
  );
  await writeFile(
    path.join(directory, "tsconfig.json"),
    `${JSON.stringify({ compilerOptions: READER_COMPILER_OPTIONS }, null, 2)}\n`,
  );
  await copyFile(PLACEHOLDERS_FILE, path.join(directory, "placeholders.d.ts"));

  // Whatever any block of the document had installed above it; each block is then checked
  // against its own list, so a package installed further down does not count for it.
  const installed = [...new Set(blocks.flatMap((block) => block.installed))].sort();
  const paytok = installed.filter((name) => workspace.has(name));
  const linkedDirectories = paytok.map((name) => /** @type {string} */ (workspace.get(name)));
  for (const name of [...installed, ...ENVIRONMENT_PACKAGES]) {
    const target = workspace.get(name) ?? (await outsidePackage(root, name, linkedDirectories));
    const link = path.join(directory, "node_modules", name);
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(target, link, "dir");
  }

  return Promise.all(
    blocks.map(async (block) => {
      const base = `${block.document.replaceAll(/[^A-Za-z0-9]+/g, "-")}-line-${block.line}`;
      const source = path.join(directory, `${base}.ts`);
      await writeFile(source, block.code);
      return { block, source, output: path.join(directory, "dist", `${base}.js`), problems: [] };
    }),
  );
}

/** Source files outside the consumers (lib files, @types/node, dist types) parsed only once. */
const sharedSourceFiles = new Map();

/**
 * Compiles the consumer's blocks in one program and emits them when all compile. A block that
 * imports a package no install command above it installed is a problem too, even when another
 * block's install line made it resolvable.
 * @param {{ directory: string, blocks: ConsumerBlock[], workspace: Map<string, string> }} options
 */
export function compileConsumer({ directory, blocks }) {
  const { options, errors } = ts.convertCompilerOptionsFromJson(READER_COMPILER_OPTIONS, directory);
  if (errors.length > 0)
    throw new Error(ts.flattenDiagnosticMessageText(errors[0]?.messageText, "\n"));
  const host = ts.createCompilerHost(options);
  // As if `tsc` ran in the consumer: type roots and relative paths are found from there.
  host.getCurrentDirectory = () => directory;
  const readSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    if (fileName.startsWith(directory)) return readSourceFile(fileName, languageVersion, ...rest);
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    if (!sharedSourceFiles.has(key)) {
      sharedSourceFiles.set(key, readSourceFile(fileName, languageVersion, ...rest));
    }
    return sharedSourceFiles.get(key);
  };
  const placeholders = path.join(directory, "placeholders.d.ts");
  const program = ts.createProgram({
    rootNames: [placeholders, ...blocks.map((item) => item.source)],
    options,
    host,
  });
  const bySource = new Map(blocks.map((item) => [path.resolve(item.source), item]));
  /** @type {string[]} */
  const elsewhere = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    const file = diagnostic.file;
    const owner = file === undefined ? undefined : bySource.get(path.resolve(file.fileName));
    if (file === undefined || owner === undefined || diagnostic.start === undefined) {
      const where =
        file === undefined
          ? ""
          : `${file.fileName === placeholders ? path.relative(process.cwd(), PLACEHOLDERS_FILE) : file.fileName}: `;
      elsewhere.push(`${where}TS${diagnostic.code}: ${message}`);
      continue;
    }
    const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start);
    owner.problems.push(
      `${owner.block.document}:${owner.block.line + line}:${character + 1}: TS${diagnostic.code}: ${message}`,
    );
  }
  for (const item of blocks) {
    const file = program.getSourceFile(item.source);
    if (file === undefined) continue;
    for (const specifier of importedPackages(file)) {
      const name = packageNameOf(specifier);
      if (!item.block.installed.includes(name) && !ENVIRONMENT_PACKAGES.includes(name)) {
        item.problems.push(
          `${item.block.document}:${item.block.line}: imports ${specifier}, but no install command above this block installs ${name}`,
        );
      }
    }
  }
  const failed = elsewhere.length > 0 || blocks.some((item) => item.problems.length > 0);
  if (!failed) {
    const emitted = program.emit();
    for (const diagnostic of emitted.diagnostics) {
      elsewhere.push(`emit: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`);
    }
  }
  return { problems: elsewhere };
}

/**
 * Bare specifiers of a block's imports and re-exports (`node:` built-ins and relative paths aside).
 * @param {ts.SourceFile} file
 */
function importedPackages(file) {
  /** @type {string[]} */
  const specifiers = [];
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return specifiers.filter(
    (specifier) => !specifier.startsWith(".") && !specifier.startsWith("node:"),
  );
}
