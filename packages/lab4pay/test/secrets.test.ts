// No secret and no token in any error message, serialized error, inspected object or event:
// the suite every provider package runs, from @paytok/provider-test-kit.
import { describeSecretHygiene } from "@paytok/provider-test-kit";
import { createLab4payAuth, lab4payTokenPath } from "../src/index.js";
import { lab4payHandlers } from "../src/testing.js";

describeSecretHygiene({
  handlers: (clientSecret) => lab4payHandlers({ clientSecret }),
  createAuth: (handlers, knobs) =>
    createLab4payAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: handlers.credentials.clientSecret,
      ...knobs,
    }),
  tokenPath: lab4payTokenPath,
});
