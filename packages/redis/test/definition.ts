import { createAlternativePaymentsAuth } from "@paytok/alternative-payments";
import type { PaytokAuth, TokenManagerOptions } from "@paytok/core";

export const CLIENT_SECRET = "s3cr3t-client-secret-value";

/**
 * A real provider package (Alternative Payments: HTTP Basic, a form body) pointed at the local
 * token server, as the child processes build it too; `x-worker` tells the server who asked.
 */
export function localAuth(
  tokenUrl: string,
  options: TokenManagerOptions = {},
  clientId = "fleet-client",
): PaytokAuth {
  return createAlternativePaymentsAuth({
    baseUrl: tokenUrl.replace(/\/oauth\/token$/, ""),
    clientId,
    clientSecret: CLIENT_SECRET,
    fetch: (input, init) => {
      const request = new Request(input, init);
      request.headers.set("x-worker", String(process.pid));
      return globalThis.fetch(request);
    },
    ...options,
  });
}
