/** What a command touches outside itself, so tests can run commands without a child process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input, read once. */
  readStdin(): Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the process is asked to stop (SIGINT, SIGTERM). */
  untilStopped(): Promise<string>;
}

/** Exit codes, as the README documents them. */
export const EXIT_OK = 0 as const;
/** The token request failed. */
export const EXIT_FAILURE = 1 as const;
/** The command was called wrongly (including a credential passed as an argument). */
export const EXIT_USAGE = 2 as const;
