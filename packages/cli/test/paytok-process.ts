// Runs the built `paytok` executable as a user would: `node dist/cli.js …` in a child process.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const cliPath = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The parent's environment without any PAYTOK_* variable, plus `env`. */
function childEnvironment(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("PAYTOK_")) clean[name] = value;
  }
  return { ...clean, ...env };
}

function collect(child: ChildProcessWithoutNullStreams): Promise<Finished> {
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `paytok ARGS` to completion, with `input` on standard input. */
export function paytok(
  args: readonly string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<Finished> {
  const child = spawn(process.execPath, [cliPath, ...args], { env: childEnvironment(options.env) });
  const finished = collect(child);
  child.stdin.end(options.input ?? "");
  return finished;
}

export interface PrintedProvider {
  name: string;
  baseUrl: string;
  tokenUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface SandboxProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** What the listing printed, per provider. */
  providers: Map<string, PrintedProvider>;
  /** Resolves when the process has exited. */
  finished: Promise<Finished>;
}

function field(block: string, label: string): string {
  const match = new RegExp(`^ {2}${label} +(\\S+)`, "m").exec(block);
  if (match?.[1] === undefined) throw new Error(`no "${label}" in:\n${block}`);
  return match[1];
}

/** Parses what `paytok sandbox` prints: a header line, then one block per provider. */
export function parseListing(output: string): {
  url: string;
  providers: Map<string, PrintedProvider>;
} {
  const url = /^paytok sandbox on (http:\/\/\S+) /m.exec(output)?.[1];
  if (url === undefined) throw new Error(`no sandbox URL in:\n${output}`);
  const providers = new Map<string, PrintedProvider>();
  for (const block of output.split(/\n\n/)) {
    const name = /^([a-z0-9-]+) — /.exec(block)?.[1];
    if (name === undefined) continue;
    providers.set(name, {
      name,
      baseUrl: field(block, "base URL"),
      tokenUrl: field(block, "token URL"),
      apiUrl: field(block, "echo API").replace(/\/<any path>$/, ""),
      clientId: field(block, "client id"),
      clientSecret: field(block, "client secret"),
    });
  }
  return { url, providers };
}

/** Starts `paytok sandbox ARGS` and resolves once it has printed its listing. */
export function startSandboxProcess(args: readonly string[]): Promise<SandboxProcess> {
  const child = spawn(process.execPath, [cliPath, "sandbox", ...args], { env: childEnvironment() });
  const finished = collect(child);
  let printed = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`paytok sandbox printed no listing in time:\n${printed}`));
    }, 15_000);
    child.stdout.on("data", (chunk: Buffer | string) => {
      printed += chunk.toString();
      // The listing ends with the "Try it" lines.
      if (!/^ {2}curl .*\n/m.test(printed)) return;
      clearTimeout(timer);
      try {
        resolve({ child, finished, ...parseListing(printed) });
      } catch (error) {
        reject(error);
      }
    });
    finished.then((result) => {
      clearTimeout(timer);
      reject(new Error(`paytok sandbox exited early (${result.code}):\n${result.stderr}`));
    }, reject);
  });
}
