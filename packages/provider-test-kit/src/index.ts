export { type ApiCallSuiteOptions, describeApiCalls } from "./api-calls.js";
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
export {
  describeSecretHygiene,
  type EchoCase,
  HYGIENE_SECRET,
  type SecretHygieneSuiteOptions,
} from "./secret-hygiene.js";
