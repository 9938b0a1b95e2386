// The reader's own code that the documents' examples refer to, declared once for the docs check
// (scripts/docs-check). Nothing else is assumed: any other name a block uses, the block shows,
// and every package it imports comes from an install command above it in the same document.

/**
 * `import type { paths } from "./payment-api.js"`: the openapi-typescript types of your own
 * payment API, the one your tokens are for.
 */
declare module "*/payment-api.js" {
  export interface paths {
    "/orders": {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      get: {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        requestBody?: never;
        responses: {
          200: {
            headers: { [name: string]: unknown };
            content: { "application/json": { id: string; amount: number }[] };
          };
        };
      };
      post: {
        parameters: { query?: never; header?: never; path?: never; cookie?: never };
        requestBody: {
          content: { "application/json": { outlet_id?: string; amount: number } };
        };
        responses: {
          201: {
            headers: { [name: string]: unknown };
            content: { "application/json": { id: string; amount: number } };
          };
        };
      };
    };
  }
}

/**
 * `./generated/token-endpoint.js` of a new provider package: what `pnpm generate` writes from its
 * spec (see docs/contributing/add-a-provider.md), here for a made-up "Acme Pay".
 */
declare module "*/generated/token-endpoint.js" {
  import type { TokenProvider } from "@paytok/core";

  export type AcmePayEnvironment = "sandbox" | "production";
  export const acmePayTokenProvider: TokenProvider<
    AcmePayEnvironment,
    Record<never, never>,
    unknown
  >;
}
