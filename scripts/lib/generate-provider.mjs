// The pure part of generation: spec in, file contents out. No file system writes here, so the
// same function serves `pnpm generate`, the drift check and the tests.
//
// From each spec come the types (openapi-typescript) and `token-endpoint.ts`: the spec's facts as
// constants and a descriptor for core, the typed sender that puts every body field and header of
// the token request where the spec says (checked by the compiler against `paths`), and the raw
// client factory. A spec that leaves something open that paytok cannot decide (a required header
// without a value, a path parameter, an unknown media type) stops generation with a message naming
// it; a required body field without a value becomes a value the provider's adapter must supply,
// so an adapter that does not supply it fails to compile.
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

/** @param {string} source e.g. "specs/paysway.openapi.yaml" or "specs/" */
function header(source) {
  return (
    `// Generated from ${source} by scripts/generate.mjs. Do not edit by hand:` +
    " edit the spec and run `pnpm generate`.\n"
  );
}

/** Body fields paytok fills itself, by their RFC 6749 names. */
const GRANT_FIELDS = new Set(["grant_type", "refresh_token"]);
const CREDENTIAL_FIELDS = new Set(["client_id", "client_secret"]);
const GRANTS = new Set(["client_credentials", "refresh_token"]);
const MEDIA_TYPES = { "application/json": "json", "application/x-www-form-urlencoded": "form" };

/**
 * @typedef {{ kind: "literal", value: unknown }
 *   | { kind: "grant-type" }
 *   | { kind: "refresh-token" }
 *   | { kind: "credential", field: string }
 *   | { kind: "value", name: string, fallback?: unknown }} FieldSource
 * @typedef {{ name: string, source: FieldSource }} BodyField
 * @typedef {{ type: string, fields: BodyField[] }} Grant
 * @typedef {{ name: string, required: boolean, tsType: string }} AdapterValue
 */

/**
 * Reads what generation needs from a spec: servers by environment, the token operation, its
 * body and headers, and the paytok extensions. Throws on a spec that breaks the conventions or
 * leaves open what paytok cannot decide, so a bad spec fails loudly here.
 * @param {any} spec
 * @param {string} provider
 */
