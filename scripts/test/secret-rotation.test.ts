// Secret rotation without a restart, for every provider of the registry, against `paytok
// sandbox` over loopback HTTP: API calls keep flowing while the provider's console rotates the
// client secret, a token request already reading the old secret is refused, paytok reads the
// secret once more and retries with the new one, and no API call fails.
import { providerRegistry } from "@paytok/cli";
import { type RunningSandbox, startSandbox } from "@paytok/cli/sandbox";
import type { PaytokAuth, PaytokEvent } from "@paytok/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let sandbox: RunningSandbox | undefined;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox?.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const WORKERS = 20;

describe("secret rotation under load", () => {
  for (const entry of providerRegistry) {
    it(`${entry.id}: the secret is rotated under load and no API call fails`, async () => {
      if (sandbox === undefined) throw new Error("the sandbox did not start");
      const provider = sandbox.providers[entry.id];
      const { controls } = provider;
      controls.reset();
      let current = provider.credentials.clientSecret;
      let reads = 0;
      const events: PaytokEvent[] = [];
      const auth = entry.createAuth({
        baseUrl: provider.baseUrl,
        clientId: provider.credentials.clientId,
        // A secret manager's read: what it returns is what was current when it was asked.
        clientSecret: async () => {
          reads += 1;
          const value = current;
          await sleep(5);
          return value;
        },
        onEvent: (event: PaytokEvent) => events.push(event),
        ...Object.fromEntries(
          entry.endpoint.requiredValues.map((field) => [field, "https://api.example.test"]),
        ),
      } as never) as PaytokAuth;

      const statuses: number[] = [];
      let running = true;
      const callApi = async () => {
        while (running) {
          const response = await auth.fetch(`${provider.apiUrl}/charges`, {
            method: "POST",
            headers: { "content-type": "application/json", ...provider.apiHeaders },
            body: JSON.stringify({ amount: 1299, currency: "EUR" }),
          });
          await response.arrayBuffer();
          statuses.push(response.status);
        }
      };
      const load = Array.from({ length: WORKERS }, callApi);
      // Calls are flowing (a generous bound for a busy machine: a hang guard, not a timing).
      for (let waited = 0; statuses.length < WORKERS && waited < 20_000; waited += 20)
        await sleep(20);
      const before = statuses.length;

      // A token request starts and reads the secret; then the console rotates it, the secret
      // manager serves the new one, and every token issued so far is revoked, so each API call
      // in flight needs the token that request brings.
      const refreshed = auth.getToken({ forceRefresh: true });
      const rotated = controls.rotateClientSecret();
      current = rotated;
      controls.revoke();
      await refreshed;
      await sleep(300);
      running = false;
      await Promise.all(load);
      await auth.close();

      expect(before).toBeGreaterThan(0);
      expect(statuses.length).toBeGreaterThan(before);
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
      expect(events.filter((event) => event.type === "credentials_rotated")).toHaveLength(1);
      expect(events.filter((event) => event.type === "token_request_failed")).toEqual([]);
      expect(reads).toBeGreaterThanOrEqual(3);
      expect(JSON.stringify(events)).not.toContain(rotated);
    });
  }
});
