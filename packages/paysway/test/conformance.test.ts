// The suite every provider package passes (see @paytok/provider-test-kit), against this package's
// own emulator: configuration, the documented request on the wire, responses, documented errors,
// failures, the emulator, secret hygiene and API calls.
import { describeProviderConformance } from "@paytok/provider-test-kit";
import { createPayswayAuth, createPayswayClient, payswayTokenEndpoint } from "../src/index.js";
import { payswayHandlers } from "../src/testing.js";

describeProviderConformance({
  endpoint: payswayTokenEndpoint,
  createAuth: createPayswayAuth,
  createClient: createPayswayClient,
  handlers: payswayHandlers,
});
