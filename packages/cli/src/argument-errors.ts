import { UsageError } from "./usage-error.js";

/**
 * Turns a `parseArgs` error into a usage error that never repeats what was typed: an unknown
 * option is named by its position only (a secret typed as `--<secret>` must not be printed back),
 * and a known option by its own name. Other errors are returned untouched.
 */
export function usageErrorOf(error: unknown, args: readonly string[]): unknown {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const option = /'(-[^'=\s]*)/.exec(message)?.[1];
    const position = args.findIndex(
      (argument) => option !== undefined && argument.split("=")[0] === option,
    );
    return new UsageError(
      `unknown option${position === -1 ? "" : ` (argument ${position + 1})`}; the value is not repeated here`,
    );
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const option = /'(-[^'=\s]*)/.exec(message)?.[1];
    return new UsageError(
      `option${option === undefined ? "" : ` ${option}`} is missing its value or takes none`,
    );
  }
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return new UsageError("this command takes no arguments besides options");
  }
  return error;
}
