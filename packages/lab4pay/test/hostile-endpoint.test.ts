// A token endpoint that hangs, drips, floods, redirects or echoes secrets: every case ends in a
// typed error within its deadline, with bounded memory and no secret anywhere (see the test kit).
import { describeHostileEndpoint } from "@paytok/provider-test-kit";
import { createLab4payAuth } from "../src/index.js";

describeHostileEndpoint({
  createAuth: (baseUrl, clientSecret, knobs) =>
    createLab4payAuth({ baseUrl, clientId: "lab4pay-client", clientSecret, ...knobs }),
  tokenBody: (accessToken, extra) => ({
    access_token: accessToken,
    expires_in: "3600",
    token_type: "Bearer",
    ...extra,
  }),
});
