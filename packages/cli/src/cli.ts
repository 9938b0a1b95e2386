#!/usr/bin/env node
import { nodeIo } from "./node-io.js";
import { runCli } from "./run-cli.js";

runCli(process.argv.slice(2), nodeIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Not a usage error nor a token failure: a bug or an unexpected environment problem.
    process.stderr.write(
      `paytok: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
