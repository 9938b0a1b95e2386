// The suite every provider package passes (see @paytok/provider-test-kit), against this package's
// own emulator: configuration, the documented request on the wire, responses, documented errors,
// failures, the emulator, secret hygiene and API calls.
import { describeProviderConformance } from "@paytok/provider-test-kit";
import { createLab4payAuth, createLab4payClient, lab4payTokenEndpoint } from "../src/index.js";
import { lab4payHandlers } from "../src/testing.js";

describeProviderConformance({
  endpoint: lab4payTokenEndpoint,
  createAuth: createLab4payAuth,
  createClient: createLab4payClient,
  handlers: lab4payHandlers,
});
