import { providerNames, providers } from "./providers.js";

const providerList = providerNames.join(", ");

export const mainHelp = `Usage: paytok <command> [options]

paytok on the command line: local emulators of the payment providers' token endpoints, and
access tokens for shell use.

Commands:
  sandbox   serve local emulators of the providers on 127.0.0.1 (no credentials, no network)
  token     print an access token of a provider, e.g. for curl
  help      show the help of a command: paytok help token

Options:
  -h, --help     show this help
  -v, --version  print the version

Exit codes: 0 success, 1 the token request failed, 2 usage error.
`;

export const sandboxHelp = `Usage: paytok sandbox [--port N] [--provider NAME...] [--token-lifetime SECONDS] [--json]

Serves local emulators of the providers' token endpoints, each with a protected echo API, on
127.0.0.1, one path prefix per provider (http://127.0.0.1:PORT/paysway). They are the same msw
handlers as each package's "testing" entry point. Prints every provider's base URL, token URL,
echo-API URL and the sandbox credentials, then runs until Ctrl-C.

Options:
  -p, --port N                TCP port on 127.0.0.1 (default 4010; 0 picks a free port)
      --provider NAME         emulate only this provider; repeat it or separate names with commas
                              (${providerList})
      --token-lifetime SECONDS
                              lifetime of issued access tokens (default: each provider's
                              documented lifetime)
      --json                  print the endpoints as one line of JSON instead of a listing
  -h, --help                  show this help

Then, in another shell:
  export PAYTOK_PAYSWAY_CLIENT_ID=paytok-sandbox-client PAYTOK_PAYSWAY_CLIENT_SECRET=paytok-sandbox-secret
  paytok token paysway --base-url http://127.0.0.1:4010/paysway
`;

const variableLines = providerNames
  .map((name) => `  ${providers[name].environmentVariablePrefix}_CLIENT_ID / _CLIENT_SECRET`)
  .join("\n");

const withScopes = providerNames.filter((name) => providers[name].acceptsScope).join(", ");
/** One line per body field a spec leaves to the user, e.g. Pay-me's audience. */
const valueLines = [...new Set(providerNames.flatMap((name) => providers[name].requiredValues))]
  .map((field) => {
    const needing = providerNames.filter((name) => providers[name].requiredValues.includes(field));
    const variables = needing
      .map((name) => `${providers[name].environmentVariablePrefix}_${field.toUpperCase()}`)
      .join(", ");
    return (
      `      --${field} VALUE`.padEnd(28) +
      `${field} of the token request (${needing.join(", ")}, required; or ${variables})`
    );
  })
  .join("\n");

export const tokenHelp = `Usage: paytok token <provider> [--environment NAME | --base-url URL] [options]

Prints an access token of <provider> (${providerList}) on standard output, for shell use:

  curl -H "Authorization: Bearer $(paytok token paysway)" https://api.paysway.dev/...

Credentials never go on the command line (shell history, ps and CI logs keep it). They come from
the environment:
${variableLines}
or, with --credentials-stdin, from standard input: two lines (client id, then client secret) or
JSON {"clientId": "...", "clientSecret": "..."}.

Options:
  -e, --environment NAME    a documented environment of the provider (default: its first server)
  -u, --base-url URL        ask this base URL instead, e.g. a sandbox: http://127.0.0.1:4010/paysway
      --scope SCOPE         scope to request (${withScopes}; repeat it or separate with spaces)
${valueLines}
      --credentials-stdin   read the credentials from standard input
      --json                print {"accessToken","tokenType","expiresAt","scope"} instead
  -h, --help                show this help

Exit codes: 0 token printed, 1 the token request failed (its error code and message, with
secrets redacted, go to standard error), 2 usage error.
`;
