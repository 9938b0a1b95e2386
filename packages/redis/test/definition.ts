import { basicAuthorization, formEncode, type ProviderDefinition } from "@paytok/core";

export const CLIENT_SECRET = "s3cr3t-client-secret-value";

/** A small provider pointing at the local token server, as the child processes build it too. */
export function localProvider(tokenUrl: string, clientId = "fleet-client"): ProviderDefinition {
  return {
    provider: "fleet",
    packageName: "@paytok/fleet-test",
    tokenUrl,
    clientId,
    secrets: [CLIENT_SECRET],
    buildTokenRequest: () => ({
      headers: {
        authorization: basicAuthorization(clientId, CLIENT_SECRET),
        "content-type": "application/x-www-form-urlencoded",
        "x-worker": String(process.pid),
      },
      body: formEncode({ grant_type: "client_credentials" }),
    }),
  };
}
