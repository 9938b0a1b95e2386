export { type ApiCallSuiteOptions, describeApiCalls } from "./api-calls.js";
export {
  describeProviderConformance,
  HYGIENE_SECRET,
  type ProviderUnderTest,
} from "./conformance.js";
export {
  describeHostileEndpoint,
  HOSTILE_SECRET,
  type HostileEndpointSuiteOptions,
  type HostileKnobs,
} from "./hostile-endpoint.js";
export {
  type Behaviour,
  drip,
  type HostileRequest,
  type HostileServer,
  startHostileServer,
  writeForever,
} from "./hostile-server.js";
export { type Transport, useMswTransport, useSandboxTransport } from "./transport.js";
