// No secret and no token in any error message, serialized error, inspected object or event:
// the suite every provider package runs, from @paytok/provider-test-kit.
import { describeSecretHygiene } from "@paytok/provider-test-kit";
import { createPayswayAuth, payswayTokenPath } from "../src/index.js";
import { payswayHandlers } from "../src/testing.js";

describeSecretHygiene({
  handlers: (clientSecret) => payswayHandlers({ clientSecret }),
  createAuth: (handlers, knobs) =>
    createPayswayAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: handlers.credentials.clientSecret,
      ...knobs,
    }),
  tokenPath: payswayTokenPath,
});
