// The in-process `fetch` every row of the in-memory benchmarks shares, so that only the auth
// layer differs between rows. It never touches the network.

export const TOKEN_BASE_URL = "https://auth.bench.invalid";
export const API_BASE_URL = "https://api.bench.invalid/v1";
export const API_URL = `${API_BASE_URL}/orders`;
export const FIXED_ACCESS_TOKEN = "bench-access-token-0000000000000000";

/**
 * A `fetch` that answers `tokenUrl` (a string URL, as every token client here passes it) with an
 * RFC 6749 token, and anything else with a fresh `new Response("{}")`.
 *
 * @param {{ tokenUrl: string, tokenDelayMs?: number, lifetimeSeconds?: number }} options
 *   `tokenDelayMs` makes token answers arrive after a timer, as a real round trip would, so
 *   concurrent callers overlap.
 */
export function createStubFetch({ tokenUrl, tokenDelayMs = 0, lifetimeSeconds = 3600 }) {
  const counters = { tokenRequests: 0, apiRequests: 0 };
  const tokenAnswer = () => {
    counters.tokenRequests += 1;
    const body = JSON.stringify({
      access_token: `${FIXED_ACCESS_TOKEN}-${counters.tokenRequests}`,
      token_type: "Bearer",
      expires_in: lifetimeSeconds,
      scope: "default",
    });
    const response = () => new Response(body, { headers: { "Content-Type": "application/json" } });
    if (tokenDelayMs === 0) return Promise.resolve(response());
    return new Promise((resolve) => setTimeout(() => resolve(response()), tokenDelayMs));
  };
  /** @type {((authorization: string | null) => void) | undefined} */
  let onApiCall;
  /** @type {(input: Request | string | URL, init?: RequestInit) => Promise<Response>} */
  const stubFetch = (input, init) => {
    // A token request comes as a string URL (the hand-written rows) or as a Request (paytok's
    // typed token client). A string input costs one comparison; a Request (every openapi-fetch
    // row alike) the read of its URL.
    if (input === tokenUrl || (typeof input !== "string" && input.url === tokenUrl)) {
      return tokenAnswer();
    }
    counters.apiRequests += 1;
    if (onApiCall !== undefined) onApiCall(authorizationOf(input, init));
    return Promise.resolve(new Response("{}"));
  };
  /** Calls `call` once and returns the `Authorization` headers its API requests carried. */
  const authorizationsSentBy = async (call) => {
    const seen = [];
    onApiCall = (authorization) => seen.push(authorization);
    try {
      await call();
    } finally {
      onApiCall = undefined;
    }
    return seen;
  };
  return { fetch: stubFetch, counters, authorizationsSentBy };
}

function authorizationOf(input, init) {
  if (init?.headers !== undefined) return new Headers(init.headers).get("Authorization");
  return input instanceof Request ? input.headers.get("Authorization") : null;
}
