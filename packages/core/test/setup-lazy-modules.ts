// core loads its failure path, its shared-store protocol and its logger with `import()` on first
// use. In a test, a first import is a module transform that takes real time, while many tests
// drive a fake clock: a suite that happens to run first would see its attempt's fake deadline
// pass while that import is still under way (a PAYTOK_TIMEOUT instead of the error under test).
// Loading them before any test makes every test independent of the order the files run in.
await Promise.all([
  import("../src/failure.js"),
  import("../src/shared-store.js"),
  import("../src/log.js"),
]);
