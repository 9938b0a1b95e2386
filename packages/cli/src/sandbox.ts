// `@paytok/cli/sandbox`: the sandbox server of `paytok sandbox`, to start in-process (examples,
// demos, end-to-end tests of your own code against real HTTP).
export type { SandboxControls } from "@paytok/core/testing";
export { type ProviderName, providerNames } from "./providers.js";
export {
  type RunningSandbox,
  SANDBOX_HOST,
  type SandboxProvider,
  type StartSandboxOptions,
  startSandbox,
} from "./sandbox-server.js";
