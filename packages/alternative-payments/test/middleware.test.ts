// The token on API calls (openapi-fetch middleware, auth.fetch, auth.headers()) against the
// sandbox echo API: the suite every provider package runs, from @paytok/provider-test-kit.
import { describeApiCalls } from "@paytok/provider-test-kit";
import { createAlternativePaymentsAuth } from "../src/index.js";
import { alternativePaymentsHandlers } from "../src/testing.js";

describeApiCalls({
  handlers: () => alternativePaymentsHandlers(),
  createAuth: (handlers) =>
    createAlternativePaymentsAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: handlers.credentials.clientSecret,
      retry: false,
    }),
});
