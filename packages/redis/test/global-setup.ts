import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { INSTALL_HINT } from "./fixtures/redis-server.mjs";

const packageDirectory = fileURLToPath(new URL("..", import.meta.url));

function newestModification(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs,
    );
  }
  return newest;
}

/**
 * The child processes run the built packages (plain `node` cannot load TypeScript), so this makes
 * sure they exist: redis-server installed, @paytok/core built, this package's dist not older than
 * its src (rebuilt here if it is; under `pnpm test` turbo has built it already).
 */
export default function setup(): void {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
  } catch (cause) {
    throw new Error(INSTALL_HINT, { cause });
  }
  const coreDist = join(packageDirectory, "node_modules", "@paytok", "core", "dist", "index.js");
  if (!existsSync(coreDist)) {
    throw new Error("@paytok/core is not built: run `pnpm --filter @paytok/core build` first");
  }
  const dist = join(packageDirectory, "dist", "index.js");
  const stale =
    !existsSync(dist) || statSync(dist).mtimeMs < newestModification(join(packageDirectory, "src"));
  if (stale) {
    execFileSync(join(packageDirectory, "node_modules", ".bin", "tsup"), [], {
      cwd: packageDirectory,
      stdio: "ignore",
    });
  }
}
