// Installs the runtimes of the matrix from the npm registry into .runtimes/ (gitignored), at the
// exact versions of runtimes.json, and reuses an install that is already complete. Nothing here
// looks at runtimes installed by hand: every row runs a binary from this folder (or the host's
// own Node 20).
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PEERS, peerEnds, peerFolder } from "../lib/peer-ranges.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const runtimesDir = join(here, ".runtimes");
export const pins = JSON.parse(readFileSync(join(here, "runtimes.json"), "utf8"));
const repositoryRoot = join(here, "..", "..");

/** Written last: a folder without it (an install that was cut short) is never reused. */
const MARKER = "runtime-matrix-install.json";
/** Installs of the registry's biggest tarballs on a busy machine: a hang guard, not a budget. */
const INSTALL_TIMEOUT_MS = 15 * 60_000;

/**
 * The installs the matrix needs: folder name → the exact package specs npm installs there, and
 * the packages whose install scripts must run (each of these puts its platform binary in place).
 * They are listed in the folder's package.json `allowScripts`, which npm 11 reads: it warns
 * about scripts not listed there and is to skip them by default.
 */
export function installsOf(versions = pins, ends = peerEnds(repositoryRoot, versions.peers).ends) {
  const runtime = (name, version) => ({
    specs: [`${name}@${version}`],
    scripts: [`${name}@${version}`],
  });
  return {
    [`node-${versions.node22}`]: runtime("node", versions.node22),
    [`node-${versions.node24}`]: runtime("node", versions.node24),
    [`bun-${versions.bun}`]: runtime("bun", versions.bun),
    [`deno-${versions.deno}`]: runtime("deno", versions.deno),
    // workerd's version is the one this miniflare pins exactly.
    [`miniflare-${versions.miniflare}`]: {
      specs: [`miniflare@${versions.miniflare}`],
      scripts: ["workerd"],
    },
    // Both ends of each peer range (peer-ranges.mjs). msw's postinstall only copies its browser
    // worker into a web project: not wanted here; openapi-fetch has no install script.
    ...Object.fromEntries(
      PEERS.flatMap((name) => {
        const end = ends[name];
        if (end === undefined) return [];
        return [...new Set([end.lowest, end.highest])]
          .filter((version) => version !== undefined)
          .map((version) => [
            peerFolder(name, version),
            { specs: [`${name}@${version}`], scripts: [] },
          ]);
      }),
    ),
  };
}

/** npm's environment without what a pnpm/turbo parent put there for its own scripts. */
function npmEnvironment() {
  const environment = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^npm_(lifecycle|package|command|execpath|node_execpath)/i.test(name)) continue;
    if (/^npm_config_(user_agent|frozen_lockfile|prefix|global|workspace)/i.test(name)) continue;
    environment[name] = value;
  }
  return { ...environment, npm_config_update_notifier: "false", npm_config_fund: "false" };
}

function npmInstall(prefix, specs, log) {
  const args = ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund"];
  return new Promise((resolve, reject) => {
    const child = spawn("npm", [...args, ...specs], {
      env: npmEnvironment(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), INSTALL_TIMEOUT_MS);
    // A slow install says so, instead of a silent CI log (npm retries a failing request for
    // over a minute before it falls back to its cache or gives up).
    const started = Date.now();
    const heartbeat = setInterval(() => {
      const minutes = Math.round((Date.now() - started) / 60_000);
      log(`still installing ${specs.join(" ")} after ${minutes} min`);
    }, 60_000);
    const stop = () => {
      clearTimeout(timer);
      clearInterval(heartbeat);
    };
    child.once("error", (error) => {
      stop();
      reject(error);
    });
    child.once("close", (code, signal) => {
      stop();
      if (code === 0) resolve();
      else
        reject(new Error(`npm install ${specs.join(" ")} failed (${signal ?? code}):\n${output}`));
    });
  });
}

function isInstalled(folder, install) {
  const marker = join(folder, MARKER);
  if (!existsSync(marker)) return false;
  try {
    return JSON.stringify(JSON.parse(readFileSync(marker, "utf8"))) === JSON.stringify(install);
  } catch {
    return false;
  }
}

/**
 * Makes sure `.runtimes/<name>` holds `install.specs`; installs into a scratch folder and renames
 * it into place, so that an interrupted install leaves nothing that looks complete. Resolves with
 * the folder and whether it was installed now.
 */
export async function ensureInstalled(name, install, log = () => {}) {
  const folder = join(runtimesDir, name);
  if (isInstalled(folder, install)) return { folder, installed: false };
  log(`installing ${install.specs.join(" ")} from the npm registry into ${folder}`);
  const scratch = `${folder}.partial-${process.pid}`;
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  try {
    const manifest = {
      private: true,
      description: "paytok runtime matrix: installed by scripts/runtime-matrix/install.mjs",
      allowScripts: Object.fromEntries(install.scripts.map((spec) => [spec, true])),
    };
    await writeFile(join(scratch, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    await npmInstall(scratch, install.specs, log);
    await writeFile(join(scratch, MARKER), `${JSON.stringify(install, null, 2)}\n`);
    await rm(folder, { recursive: true, force: true });
    await rename(scratch, folder);
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
  return { folder, installed: true };
}

/** Removes installs of versions that runtimes.json no longer names (and scratch folders of dead runs). */
export async function pruneStale(keep) {
  if (!existsSync(runtimesDir)) return;
  for (const entry of await readdir(runtimesDir)) {
    if (keep.has(entry)) continue;
    const partial = /\.partial-(\d+)$/.exec(entry);
    if (partial !== null && isAlive(Number(partial[1]))) continue;
    await rm(join(runtimesDir, entry), { recursive: true, force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs (or finds) the runtimes of runtimes.json that `wanted` names (default: all); resolves
 * with folder name → folder.
 */
export async function ensureRuntimes(log = () => {}, wanted = () => true) {
  const installs = installsOf();
  const folders = {};
  // One at a time: the machine is shared, and npm's cache is shared between these installs.
  for (const [name, install] of Object.entries(installs)) {
    if (wanted(name)) folders[name] = (await ensureInstalled(name, install, log)).folder;
  }
  await pruneStale(new Set([...Object.keys(installs), "build", "deno-dir"]));
  return folders;
}
