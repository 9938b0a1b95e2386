// A token endpoint that hangs, drips, floods, redirects or echoes secrets (the refresh token
// included): every case ends in a typed error within its deadline, with bounded memory and no
// secret anywhere (see the test kit).
import { describeHostileEndpoint } from "@paytok/provider-test-kit";
import { createPaylaterAuth } from "../src/index.js";

describeHostileEndpoint({
  createAuth: (baseUrl, clientSecret, knobs) =>
    createPaylaterAuth({ baseUrl, clientId: "4711", clientSecret, ...knobs }),
  tokenBody: (accessToken, extra) => ({
    access_token: accessToken,
    expires_in: 300,
    token_type: "Bearer",
    ...extra,
  }),
  refreshGrant: true,
});
