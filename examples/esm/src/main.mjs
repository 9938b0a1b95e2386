// paytok from an ES module. Starts the local sandbox (instead of the real Paysway), gets a token
// and calls the sandbox's protected echo API with it. Exits non-zero if anything is off.
import { startSandbox } from "@paytok/cli/sandbox";
import { createPayswayAuth } from "@paytok/paysway";

const sandbox = await startSandbox({ port: 0, providers: ["paysway"] });
try {
  const { baseUrl, apiUrl, credentials, controls } = sandbox.providers.paysway;

  const auth = createPayswayAuth({
    baseUrl, // leave it out (or use environment: "production") to talk to Paysway itself
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
  });

  const token = await auth.getToken();
  console.log("token expires at", new Date(token.expiresAt).toISOString());

  const response = await auth.fetch(`${apiUrl}/payments`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ amount: 1250, currency: "EUR" }),
  });
  const echoed = await response.json();
  console.log(response.status, echoed.method, echoed.path);

  if (response.status !== 200 || echoed.ok !== true)
    throw new Error("the echo API refused the call");
  if (controls.tokenRequests.length !== 1) throw new Error("expected exactly one token request");
} finally {
  await sandbox.close();
}
