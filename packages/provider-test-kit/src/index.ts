export { type ApiCallSuiteOptions, describeApiCalls } from "./api-calls.js";
export {
  describeSecretHygiene,
  type EchoCase,
  HYGIENE_SECRET,
  type SecretHygieneSuiteOptions,
} from "./secret-hygiene.js";
