import type { ClientAuthentication } from "./provider.js";
import { formEncode } from "./token-client.js";

/**
 * HTTP Basic client authentication as RFC 6749 §2.3.1 asks: client id and secret are each
 * form-encoded before `id:secret` is base64-encoded.
 */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  const encode = (value: string) => formEncode({ v: value }).slice(2);
  // Form encoding leaves only ASCII, which is what btoa takes.
  return `Basic ${btoa(`${encode(clientId)}:${encode(clientSecret)}`)}`;
}

/**
 * Client authentication, chosen by the spec (`x-paytok-client-auth`), as small strategies in the
 * manner of oauth4webapi's: `client_secret_post` hands the credentials to the body (the generated
 * sender puts `client_id` and `client_secret` where the spec has them), `client_secret_basic` sends
 * them as an `Authorization` header. Returns the headers and the extra secrets to redact.
 */
export const clientAuthentications: Record<
  ClientAuthentication,
  (clientId: string, clientSecret: string) => { headers: Record<string, string>; secrets: string[] }
> = {
  client_secret_post: () => ({ headers: {}, secrets: [] }),
  client_secret_basic: (clientId, clientSecret) => {
    const authorization = basicAuthorization(clientId, clientSecret);
    return {
      headers: { Authorization: authorization },
      // The base64 form is as secret as the secret itself, should a server ever echo the header.
      secrets: [authorization.slice("Basic ".length)],
    };
  },
};
