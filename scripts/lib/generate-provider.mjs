// The pure part of generation: spec in, file contents out. No file system writes here, so the
// same function serves `pnpm generate`, the drift check and the tests.
import openapiTS, { astToString } from "openapi-typescript";
import { parse } from "yaml";

/**
 * @param {string} provider e.g. "alternative-payments"
 * @returns {string} e.g. "alternativePayments"
 */
export function camelCase(provider) {
  return provider.replace(/-([a-z0-9])/g, (_, letter) => letter.toUpperCase());
}

/**
 * @param {string} provider
 * @returns {string} e.g. "AlternativePayments"
 */
export function pascalCase(provider) {
  const camel = camelCase(provider);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** @param {string} provider */
function header(provider) {
  return (
    `// Generated from specs/${provider}.openapi.yaml by scripts/generate.mjs. Do not edit by hand:` +
    " edit the spec and run `pnpm generate`.\n"
  );
}

/**
 * Reads what the adapters need from a spec: servers by environment, the token operation, and the
 * paytok extensions. Throws on a spec that breaks the conventions, so a bad spec fails loudly here.
 * @param {any} spec
 * @param {string} provider
 */
export function readSpecFacts(spec, provider) {
  const fail = (/** @type {string} */ message) => {
    throw new Error(`specs/${provider}.openapi.yaml: ${message}`);
  };
  if (spec?.info?.["x-paytok-provider"] !== provider) {
    fail(`info.x-paytok-provider must be "${provider}"`);
  }
  /** @type {Array<[string, string]>} */
  const environments = [];
  for (const server of spec.servers ?? []) {
    const name = server["x-paytok-environment"];
    if (typeof name !== "string" || !/^[a-z][a-z0-9-]*$/.test(name)) {
      fail(`server ${server.url} needs a lowercase x-paytok-environment`);
    }
    environments.push([name, String(server.url).replace(/\/+$/, "")]);
  }
  if (environments.length === 0) fail("needs at least one server");

  const tokenOperations = [];
  for (const [pathName, pathItem] of Object.entries(spec.paths ?? {})) {
    for (const [method, operation] of Object.entries(/** @type {object} */ (pathItem))) {
      if (operation && typeof operation === "object" && operation["x-paytok-token-endpoint"]) {
        tokenOperations.push({ pathName, method, operation });
      }
    }
  }
  if (tokenOperations.length !== 1)
    fail("needs exactly one operation with x-paytok-token-endpoint");
  const [{ pathName, method, operation }] = /** @type {[any]} */ (tokenOperations);
  const mediaTypes = Object.keys(operation.requestBody?.content ?? {});
  if (mediaTypes.length !== 1) fail("the token operation needs exactly one request media type");
  const clientAuthentication = operation["x-paytok-client-auth"];
  if (
    clientAuthentication !== "client_secret_post" &&
    clientAuthentication !== "client_secret_basic"
  ) {
    fail("x-paytok-client-auth must be client_secret_post or client_secret_basic");
  }
  const apiHeaders = spec.info["x-paytok-api-headers"] ?? {};
  const scopes = spec.info["x-paytok-scopes"];
  return {
    environments,
    tokenPath: pathName,
    tokenMethod: method.toUpperCase(),
    mediaType: /** @type {string} */ (mediaTypes[0]),
    clientAuthentication,
    apiHeaders,
    scopes: Array.isArray(scopes) ? scopes.map(String) : undefined,
  };
}

/**
 * @param {{ provider: string, specUrl: URL, specText: string }} input
 * @returns {Promise<Record<string, string>>} file name → contents
 */
export async function generateProvider({ provider, specUrl, specText }) {
  const spec = parse(specText);
  const facts = readSpecFacts(spec, provider);
  const ast = await openapiTS(specUrl, { alphabetize: false });
  const schema = `${header(provider)}\n${astToString(ast)}`;

  const name = camelCase(provider);
  const Name = pascalCase(provider);
  const json = (/** @type {unknown} */ value) => JSON.stringify(value);
  const lines = [
    header(provider),
    `/** Token endpoint base URL of each environment named in the spec's servers. */`,
    `export const ${name}Environments = {`,
    ...facts.environments.map(([environment, url]) => `  ${json(environment)}: ${json(url)},`),
    "} as const;",
    "",
    `/** An environment name from the spec: the IDE offers exactly these. */`,
    `export type ${Name}Environment = keyof typeof ${name}Environments;`,
    "",
    `/** The first server of the spec. */`,
    `export const ${name}DefaultEnvironment: ${Name}Environment = ${json(facts.environments[0]?.[0])};`,
    "",
    `/** Path of the token endpoint, exactly as documented. */`,
    `export const ${name}TokenPath = ${json(facts.tokenPath)} as const;`,
    "",
    `/** HTTP method of the token endpoint. */`,
    `export const ${name}TokenMethod = ${json(facts.tokenMethod)} as const;`,
    "",
    `/** Media type of the token request body. */`,
    `export const ${name}TokenMediaType = ${json(facts.mediaType)} as const;`,
    "",
    `/** How the client authenticates at the token endpoint (RFC 7591 names). */`,
    `export const ${name}ClientAuthentication = ${json(facts.clientAuthentication)} as const;`,
    "",
    `/** Headers the provider requires on the token request and on every API call. */`,
    `export const ${name}ApiHeaders = ${json(facts.apiHeaders)} as const satisfies Readonly<Record<string, string>>;`,
  ];
  if (facts.scopes) {
    lines.push(
      "",
      `/** Every scope the document lists. */`,
      `export const ${name}Scopes = ${json(facts.scopes)} as const;`,
      "",
      `/** One of the documented scopes. */`,
      `export type ${Name}Scope = (typeof ${name}Scopes)[number];`,
    );
  }
  return { "schema.ts": schema, "constants.ts": `${lines.join("\n")}\n` };
}
