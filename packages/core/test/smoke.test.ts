import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, it } from "vitest";
import createClient from "openapi-fetch";
import { createAuth, formEncode, type ProviderDefinition } from "../src/index.js";

let tokenCalls = 0;
const server = setupServer(
  http.post("https://auth.example.test/token", async ({ request }) => {
    tokenCalls++;
    const body = await request.text();
    return HttpResponse.json({ access_token: `at-${tokenCalls}`, token_type: "bearer", expires_in: 300, echo: body.length });
  }),
  http.post("https://api.example.test/orders", async ({ request }) => {
    const auth = request.headers.get("authorization");
    if (auth !== `Bearer at-${tokenCalls}` || tokenCalls < 2) return new HttpResponse(null, { status: 401 });
    return HttpResponse.json({ body: await request.text(), auth });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const definition: ProviderDefinition = {
  provider: "example", packageName: "@paytok/example", tokenUrl: "https://auth.example.test/token",
  clientId: "id", secrets: ["secret-value"],
  buildTokenRequest: () => ({ headers: { "content-type": "application/x-www-form-urlencoded" }, body: formEncode({ grant_type: "client_credentials" }) }),
};

it("smoke", async () => {
  const auth = createAuth(definition);
  const tokens = await Promise.all(Array.from({ length: 100 }, () => auth.getToken()));
  expect(tokenCalls).toBe(1);
  expect(tokens[0]?.accessToken).toBe("at-1");
  expect(JSON.stringify(tokens[0])).not.toContain("at-1");
  const client = createClient<any>({ baseUrl: "https://api.example.test" });
  client.use(auth.middleware);
  const { data, response } = await client.POST("/orders", { body: { amount: 5 } });
  expect(response.status).toBe(200);
  expect(data.body).toBe('{"amount":5}');
  expect(tokenCalls).toBe(2);
  const response2 = await auth.fetch("https://api.example.test/orders", { method: "POST", body: "x=1" });
  expect(response2.status).toBe(200);
});
