// A real HTTP server on 127.0.0.1 with a token endpoint and an API that checks bearer tokens and
// refuses expired ones, keeping count of what it saw. Loopback only.
import { createServer } from "node:http";

/**
 * @param {{ tokenPath: string, lifetimeSeconds: number, tokenLatencyMs: number }} options
 *   `tokenLatencyMs` delays each token answer, as a remote token endpoint would take a while.
 */
export async function startLoopbackTokenServer({ tokenPath, lifetimeSeconds, tokenLatencyMs }) {
  /** access token → when the server considers it expired (epoch ms) */
  const issued = new Map();
  const counters = {
    tokenRequests: 0,
    apiCalls: 0,
    apiCallsWithExpiredToken: 0,
    apiCallsWithUnknownToken: 0,
  };
  let tokenNumber = 0;

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (request.method === "POST" && url.pathname === tokenPath) {
      counters.tokenRequests += 1;
      // Lifetime counts from when the request arrived: a client that counts from when it sent
      // the request is never later than the server.
      const receivedAt = Date.now();
      request.resume();
      request.on("end", () => {
        setTimeout(() => {
          tokenNumber += 1;
          const accessToken = `loopback-token-${tokenNumber}`;
          issued.set(accessToken, receivedAt + lifetimeSeconds * 1000);
          const body = JSON.stringify({
            access_token: accessToken,
            token_type: "Bearer",
            expires_in: lifetimeSeconds,
            scope: "default",
          });
          response.writeHead(200, { "Content-Type": "application/json" }).end(body);
        }, tokenLatencyMs);
      });
      return;
    }
    if (url.pathname.startsWith("/api/")) {
      counters.apiCalls += 1;
      request.resume();
      const authorization = request.headers.authorization ?? "";
      const expiresAt = issued.get(authorization.replace(/^Bearer /, ""));
      if (expiresAt === undefined) {
        counters.apiCallsWithUnknownToken += 1;
        response.writeHead(401).end();
      } else if (Date.now() >= expiresAt) {
        counters.apiCallsWithExpiredToken += 1;
        response.writeHead(401, { "WWW-Authenticate": 'Bearer error="invalid_token"' }).end();
      } else {
        response.writeHead(200, { "Content-Type": "application/json" }).end("{}");
      }
      return;
    }
    response.writeHead(404).end();
  });
  server.keepAliveTimeout = 30_000;

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    counters,
    resetCounters() {
      for (const key of Object.keys(counters)) counters[key] = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
