// Runs the tools the release check drives (pnpm, changeset, npm, tar, tsc, node) as child
// processes it can stop: a signal must not leave a publish or an install running after the
// temporary directories are gone.
import { spawn } from "node:child_process";
import path from "node:path";

/** @type {Set<import("node:child_process").ChildProcess>} */
const running = new Set();

export class CommandError extends Error {
  /**
   * @param {string} commandLine
   * @param {number | null} code
   * @param {string} output
   */
  constructor(commandLine, code, output) {
    super(`\`${commandLine}\` exited with ${code ?? "a signal"}\n${output.trim()}`);
    this.name = "CommandError";
    this.code = code;
    this.output = output;
  }
}

/**
 * @typedef {object} RunOptions
 * @property {string} cwd
 * @property {NodeJS.ProcessEnv} [env]
 * @property {number} [timeoutMs] killed after this long (default 3 minutes)
 */

/**
 * Runs a command to completion. Resolves with its output; rejects with a CommandError that carries
 * the output when it exits non-zero or times out.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {RunOptions} options
 * @returns {Promise<{ stdout: string, stderr: string }>}
 */
export function run(command, args, options) {
  // Absolute paths shortened to their file name: the message stays readable.
  const commandLine = [command, ...args]
    .map((part) => (path.isAbsolute(part) ? path.basename(part) : part))
    .join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so that stopping it also stops what it started (changeset
      // publish runs pnpm publish, npm runs its own helpers).
      detached: true,
    });
    running.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding("utf8").on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => stop(child), options.timeoutMs ?? 180_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      running.delete(child);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new CommandError(commandLine, code, `${stdout}\n${stderr}`));
    });
  });
}

/**
 * Stops a command and its process group.
 * @param {import("node:child_process").ChildProcess} child
 */
function stop(child) {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
}

/** Stops every command still running (on a signal, or when a sibling step failed). */
export function stopRunningCommands() {
  for (const child of running) stop(child);
}
