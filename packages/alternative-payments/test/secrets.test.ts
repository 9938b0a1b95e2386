// No secret and no token in any error message, serialized error, inspected object or event:
// the suite every provider package runs, from @paytok/provider-test-kit.
import type { SandboxHandlers } from "@paytok/core/testing";
import { describeSecretHygiene, HYGIENE_SECRET } from "@paytok/provider-test-kit";
import { HttpResponse } from "msw";
import { alternativePaymentsTokenPath, createAlternativePaymentsAuth } from "../src/index.js";
import { alternativePaymentsHandlers } from "../src/testing.js";

/** The base64 part of the Basic header, built here from the RFC 6749 §2.3.1 rule. */
const basic = (handlers: SandboxHandlers) =>
  btoa(
    `${new URLSearchParams({ s: handlers.credentials.clientId }).toString().slice(2)}:${new URLSearchParams({ s: HYGIENE_SECRET }).toString().slice(2)}`,
  );

describeSecretHygiene({
  handlers: (clientSecret) => alternativePaymentsHandlers({ clientSecret }),
  createAuth: (handlers, knobs) =>
    createAlternativePaymentsAuth({
      clientId: handlers.credentials.clientId,
      clientSecret: handlers.credentials.clientSecret,
      ...knobs,
    }),
  tokenPath: alternativePaymentsTokenPath,
  // The Basic credentials as sent are as secret as the secret itself.
  extraSecretForms: (handlers) => [basic(handlers)],
  extraEchoes: (handlers) => [
    [
      "a 403 string map quoting the secret",
      () =>
        HttpResponse.json(
          { error: "Invalid credentials", detail: `secret ${HYGIENE_SECRET} rejected` },
          { status: 403 },
        ),
    ],
    [
      "a 403 echoing the Authorization header",
      () => HttpResponse.json({ error: `bad header Basic ${basic(handlers)}` }, { status: 403 }),
    ],
    [
      "a 401 echoing the header as text",
      () => HttpResponse.text(`Basic ${basic(handlers)}`, { status: 401 }),
    ],
  ],
});
