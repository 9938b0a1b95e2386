// A temporary copy of the repository to version and publish from, so that the real checkout is
// never touched: the files git would commit (tracked, plus untracked ones that are not ignored),
// the built dist/ of each published package (turbo builds them before this task), and a symlink
// to the real node_modules (pnpm's links are relative, so they resolve the same from the copy).
import { execFile } from "node:child_process";
import { access, cp, mkdir, readdir, symlink } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** Never copied when git is not there to say what is ignored. */
const SKIPPED_DIRECTORIES = new Set([".git", "node_modules", "dist", ".turbo", "coverage"]);

/**
 * @param {string} root
 * @returns {Promise<string[]>} paths relative to root
 */
async function listRepositoryFiles(root) {
  try {
    const { stdout } = await execFileAsync(
      "git",
      ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
    );
    return stdout.split("\0").filter((file) => file !== "");
  } catch {
    /** @type {string[]} */
    const files = [];
    const walk = async (/** @type {string} */ relative) => {
      for (const entry of await readdir(path.join(root, relative), { withFileTypes: true })) {
        const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(child);
        } else if (entry.isFile()) {
          files.push(child);
        }
      }
    };
    await walk("");
    return files;
  }
}

/**
 * @param {{
 *   root: string,
 *   target: string,
 *   builtDirectories: readonly string[],
 *   linkNodeModules?: boolean,
 * }} options
 *   builtDirectories: package directories (relative) whose dist/ is copied as well;
 *   linkNodeModules: symlink the real node_modules (default), or leave the copy to `pnpm install`
 * @returns {Promise<number>} how many files were copied
 */
export async function copyRepository({ root, target, builtDirectories, linkNodeModules = true }) {
  const files = await listRepositoryFiles(root);
  let copied = 0;
  const directories = new Set(files.map((file) => path.dirname(path.join(target, file))));
  await Promise.all([...directories].map((directory) => mkdir(directory, { recursive: true })));
  // Small batches: a few hundred files, without opening them all at once.
  for (let index = 0; index < files.length; index += 64) {
    await Promise.all(
      files.slice(index, index + 64).map(async (file) => {
        // A tracked file deleted in the working tree is not part of what would be committed, and
        // a file another task writes for a moment (attw --pack's tarball) may be gone already.
        try {
          await cp(path.join(root, file), path.join(target, file));
          copied += 1;
        } catch (error) {
          if (/** @type {NodeJS.ErrnoException} */ (error).code !== "ENOENT") throw error;
        }
      }),
    );
  }
  for (const directory of builtDirectories) {
    const dist = path.join(root, directory, "dist");
    if (
      !(await access(dist).then(
        () => true,
        () => false,
      ))
    ) {
      throw new Error(
        `${directory}/dist is missing: run this through turbo (\`pnpm release:check\`, ` +
          "`pnpm test`), which builds every dependency of @paytok/scripts first, and make sure " +
          "the package is a devDependency of scripts/package.json.",
      );
    }
    await cp(dist, path.join(target, directory, "dist"), { recursive: true });
  }
  if (linkNodeModules) {
    await symlink(path.join(root, "node_modules"), path.join(target, "node_modules"), "dir");
  }
  return copied;
}
