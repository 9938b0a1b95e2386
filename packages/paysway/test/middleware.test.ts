// The token on API calls (openapi-fetch middleware, auth.fetch, auth.headers()) against the
// sandbox echo API: the suite every provider package runs, from @paytok/provider-test-kit.
import { describeApiCalls } from "@paytok/provider-test-kit";
import { createPayswayAuth } from "../src/index.js";
import { payswayHandlers } from "../src/testing.js";

describeApiCalls({
  handlers: () => payswayHandlers(),
  createAuth: (handlers) =>
    createPayswayAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: handlers.credentials.clientSecret,
      retry: false,
    }),
});
