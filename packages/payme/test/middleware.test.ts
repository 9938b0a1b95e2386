// The token on API calls (openapi-fetch middleware, auth.fetch, auth.headers()) against the
// sandbox echo API: the suite every provider package runs, from @paytok/provider-test-kit, here
// with ALG-API-VERSION, which Pay-me requires on every API call.
import { describeApiCalls } from "@paytok/provider-test-kit";
import { createPaymeAuth, paymeApiHeaders } from "../src/index.js";
import { paymeHandlers } from "../src/testing.js";

describeApiCalls({
  handlers: () => paymeHandlers(),
  createAuth: (handlers) =>
    createPaymeAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: handlers.credentials.clientSecret,
      audience: "https://api.preprod.alignet.io",
      retry: false,
    }),
  apiHeaders: paymeApiHeaders,
});
