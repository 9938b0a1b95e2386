// paytok from CommonJS: the same as the ESM example, with `require` and no top-level await.
// Starts the local sandbox (instead of the real Lab4pay), gets a token and calls the sandbox's
// protected echo API with it. Exits non-zero if anything is off.
const { startSandbox } = require("@paytok/cli/sandbox");
const { createLab4payAuth } = require("@paytok/lab4pay");

async function main() {
  const sandbox = await startSandbox({ port: 0, providers: ["lab4pay"] });
  try {
    const { baseUrl, apiUrl, credentials, controls } = sandbox.providers.lab4pay;

    const auth = createLab4payAuth({
      baseUrl, // leave it out (or use environment: "development") to talk to Lab4pay itself
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
    });

    const token = await auth.getToken();
    console.log("token expires at", new Date(token.expiresAt).toISOString(), "scope", token.scope);

    // auth.headers() for any HTTP client that is not fetch.
    const response = await fetch(`${apiUrl}/balance`, { headers: await auth.headers() });
    const echoed = await response.json();
    console.log(response.status, echoed.method, echoed.path);

    if (response.status !== 200 || echoed.ok !== true) {
      throw new Error("the echo API refused the call");
    }
    if (controls.tokenRequests.length !== 1) throw new Error("expected exactly one token request");
  } finally {
    await sandbox.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
