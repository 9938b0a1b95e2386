// @badgateway/oauth2-client's `OAuth2Fetch`, set up for the client credentials grant the way its
// README shows: an `OAuth2Client` for the token endpoint and `getNewToken` asking it for a token.
import { OAuth2Client, OAuth2Fetch } from "@badgateway/oauth2-client";

/**
 * @param {{ tokenUrl: string, fetch: typeof fetch, clientId: string, clientSecret: string }} options
 *   `fetch` is used for token requests; `OAuth2Fetch.fetch` itself calls the global `fetch`.
 */
export function createOAuth2FetchLayer({ tokenUrl, fetch, clientId, clientSecret }) {
  const url = new URL(tokenUrl);
  const client = new OAuth2Client({
    server: `${url.origin}/`,
    tokenEndpoint: url.pathname,
    clientId,
    clientSecret,
    fetch,
  });
  return new OAuth2Fetch({
    client,
    getNewToken: () => client.clientCredentials(),
  });
}
