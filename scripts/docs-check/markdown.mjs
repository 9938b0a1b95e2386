// Reads the repository's documents the way a reader does: the TypeScript blocks in the order they
// appear, the `<!-- run -->` marker above a block, and every install command seen so far.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** The marker, alone on the line above a ```ts block: the block is also run against the sandbox. */
export const RUN_MARKER = "<!-- run -->";

/** A block that names one of these talks to the sandbox, so it must be marked to be run. */
export const SANDBOX_SIGNS = ["PAYTOK_SANDBOX_URL", "127.0.0.1:4010", "localhost:4010"];

const TYPESCRIPT_FENCES = new Set(["ts", "typescript"]);
const SHELL_FENCES = new Set(["sh", "shell", "bash", "console"]);
const SKIPPED_DIRECTORIES = new Set([
  "node_modules",
  "dist",
  ".git",
  ".turbo",
  ".runtimes",
  "coverage",
]);

/**
 * @typedef {object} CodeBlock
 * @property {string} document path relative to the repository root, with `/`
 * @property {number} line 1-based line of the block's first code line in the document
 * @property {string} code
 * @property {boolean} run marked `<!-- run -->`
 * @property {string[]} installed packages installed by the install commands above the block
 */

/**
 * @typedef {object} DocumentBlocks
 * @property {string} document
 * @property {CodeBlock[]} blocks
 * @property {string[]} problems mistakes in the document itself (a stray marker, an unclosed fence)
 */

/**
 * Every README.md of the repository (outside node_modules and build output) and every Markdown
 * file under docs/, sorted.
 * @param {string} root
 * @returns {Promise<string[]>} paths relative to root, with `/`
 */
export async function findDocuments(root) {
  /** @type {string[]} */
  const found = [];
  /** @param {string} relative */
  const walk = async (relative) => {
    const entries = await readdir(path.join(root, relative), { withFileTypes: true });
    for (const entry of entries) {
      const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(child);
      } else if (
        entry.name === "README.md" ||
        (child.startsWith("docs/") && entry.name.endsWith(".md"))
      ) {
        found.push(child);
      }
    }
  };
  await walk("");
  return found.sort();
}

/**
 * The packages an install command makes importable: `npm install a b`, `npm i -D a`,
 * `pnpm add a`, `yarn add a`, `bun add a`. A global install (`-g`, `--global`) makes nothing
 * importable. Versions (`a@1.2`) are dropped.
 * @param {string} command one shell line
 * @returns {string[]}
 */
export function packagesInstalledBy(command) {
  const words = command.split("#")[0]?.split(/\s*(?:&&|\|\||;|\|)\s*/) ?? [];
  /** @type {string[]} */
  const installed = [];
  for (const part of words) {
    const tokens = part.trim().split(/\s+/);
    let start = -1;
    for (let index = 0; index < tokens.length - 1; index++) {
      const tool = tokens[index]?.replace(/^.*\//, "");
      const verb = tokens[index + 1];
      if (
        (tool === "npm" && (verb === "install" || verb === "i" || verb === "add")) ||
        ((tool === "pnpm" || tool === "yarn" || tool === "bun") && verb === "add")
      ) {
        start = index + 2;
        break;
      }
    }
    if (start < 0) continue;
    const arguments_ = tokens.slice(start);
    if (arguments_.some((token) => token === "-g" || token === "--global")) continue;
    for (const token of arguments_) {
      if (token === "" || token.startsWith("-")) continue;
      installed.push(withoutVersion(token));
    }
  }
  return installed;
}

/** @param {string} specifier `name`, `name@1`, `@scope/name`, `@scope/name@1` */
function withoutVersion(specifier) {
  const at = specifier.indexOf("@", specifier.startsWith("@") ? 1 : 0);
  return at < 0 ? specifier : specifier.slice(0, at);
}

/**
 * The TypeScript blocks of one document, each with the packages the install commands above it
 * installed (shell blocks and inline `npm install …` code spans alike).
 * @param {string} document
 * @param {string} text
 * @returns {DocumentBlocks}
 */
export function extractBlocks(document, text) {
  const lines = text.split("\n");
  /** @type {CodeBlock[]} */
  const blocks = [];
  /** @type {string[]} */
  const problems = [];
  /** @type {Set<string>} */
  const installed = new Set();
  /** @type {number | undefined} line index of a run marker waiting for its block */
  let pendingMarker;

  for (let index = 0; index < lines.length; index++) {
    const line = /** @type {string} */ (lines[index]);
    const fence = /^(\s*)(`{3,})\s*([^\s`]*)/.exec(line);
    if (fence === null) {
      if (line.trim() === RUN_MARKER) {
        if (pendingMarker !== undefined) {
          problems.push(
            `${document}:${pendingMarker + 1}: ${RUN_MARKER} is not followed by a ts block`,
          );
        }
        pendingMarker = index;
      } else if (line.trim() !== "" && pendingMarker !== undefined) {
        problems.push(
          `${document}:${pendingMarker + 1}: ${RUN_MARKER} is not followed by a ts block`,
        );
        pendingMarker = undefined;
      }
      for (const span of line.matchAll(/`([^`]+)`/g)) {
        for (const name of packagesInstalledBy(/** @type {string} */ (span[1])))
          installed.add(name);
      }
      continue;
    }
    const ticks = /** @type {string} */ (fence[2]);
    const language = (fence[3] ?? "").toLowerCase();
    const closing = lines.findIndex(
      (candidate, at) =>
        at > index &&
        candidate.trim().startsWith(ticks) &&
        candidate.trim().replaceAll("`", "") === "",
    );
    if (closing < 0) {
      problems.push(`${document}:${index + 1}: a code block that is never closed`);
      break;
    }
    const code = lines.slice(index + 1, closing).join("\n");
    if (TYPESCRIPT_FENCES.has(language)) {
      blocks.push({
        document,
        line: index + 2,
        code: `${code}\n`,
        run: pendingMarker !== undefined,
        installed: [...installed].sort(),
      });
    } else {
      if (pendingMarker !== undefined) {
        problems.push(
          `${document}:${pendingMarker + 1}: ${RUN_MARKER} is not followed by a ts block`,
        );
      }
      if (SHELL_FENCES.has(language)) {
        for (const command of code.split("\n")) {
          for (const name of packagesInstalledBy(command.replace(/^\$\s+/, "")))
            installed.add(name);
        }
      }
    }
    pendingMarker = undefined;
    index = closing;
  }
  if (pendingMarker !== undefined) {
    problems.push(`${document}:${pendingMarker + 1}: ${RUN_MARKER} is not followed by a ts block`);
  }
  for (const block of blocks) {
    const sign = SANDBOX_SIGNS.find((candidate) => block.code.includes(candidate));
    if (sign !== undefined && !block.run) {
      problems.push(
        `${document}:${block.line - 1}: this block talks to the sandbox (${sign}) but is not marked ${RUN_MARKER}`,
      );
    }
  }
  return { document, blocks, problems };
}

/**
 * @param {string} root
 * @param {string[]} [documents] default: every document of {@link findDocuments}
 * @returns {Promise<DocumentBlocks[]>}
 */
export async function readDocuments(root, documents) {
  const names = documents ?? (await findDocuments(root));
  return Promise.all(
    names.map(async (document) =>
      extractBlocks(document, await readFile(path.join(root, document), "utf8")),
    ),
  );
}
