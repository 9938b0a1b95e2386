export { type ApiCallSuiteOptions, describeApiCalls } from "./api-calls.js";
