// Runs the blocks marked `<!-- run -->` as a reader would after `paytok sandbox`: each block's
// emitted module in its own `node` process, from its consumer project, with PAYTOK_SANDBOX_URL
// pointing at a sandbox started in-process over loopback. A block passes when it exits 0 (the
// blocks assert what they promise themselves), reached the sandbox if it names it, and printed
// no token the sandbox issued meanwhile.
import { spawn } from "node:child_process";

/** Long enough for a busy machine, short enough that a hanging block does not hang the check. */
const BLOCK_TIMEOUT_MS = 30_000;

/**
 * @typedef {import("./consumer.mjs").ConsumerBlock} ConsumerBlock
 * @typedef {import("@paytok/cli/sandbox").RunningSandbox} RunningSandbox
 * @typedef {{ stdout: string, stderr: string, code: number | null, timedOut: boolean }} Outcome
 */

/**
 * @param {string} file
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<Outcome>}
 */
function runNode(file, cwd, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, BLOCK_TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, timedOut });
    });
  });
}

/** @param {RunningSandbox} sandbox */
function ledgerSize(sandbox) {
  const all = Object.values(sandbox.providers);
  return {
    requests: all.reduce(
      (sum, provider) =>
        sum + provider.controls.tokenRequests.length + provider.controls.apiRequests.length,
      0,
    ),
    issued: all.map((provider) => provider.controls.issued.length),
  };
}

/**
 * Runs one emitted block; returns its problems (empty when it passed) and what it printed.
 * @param {ConsumerBlock} item
 * @param {string} directory the block's consumer project
 * @param {RunningSandbox} sandbox
 */
export async function runBlock(item, directory, sandbox) {
  const { block } = item;
  const where = `${block.document}:${block.line - 1}`;
  const before = ledgerSize(sandbox);
  // A reader's shell, minus anything of this machine's (credentials in the environment, a
  // NODE_OPTIONS of the test runner): only what a node process needs, and the sandbox's address.
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    PAYTOK_SANDBOX_URL: sandbox.url,
  };
  const outcome = await runNode(item.output, directory, env);
  const after = ledgerSize(sandbox);
  const printed = `${outcome.stdout}\n${outcome.stderr}`;
  /** @type {string[]} */
  const problems = [];
  if (outcome.timedOut) {
    problems.push(`${where}: the block did not finish within ${BLOCK_TIMEOUT_MS / 1000} s`);
  } else if (outcome.code !== 0) {
    problems.push(
      `${where}: the block exited with ${outcome.code}:\n${indent(outcome.stderr.trim() || outcome.stdout.trim())}`,
    );
  }
  if (block.code.includes("PAYTOK_SANDBOX_URL") && after.requests === before.requests) {
    problems.push(`${where}: the block names PAYTOK_SANDBOX_URL but sent nothing to the sandbox`);
  }
  const providers = Object.values(sandbox.providers);
  for (const [index, provider] of providers.entries()) {
    for (const token of provider.controls.issued.slice(before.issued[index])) {
      for (const secret of [token.accessToken, token.refreshToken]) {
        if (secret !== undefined && printed.includes(secret)) {
          problems.push(
            `${where}: the block printed a token the sandbox issued (${provider.name})`,
          );
        }
      }
    }
  }
  return { problems, stdout: outcome.stdout };
}

/** @param {string} text */
function indent(text) {
  return text
    .split("\n")
    .slice(0, 30)
    .map((line) => `    ${line}`)
    .join("\n");
}
