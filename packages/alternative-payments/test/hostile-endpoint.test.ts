// A token endpoint that hangs, drips, floods, redirects or echoes secrets (the Basic credentials
// included): every case ends in a typed error within its deadline, with bounded memory and no
// secret anywhere (see the test kit).
import { describeHostileEndpoint } from "@paytok/provider-test-kit";
import { createAlternativePaymentsAuth } from "../src/index.js";

describeHostileEndpoint({
  createAuth: (baseUrl, clientSecret, knobs) =>
    createAlternativePaymentsAuth({ baseUrl, clientId: "ap-client", clientSecret, ...knobs }),
  tokenBody: (accessToken, extra) => ({
    access_token: accessToken,
    expires_in: 3600,
    token_type: "bearer",
    ...extra,
  }),
});