export function readSpecFacts(spec, provider) {
  /** @type {(message: string) => never} */
  const fail = (message) => {
    throw new Error(`specs/${provider}.openapi.yaml: ${message}`);
  };
  const resolve = (/** @type {any} */ node, seen = 0) => {
    if (node?.$ref === undefined) return node;
    const match = /^#\/components\/(schemas|parameters|requestBodies)\/([^/]+)$/.exec(node.$ref);
    if (match === null || seen > 20) return fail(`cannot resolve ${node.$ref}`);
    return resolve(
      spec.components?.[/** @type {string} */ (match[1])]?.[/** @type {string} */ (match[2])],
      seen + 1,
    );
  };
  if (spec?.info?.["x-paytok-provider"] !== provider) {
    fail(`info.x-paytok-provider must be "${provider}"`);
  }
  const title = spec.info["x-paytok-title"];
  if (typeof title !== "string" || title.trim() === "") {
    fail("info.x-paytok-title must name the provider as users know it");
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
  if (tokenOperations.length !== 1) {
    fail("needs exactly one operation with x-paytok-token-endpoint");
  }
  const [{ pathName, method, operation }] = /** @type {[any]} */ (tokenOperations);
  if (method !== "post") fail(`the token operation must be a POST, not ${method.toUpperCase()}`);
  const mediaTypes = Object.keys(operation.requestBody?.content ?? {});
  if (mediaTypes.length !== 1) fail("the token operation needs exactly one request media type");
  const mediaType = /** @type {string} */ (mediaTypes[0]);
  const baseMediaType = /** @type {keyof typeof MEDIA_TYPES} */ (
    mediaType.split(";")[0]?.trim().toLowerCase()
  );
  if (!Object.hasOwn(MEDIA_TYPES, baseMediaType)) {
    fail(
      `the token request media type ${mediaType} is not one paytok can send (application/json or application/x-www-form-urlencoded)`,
    );
  }
  const clientAuthentication = operation["x-paytok-client-auth"];
  if (
    clientAuthentication !== "client_secret_post" &&
    clientAuthentication !== "client_secret_basic"
  ) {
    fail("x-paytok-client-auth must be client_secret_post or client_secret_basic");
  }
  const lifetimeSeconds = operation["x-paytok-token-lifetime-seconds"];
  if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds <= 0) {
    fail(
      "the token operation needs x-paytok-token-lifetime-seconds: the documented (or assumed) lifetime used when a response has no expires_in",
    );
  }

  /** Token request headers with their values, and those every API call needs as well. */
  /** @type {Record<string, string>} */
  const tokenHeaders = {};
  /** @type {Record<string, string>} */
  const apiHeaders = {};
  /** @type {Record<string, string>} */
  const query = {};
  const parameters = [...(spec.paths[pathName].parameters ?? []), ...(operation.parameters ?? [])];
  for (const parameter of parameters.map((item) => resolve(item))) {
    const schema = resolve(parameter.schema) ?? {};
    const value = schema.const ?? schema.default;
    if (parameter.in === "path") fail(`the token path takes a path parameter (${parameter.name})`);
    if (parameter.in !== "header" && parameter.in !== "query") continue;
    if (value === undefined) {
      if (parameter.required) {
        fail(
          `the ${parameter.in} parameter ${parameter.name} of the token request is required but has no const or default: give it a value in the spec`,
        );
      }
      continue;
    }
    if (parameter.in === "query") query[parameter.name] = String(value);
    else tokenHeaders[parameter.name] = String(value);
    if (parameter["x-paytok-api-header"] === true) {
      if (parameter.in !== "header") fail(`${parameter.name}: only a header can be an API header`);
      apiHeaders[parameter.name] = String(value);
    }
  }

  const bodySchema = resolve(operation.requestBody.content[mediaType].schema);
  const branches = Array.isArray(bodySchema?.oneOf)
    ? bodySchema.oneOf.map((/** @type {any} */ branch) => resolve(branch))
    : [bodySchema];
  /** @type {Grant[]} */
  const grants = [];
  /** @type {Map<string, AdapterValue>} */
  const values = new Map();
  for (const branch of branches) {
    if (branch?.type !== "object" || typeof branch.properties !== "object") {
      fail("the token request body must be an object schema, or a oneOf of them by grant");
    }
    const required = new Set(branch.required ?? []);
    const grantTypeSchema = resolve(branch.properties.grant_type) ?? {};
    const grantType = grantTypeSchema.const ?? grantTypeSchema.default ?? "client_credentials";
    if (!GRANTS.has(grantType)) fail(`grant ${grantType} is not one paytok speaks`);
    if (grants.some((grant) => grant.type === grantType)) fail(`grant ${grantType} appears twice`);
    /** @type {BodyField[]} */
    const fields = [];
    for (const [name, rawSchema] of Object.entries(branch.properties)) {
      const schema = resolve(rawSchema) ?? {};
      /** @type {FieldSource} */
      let source;
      if (schema.const !== undefined) {
        source = { kind: "literal", value: schema.const };
      } else if (name === "grant_type") {
        source = { kind: "grant-type" };
      } else if (name === "refresh_token" && grantType === "refresh_token") {
        source = { kind: "refresh-token" };
      } else if (CREDENTIAL_FIELDS.has(name)) {
        if (name === "client_secret" && clientAuthentication === "client_secret_basic") {
          fail(
            "the body carries client_secret, but x-paytok-client-auth is client_secret_basic: a client authenticates one way only (RFC 6749 §2.3)",
          );
        }
        source = { kind: "credential", field: name };
      } else if (GRANT_FIELDS.has(name)) {
        fail(`${name} in the ${grantType} grant: paytok cannot fill it`);
      } else {
        const tsType =
          Array.isArray(schema.enum) &&
          schema.enum.every((/** @type {unknown} */ item) => typeof item === "string")
            ? schema.enum.map((/** @type {string} */ item) => JSON.stringify(item)).join(" | ")
            : /** @type {Record<string, string>} */ ({
                string: "string",
                integer: "number",
                number: "number",
                boolean: "boolean",
              })[schema.type];
        if (tsType === undefined) {
          fail(`body field ${name} has a type paytok cannot send (${JSON.stringify(schema.type)})`);
        }
        const isRequired = required.has(name) && schema.default === undefined;
        const known = values.get(name);
        if (known !== undefined && known.tsType !== tsType) {
          fail(`body field ${name} has different types in different grants`);
        }
        values.set(name, { name, tsType, required: (known?.required ?? false) || isRequired });
        source = {
          kind: "value",
          name,
          ...(schema.default === undefined ? {} : { fallback: schema.default }),
        };
      }
      fields.push({ name, source });
    }
    grants.push({ type: grantType, fields });
  }
  if (!grants.some((grant) => grant.type === "client_credentials")) {
    fail("the token request has no client_credentials grant");
  }

  const success = operation.responses?.["200"] ?? operation.responses?.["201"];
  const successSchema = resolve(success?.content?.["application/json"]?.schema) ?? {};
  /** @type {Record<string, unknown>} */
  const responseDefaults = {};
  for (const [name, rawSchema] of Object.entries(successSchema.properties ?? {})) {
    const schema = resolve(rawSchema) ?? {};
    if (schema.default !== undefined) responseDefaults[name] = schema.default;
  }
  const scopes = spec.info["x-paytok-scopes"];
  return {
    title: /** @type {string} */ (title),
    environments,
    tokenPath: pathName,
    tokenMethod: method.toUpperCase(),
    mediaType,
    bodyEncoding: MEDIA_TYPES[baseMediaType],
    clientAuthentication,
    tokenHeaders,
    query,
    apiHeaders,
    scopes: Array.isArray(scopes) ? scopes.map(String) : undefined,
    lifetimeSeconds: /** @type {number} */ (lifetimeSeconds),
    responseDefaults,
    grants,
    values: [...values.values()],
  };
}

