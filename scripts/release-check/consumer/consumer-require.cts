// The same package loaded with `require` (the CommonJS build): compiled under node16 resolution,
// where a .cts file resolves the "require" condition, and run by the release check.
import assert = require("node:assert/strict");
import paylater = require("@paytok/paylater");
import paylaterTesting = require("@paytok/paylater/testing");
import mswNode = require("msw/node");

async function main(): Promise<void> {
  const sandbox = paylaterTesting.paylaterHandlers();
  const server = mswNode.setupServer(...sandbox);
  server.listen({ onUnhandledRequest: "error" });
  try {
    const auth = paylater.createPaylaterAuth({ ...sandbox.credentials });
    const response = await auth.fetch(`${sandbox.apiUrl}/orders`, { method: "POST", body: "{}" });
    assert.equal(response.status, 200);
    assert.equal(sandbox.tokenRequests.length, 1);
    console.log(JSON.stringify({ loadedFrom: require.resolve("@paytok/paylater") }));
  } finally {
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
