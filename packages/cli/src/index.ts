export { type CliIo, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./cli-io.js";
export { type ProviderRegistryEntry, providerRegistry } from "./generated/providers.js";
export { type ProviderName, providerNames } from "./providers.js";
export { runCli } from "./run-cli.js";
export { DEFAULT_SANDBOX_PORT } from "./sandbox-command.js";
export {
  type RunningSandbox,
  SANDBOX_HOST,
  type SandboxProvider,
  type StartSandboxOptions,
  startSandbox,
} from "./sandbox-server.js";
export { UsageError } from "./usage-error.js";
