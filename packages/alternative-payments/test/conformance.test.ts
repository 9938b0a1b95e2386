// The suite every provider package passes (see @paytok/provider-test-kit), against this package's
// own emulator: configuration, the documented request on the wire, responses, documented errors,
// failures, the emulator, secret hygiene and API calls.
import { describeProviderConformance } from "@paytok/provider-test-kit";
import {
  alternativePaymentsTokenEndpoint,
  createAlternativePaymentsAuth,
  createAlternativePaymentsClient,
} from "../src/index.js";
import { alternativePaymentsHandlers } from "../src/testing.js";

describeProviderConformance({
  endpoint: alternativePaymentsTokenEndpoint,
  createAuth: createAlternativePaymentsAuth,
  createClient: createAlternativePaymentsClient,
  handlers: alternativePaymentsHandlers,
});
