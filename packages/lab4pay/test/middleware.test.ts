// The token on API calls (openapi-fetch middleware, auth.fetch, auth.headers()) against the
// sandbox echo API: the suite every provider package runs, from @paytok/provider-test-kit.
import { describeApiCalls } from "@paytok/provider-test-kit";
import { createLab4payAuth } from "../src/index.js";
import { lab4payHandlers } from "../src/testing.js";

describeApiCalls({
  handlers: () => lab4payHandlers(),
  createAuth: (handlers) =>
    createLab4payAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: handlers.credentials.clientSecret,
      retry: false,
    }),
});
