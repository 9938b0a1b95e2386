import { UsageError } from "./usage-error.js";

/**
 * Turns a `parseArgs` error into a usage error that names the option but never repeats a value
 * (a misplaced secret must not be printed back). Other errors are returned untouched.
 */
export function usageErrorOf(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const option = /'(-[^'=\s]*)/.exec(message)?.[1];
    return new UsageError(`unknown option${option === undefined ? "" : ` ${option}`}`);
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
