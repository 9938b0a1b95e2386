// The same package loaded with `require` (the CommonJS build): compiled under node16 resolution,
// where a .cts file resolves the "require" condition, and run by the release check.
import assert = require("node:assert/strict");
import paylater = require("@paytok/paylater");
import paylaterTesting = require("@paytok/paylater/testing");
import mswNode = require("msw/node");

/** Unhandled requests are errors, in msw 2's words and msw 3's (see consumer.ts). */
const UNHANDLED_IS_AN_ERROR = { onUnhandledRequest: "error", onUnhandledFrame: "error" } as const;

async function main(): Promise<void> {
  const sandbox = paylaterTesting.paylaterHandlers();
  const server = mswNode.setupServer(...sandbox);
  server.listen(UNHANDLED_IS_AN_ERROR);
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
