// What the figures were measured on and with: machine, Node, package versions, commit.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const benchDirectory = fileURLToPath(new URL("..", import.meta.url));

export const measuredPackages = [
  "@paytok/core",
  "@paytok/lab4pay",
  "@paytok/paylater",
  "@paytok/paysway",
  "@paytok/alternative-payments",
  "@paytok/payme",
  "openapi-fetch",
  "@badgateway/oauth2-client",
  "tinybench",
  "esbuild",
];

/** The version installed for bench/ (pnpm links each dependency into bench/node_modules). */
export function installedVersion(name) {
  try {
    const manifest = JSON.parse(
      readFileSync(join(benchDirectory, "node_modules", name, "package.json"), "utf8"),
    );
    return manifest.version;
  } catch {
    return "not installed";
  }
}

function git(...parameters) {
  try {
    return execFileSync("git", parameters, { cwd: benchDirectory, encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
}

export function describeMachine() {
  const processors = cpus();
  const commit = git("rev-parse", "--short", "HEAD");
  const dirty = git("status", "--porcelain", "--untracked-files=no");
  return {
    cpuModel: processors[0]?.model.trim() ?? "unknown",
    cores: processors.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverageAtStart: loadavg()
      .map((value) => value.toFixed(2))
      .join(" "),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit: commit === undefined ? "unknown" : `${commit}${dirty ? " (with local changes)" : ""}`,
    versions: Object.fromEntries(measuredPackages.map((name) => [name, installedVersion(name)])),
  };
}