const json = (/** @type {unknown} */ value) => JSON.stringify(value);
/** A property key, quoted only when it must be. */
const key = (/** @type {string} */ name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : json(name));

/**
 * The body of one grant as a TypeScript object literal.
 * @param {Grant} grant
 */
function bodyLiteral(grant, indent = "    ") {
  const lines = grant.fields.map(({ name, source }) => {
    const value =
      source.kind === "literal"
        ? json(source.value)
        : source.kind === "grant-type"
          ? json(grant.type)
          : source.kind === "refresh-token"
            ? "input.grant.refreshToken"
            : source.kind === "credential"
              ? `input.credentials.${source.field}`
              : source.fallback === undefined
                ? `input.values.${key(source.name)}`
                : `input.values.${key(source.name)} ?? ${json(source.fallback)}`;
    return `${indent}  ${key(name)}: ${value},`;
  });
  return `{\n${lines.join("\n")}\n${indent}}`;
}

/**
 * `token-endpoint.ts` of one provider.
 * @param {string} provider
 * @param {ReturnType<typeof readSpecFacts>} facts
 */
export function tokenEndpointSource(provider, facts) {
  const name = camelCase(provider);
  const Name = pascalCase(provider);
  const path = json(facts.tokenPath);
  const valuesType =
    facts.values.length === 0
      ? "Record<never, never>"
      : `{\n${facts.values.map((value) => `  ${key(value.name)}${value.required ? "" : "?"}: ${value.tsType};`).join("\n")}\n}`;
  const refresh = facts.grants.find((grant) => grant.type === "refresh_token");
  const credentials = facts.grants.find((grant) => grant.type === "client_credentials");
  const body =
    refresh === undefined || credentials === undefined
      ? bodyLiteral(/** @type {Grant} */ (credentials))
      : `input.grant.type === "refresh_token"\n      ? ${bodyLiteral(refresh, "      ").trimStart()}\n      : ${bodyLiteral(credentials, "      ").trimStart()}`;
  const parameters = [
    Object.keys(facts.tokenHeaders).length > 0 ? `header: ${json(facts.tokenHeaders)}` : undefined,
    Object.keys(facts.query).length > 0 ? `query: ${json(facts.query)}` : undefined,
  ].filter(Boolean);
  const scopeLines = facts.scopes
    ? [
        "",
        `/** Every scope the document lists. */`,
        `export const ${name}Scopes = ${json(facts.scopes)} as const;`,
        "",
        `/** One of the documented scopes. */`,
        `export type ${Name}Scope = (typeof ${name}Scopes)[number];`,
      ]
    : [];
  return [
    header(`specs/${provider}.openapi.yaml`),
    `import {`,
    `  type EndpointLocation,`,
    `  type TokenClientOptions,`,
    `  type TokenEndpointDescriptor,`,
    `  type TokenProvider,`,
    `  type TokenRequestInput,`,
    `  tokenClientOptions,`,
    `} from "@paytok/core";`,
    `import createClient, { type Client } from "openapi-fetch";`,
    `import type { paths } from "./schema.js";`,
    "",
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
    `export const ${name}TokenPath = ${path} as const;`,
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
    `/** Headers the provider requires on every API call, besides Authorization. */`,
    `export const ${name}ApiHeaders = ${json(facts.apiHeaders)} as const satisfies Readonly<Record<string, string>>;`,
    "",
    `/** Lifetime of a token when a response has no \`expires_in\` (documented or assumed: see the spec). */`,
    `export const ${name}TokenLifetimeSeconds = ${facts.lifetimeSeconds};`,
    ...scopeLines,
    "",
    `/** Everything the spec says about the token endpoint, for @paytok/core. */`,
    `export const ${name}TokenEndpoint = {`,
    `  provider: ${json(provider)},`,
    `  packageName: ${json(`@paytok/${provider}`)},`,
    `  title: ${json(facts.title)},`,
    `  environments: ${name}Environments,`,
    `  defaultEnvironment: ${name}DefaultEnvironment,`,
    `  tokenPath: ${name}TokenPath,`,
    `  tokenMethod: ${name}TokenMethod,`,
    `  mediaType: ${name}TokenMediaType,`,
    `  bodyEncoding: ${json(facts.bodyEncoding)},`,
    `  clientAuthentication: ${name}ClientAuthentication,`,
    `  tokenHeaders: ${json(facts.tokenHeaders)},`,
    `  apiHeaders: ${name}ApiHeaders,`,
    `  scopes: ${facts.scopes ? `${name}Scopes` : "undefined"},`,
    `  lifetimeSeconds: ${name}TokenLifetimeSeconds,`,
    `  responseDefaults: ${json(facts.responseDefaults)},`,
    `  grants: ${json(facts.grants.map((grant) => grant.type))},`,
    `  requiredValues: ${json(facts.values.filter((value) => value.required).map((value) => value.name))},`,
    `  optionalValues: ${json(facts.values.filter((value) => !value.required).map((value) => value.name))},`,
    `} as const satisfies TokenEndpointDescriptor<${Name}Environment>;`,
    "",
    `/** Values of the token request body that the spec leaves open: the adapter supplies them. */`,
    `export type ${Name}TokenRequestValues = ${valuesType};`,
    "",
    `/**`,
    ` * Sends one token request through the typed client: path, method, header parameters and every`,
    ` * body field are checked against \`paths\` by the compiler, and openapi-fetch serializes the body.`,
    ` */`,
    `export function send${Name}TokenRequest(`,
    `  client: Client<paths>,`,
    `  input: TokenRequestInput<${Name}TokenRequestValues>,`,
    `) {`,
    `  return client.POST(${path}, {`,
    ...(parameters.length > 0 ? [`    params: { ${parameters.join(", ")} },`] : []),
    `    body: ${body},`,
    `    headers: input.headers,`,
    `    signal: input.signal,`,
    `    parseAs: "text",`,
    `  });`,
    `}`,
    "",
    `/** Where the token endpoint lives: an environment of the spec or an explicit base URL, never both. */`,
    `export type ${Name}LocationOptions = EndpointLocation<${Name}Environment>;`,
    "",
    `/** Options of {@link create${Name}Client}: where the endpoint lives, fetch, headers, timeout. */`,
    `export type ${Name}ClientOptions = ${Name}LocationOptions & TokenClientOptions;`,
    "",
    `/**`,
    ` * A typed openapi-fetch client of the token endpoint, for the raw call:`,
    ` * \`client.POST(${name}TokenPath, { body })\`. It refuses plain HTTP to a remote host, treats a`,
    ` * redirect as an error, and bounds every call in time and body size; it caches nothing and`,
    ` * never retries: \`create${Name}Auth\` does that, through this same client.`,
    ` */`,
    `export function create${Name}Client(options: ${Name}ClientOptions = {}): Client<paths> {`,
    `  return createClient<paths>(tokenClientOptions(${name}TokenEndpoint, options));`,
    `}`,
    "",
    `/** The generated pieces together, for \`createProviderAuth\` in the adapter. */`,
    `export const ${name}TokenProvider: TokenProvider<${Name}Environment, ${Name}TokenRequestValues, Client<paths>> = {`,
    `  endpoint: ${name}TokenEndpoint,`,
    `  createClient: create${Name}Client,`,
    `  send: send${Name}TokenRequest,`,
    `};`,
    "",
  ].join("\n");
}

