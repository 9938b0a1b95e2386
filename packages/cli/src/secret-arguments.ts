import { UsageError } from "./usage-error.js";

/**
 * Options that would carry a credential on the command line, in any spelling: `--client-secret`,
 * `--clientSecret`, `--client_id=…`, `--secret`, `--password`…
 */
const CREDENTIAL_OPTION = /^--?(client[-_]?(id|secret)|secret|password|pass|credentials?)(=|$)/i;

/**
 * Refuses credentials passed as arguments: the command line lands in shell history, in `ps`
 * output and in CI logs. The message names the option only, never its value.
 */
export function refuseCredentialArguments(args: readonly string[], variablePrefix: string): void {
  for (const argument of args) {
    if (argument === "--") return;
    const match = CREDENTIAL_OPTION.exec(argument);
    if (match === null) continue;
    throw new UsageError(
      `${argument.split("=")[0]} is not accepted: credentials never go on the command line, where shell history, ps and CI logs keep them. Set ${variablePrefix}_CLIENT_ID and ${variablePrefix}_CLIENT_SECRET, or pipe them in with --credentials-stdin.`,
    );
  }
}
