import { version } from "../package.json";
import { type CliIo, EXIT_OK, EXIT_USAGE } from "./cli-io.js";
import { mainHelp, sandboxHelp, tokenHelp } from "./help.js";
import { sandboxCommand } from "./sandbox-command.js";
import { tokenCommand } from "./token-command.js";
import { UsageError } from "./usage-error.js";

const commands: Record<
  string,
  { run(args: readonly string[], io: CliIo): Promise<number>; help: string }
> = {
  sandbox: { run: sandboxCommand, help: sandboxHelp },
  token: { run: tokenCommand, help: tokenHelp },
};

/**
 * Runs `paytok` with the given arguments (without `node` and the script) and returns the exit
 * code. Usage errors print a hint and return 2; nothing here calls `process.exit`.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = args;
  let name = first;
  try {
    if (first === undefined || first === "-h" || first === "--help") {
      io.stdout(mainHelp);
      return first === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (first === "-v" || first === "--version") {
      io.stdout(`${version}\n`);
      return EXIT_OK;
    }
    if (first === "help") {
      const topic = rest[0];
      const command = topic === undefined ? undefined : commands[topic];
      io.stdout(command?.help ?? mainHelp);
      return topic === undefined || command !== undefined ? EXIT_OK : EXIT_USAGE;
    }
    const command = Object.hasOwn(commands, first) ? commands[first] : undefined;
    if (command === undefined) {
      name = undefined;
      throw new UsageError(`unknown command; expected one of ${Object.keys(commands).join(", ")}`);
    }
    return await command.run(rest, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const prefix = name === undefined ? "paytok" : `paytok ${name}`;
    io.stderr(`${prefix}: ${error.message}\nRun "${prefix} --help" for usage.\n`);
    return EXIT_USAGE;
  }
}