/**
 * @param {{ provider: string, specUrl: URL, specText: string }} input
 * @returns {Promise<Record<string, string>>} file name → contents
 */
export async function generateProvider({ provider, specUrl, specText }) {
  const spec = parse(specText);
  const facts = readSpecFacts(spec, provider);
  const ast = await openapiTS(specUrl, { alphabetize: false });
  const schema = `${header(`specs/${provider}.openapi.yaml`)}\n${astToString(ast)}`;
  return { "schema.ts": schema, "token-endpoint.ts": tokenEndpointSource(provider, facts) };
}

/**
 * The provider registry of `@paytok/cli` (`src/generated/providers.ts`): every provider of
 * `specs/`, read by the CLI, the sandbox, the bench, the demo and the cross-package tests.
 * @param {Array<{ provider: string, specText: string }>} specs
 */
export function generateRegistry(specs) {
  const entries = specs.map(({ provider, specText }) => ({
    provider,
    facts: readSpecFacts(parse(specText), provider),
  }));
  const lines = [
    header("specs/"),
    `import type { PaytokAuth, TokenEndpointDescriptor } from "@paytok/core";`,
    `import type { SandboxHandlers, SandboxOptions } from "@paytok/core/testing";`,
    ...entries.map(
      ({ provider }) =>
        `import { create${pascalCase(provider)}Auth, ${camelCase(provider)}TokenEndpoint } from "@paytok/${provider}";`,
    ),
    "",
    `/** One provider package, as the CLI, the sandbox and the cross-package tests see it. */`,
    `export interface ProviderRegistryEntry {`,
    `  /** The id of the spec and the package: \`@paytok/<id>\`. */`,
    `  readonly id: string;`,
    `  readonly title: string;`,
    `  readonly packageName: string;`,
    `  /** Names of the package's factory exports and of its \`/testing\` handlers. */`,
    `  readonly authFactory: string;`,
    `  readonly clientFactory: string;`,
    `  readonly handlersFactory: string;`,
    `  readonly endpoint: TokenEndpointDescriptor;`,
    `  /** \`create<Provider>Auth\`, typed loosely: the options of each provider differ. */`,
    `  readonly createAuth: (options: never) => PaytokAuth;`,
    `  /** The package's \`/testing\` handlers, loaded on demand (msw is a large import). */`,
    `  loadHandlers(): Promise<(options?: SandboxOptions & { baseUrl?: string }) => SandboxHandlers>;`,
    `}`,
    "",
    `/** Every provider of specs/, in id order. */`,
    `export const providerRegistry = [`,
    ...entries.map(({ provider, facts }) => {
      const camel = camelCase(provider);
      const Pascal = pascalCase(provider);
      return [
        `  {`,
        `    id: ${json(provider)},`,
        `    title: ${json(facts.title)},`,
        `    packageName: ${json(`@paytok/${provider}`)},`,
        `    authFactory: ${json(`create${Pascal}Auth`)},`,
        `    clientFactory: ${json(`create${Pascal}Client`)},`,
        `    handlersFactory: ${json(`${camel}Handlers`)},`,
        `    endpoint: ${camel}TokenEndpoint,`,
        `    createAuth: create${Pascal}Auth,`,
        `    loadHandlers: async () => (await import("@paytok/${provider}/testing")).${camel}Handlers,`,
        `  },`,
      ].join("\n");
    }),
    `] as const satisfies readonly ProviderRegistryEntry[];`,
    "",
    `/** The id of a provider of specs/. */`,
    `export type ProviderName = (typeof providerRegistry)[number]["id"];`,
    "",
  ];
  return lines.join("\n");
}
