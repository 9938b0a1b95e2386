// Compiled with skipLibCheck off (tsconfig.lib-check.json), so that an error inside the published
// .d.ts files of the main entries is reported, which skipLibCheck in the other configs would hide:
// a type the installed openapi-fetch lacks (0.10.2 has no `Client`), say. Never run.
//
// It imports no msw: msw's own .d.ts are not ours to check (msw 2.15's fail under TypeScript 7
// with skipLibCheck off, TS1479 on its ESM-only dependencies).
import { createPaylaterAuth, createPaylaterClient, type paths } from "@paytok/paylater";
import createClient, { type Client, type Middleware } from "openapi-fetch";

export function typeChecks(): void {
  const client: Client<paths> = createPaylaterClient({ environment: "sandbox" });
  const auth = createPaylaterAuth({ clientId: "1", clientSecret: "secret" });
  const middleware: Middleware = auth.middleware;
  createClient<paths>({ baseUrl: "https://example.test" }).use(middleware);
  void client;
}
