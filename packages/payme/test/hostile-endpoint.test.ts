// A token endpoint that hangs, drips, floods, redirects or echoes secrets: every case ends in a
// typed error within its deadline, with bounded memory and no secret anywhere (see the test kit).
import { describeHostileEndpoint } from "@paytok/provider-test-kit";
import { createPaymeAuth } from "../src/index.js";

describeHostileEndpoint({
  createAuth: (baseUrl, clientSecret, knobs) =>
    createPaymeAuth({
      baseUrl,
      clientId: "payme-client",
      clientSecret,
      audience: "https://api.preprod.alignet.io",
      ...knobs,
    }),
  tokenBody: (accessToken, extra) => ({
    success: true,
    access_token: accessToken,
    expires_in: 8600,
    token_type: "Bearer",
    ...extra,
  }),
});
