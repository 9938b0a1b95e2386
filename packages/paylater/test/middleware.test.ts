// The token on API calls (openapi-fetch middleware, auth.fetch, auth.headers()) against the
// sandbox echo API: the suite every provider package runs, from @paytok/provider-test-kit.
import { describeApiCalls } from "@paytok/provider-test-kit";
import { createPaylaterAuth } from "../src/index.js";
import { paylaterHandlers } from "../src/testing.js";

describeApiCalls({
  handlers: () => paylaterHandlers(),
  createAuth: (handlers) =>
    createPaylaterAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: handlers.credentials.clientSecret,
      retry: false,
    }),
});
