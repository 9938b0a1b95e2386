// A typed openapi-fetch client of a payment API, authorized by paytok's middleware: the bearer
// header (and Pay-me's ALG-API-VERSION header) on every call, one retry with a new token on 401.
// Runs against the local sandbox; exits non-zero if anything is off.
import { startSandbox } from "@paytok/cli/sandbox";
import { createPaymeAuth } from "@paytok/payme";
import createClient from "openapi-fetch";
import type { paths } from "./payment-api.js";

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const sandbox = await startSandbox({ port: 0, providers: ["payme"] });
try {
  const { baseUrl, apiUrl, credentials, controls } = sandbox.providers.payme;

  const auth = createPaymeAuth({
    baseUrl, // leave it out (or use environment: "production") to talk to Pay-me itself
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    audience: apiUrl, // the API the token is for
    scope: ["post:charges", "get:charges"],
  });

  const api = createClient<paths>({ baseUrl: apiUrl });
  api.use(auth.middleware);

  const created = await api.POST("/charges", {
    body: { amount: 1250, currency: "PEN", description: "order 42" },
  });
  check(created.response.status === 200 && created.data !== undefined, "POST /charges failed");
  console.log(created.response.status, created.data.method, created.data.path, created.data.body);

  // The provider revokes the token: the middleware gets a new one and retries once.
  controls.revoke();
  const fetched = await api.GET("/charges/{chargeId}", { params: { path: { chargeId: "ch_42" } } });
  check(fetched.response.status === 200 && fetched.data !== undefined, "GET after revoke failed");
  console.log(fetched.response.status, fetched.data.method, fetched.data.path);

  check(controls.tokenRequests.length === 2, "expected two token requests (one after revoke)");
  const versions = controls.apiRequests.map((request) => request.headers["alg-api-version"]);
  check(
    versions.every((version) => version === "1709847567"),
    "the middleware must send ALG-API-VERSION on every call",
  );
  console.log(
    `${controls.apiRequests.length} API calls (one 401 retried), ${controls.tokenRequests.length} token requests`,
  );
} finally {
  await sandbox.close();
}
