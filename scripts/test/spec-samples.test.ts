// Checks the hand-written specs in specs/ against the providers' documents: the examples inside
// each spec, the documents' own samples (document-samples.ts), deliberately broken copies of those
// samples, and the structural conventions that scripts/generate.mjs relies on.
import { readFileSync } from "node:fs";
import type { ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  type DocumentedEndpoint,
  type DocumentSample,
  documentedEndpoints,
  documentSamples,
  type ProviderId,
  paymeDocumentedApiVersion,
  paymeDocumentedScopes,
  type SampleTarget,
} from "./document-samples.js";

type JsonObject = Record<string, unknown>;

const repositoryRoot = new URL("../../", import.meta.url);

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Returns `value` as an object, or fails with the place it was looked for. */
function objectAt(value: unknown, where: string): JsonObject {
  if (!isObject(value)) throw new Error(`expected an object at ${where}`);
  return value;
}

function decodePointerSegment(segment: string): string {
  return decodeURIComponent(segment).replaceAll("~1", "/").replaceAll("~0", "~");
}

/** Follows a local JSON pointer such as `#/components/schemas/TokenResponse`. */
function followPointer(document: unknown, reference: string): unknown {
  if (!reference.startsWith("#/")) {
    throw new Error(`only local $refs are used in specs/, found ${reference}`);
  }
  let node: unknown = document;
  for (const segment of reference.slice(2).split("/").map(decodePointerSegment)) {
    node = objectAt(node, reference)[segment];
    if (node === undefined) throw new Error(`$ref ${reference} points at nothing`);
  }
  return node;
}

/**
 * Replaces every local `$ref` with what it points at, so that Ajv gets self-contained schemas. A
 * `$ref` with sibling keywords keeps JSON Schema 2020-12 meaning: both apply (an `allOf`).
 */
function resolveLocalReferences(
  node: unknown,
  document: unknown,
  followed: readonly string[] = [],
): unknown {
  if (Array.isArray(node)) {
    return node.map((item) => resolveLocalReferences(item, document, followed));
  }
  if (!isObject(node)) return node;
  const { $ref: reference, ...rest } = node;
  const resolvedRest = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [
      key,
      resolveLocalReferences(value, document, followed),
    ]),
  );
  if (typeof reference !== "string") return resolvedRest;
  if (followed.includes(reference)) throw new Error(`circular $ref ${reference}`);
  const target = resolveLocalReferences(followPointer(document, reference), document, [
    ...followed,
    reference,
  ]);
  return Object.keys(resolvedRest).length === 0 ? target : { allOf: [target], ...resolvedRest };
}

interface LoadedSpec {
  provider: ProviderId;
  document: JsonObject;
  documented: DocumentedEndpoint;
}

function loadSpec(documented: DocumentedEndpoint): LoadedSpec {
  const file = new URL(`specs/${documented.provider}.openapi.yaml`, repositoryRoot);
  const document = objectAt(parse(readFileSync(file, "utf8")), file.pathname);
  return { provider: documented.provider, document, documented };
}

const specs: readonly LoadedSpec[] = documentedEndpoints.map(loadSpec);

function specOf(provider: ProviderId): LoadedSpec {
  const spec = specs.find((candidate) => candidate.provider === provider);
  if (!spec) throw new Error(`no documented endpoint for ${provider}`);
  return spec;
}

interface FoundOperation {
  path: string;
  method: string;
  operation: JsonObject;
}

/** Every operation of the spec that carries `x-paytok-token-endpoint: true`. */
function tokenOperations(spec: LoadedSpec): FoundOperation[] {
  const found: FoundOperation[] = [];
  for (const [path, pathItem] of Object.entries(objectAt(spec.document.paths, "paths"))) {
    for (const [method, operation] of Object.entries(objectAt(pathItem, `paths.${path}`))) {
      if (isObject(operation) && operation["x-paytok-token-endpoint"] === true) {
        found.push({ path, method, operation });
      }
    }
  }
  return found;
}

/** The token operation with every local `$ref` resolved. */
function resolvedTokenOperation(spec: LoadedSpec): JsonObject {
  const [first] = tokenOperations(spec);
  if (!first) throw new Error(`${spec.provider}: no operation with x-paytok-token-endpoint`);
  return objectAt(resolveLocalReferences(first.operation, spec.document), "token operation");
}

/** The media type object (`schema`, `examples`) of the request body or of one response. */
function mediaTypeOf(
  spec: LoadedSpec,
  target: SampleTarget,
): { mediaType: string; media: JsonObject } {
  const operation = resolvedTokenOperation(spec);
  const content =
    target.kind === "request"
      ? objectAt(objectAt(operation.requestBody, "requestBody").content, "requestBody.content")
      : objectAt(
          objectAt(objectAt(operation.responses, "responses")[target.status], target.status)
            .content,
          `responses.${target.status}.content`,
        );
  const entries = Object.entries(content);
  const [entry] = entries;
  if (entries.length !== 1 || !entry) {
    throw new Error(
      `${spec.provider}: expected exactly one media type in ${describeTarget(target)}`,
    );
  }
  return { mediaType: entry[0], media: objectAt(entry[1], entry[0]) };
}

function describeTarget(target: SampleTarget): string {
  return target.kind === "request" ? "request body" : `${target.status} response`;
}

// OpenAPI 3.1 schema objects may carry the OAS base vocabulary next to JSON Schema. Registered as
// annotations, so Ajv stays strict about every other unknown keyword (a typo fails loudly).
// `strictRequired` stays off: Pay-me's TokenResponse requires properties in an `if`/`then` branch
// that are declared in the parent schema, which is valid JSON Schema.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
for (const keyword of ["discriminator", "xml", "externalDocs", "example"]) {
  ajv.addKeyword({ keyword });
}

const validators = new Map<string, ValidateFunction>();

function validatorFor(provider: ProviderId, target: SampleTarget): ValidateFunction {
  const key = `${provider} ${describeTarget(target)}`;
  const cached = validators.get(key);
  if (cached) return cached;
  const { media } = mediaTypeOf(specOf(provider), target);
  const validate = ajv.compile(objectAt(media.schema, `${key} schema`));
  validators.set(key, validate);
  return validate;
}

/** Validates and returns Ajv's error text, so a failing assertion says why. */
function check(
  provider: ProviderId,
  target: SampleTarget,
  value: unknown,
): { valid: boolean; errors: string } {
  const validate = validatorFor(provider, target);
  const valid = validate(value);
  return { valid, errors: ajv.errorsText(validate.errors) };
}

/** Pairs each item with its test title, for `it.each(...)("%s", ...)`: titles are never cut short. */
function titled<T>(items: readonly T[], title: (item: T) => string): Array<[string, T]> {
  return items.map((item) => [title(item), item]);
}

function sampleNamed(name: string): DocumentSample {
  const sample = documentSamples.find((candidate) => candidate.name === name);
  if (!sample) throw new Error(`no document sample named ${name}`);
  return sample;
}

function without(value: JsonObject, field: string): JsonObject {
  const { [field]: _removed, ...rest } = value;
  return rest;
}

function withField(value: JsonObject, field: string, replacement: unknown): JsonObject {
  return { ...value, [field]: replacement };
}

interface SampleExpectation {
  /** Fields whose absence must make the sample invalid (the documents' and the specs' choice). */
  required: readonly string[];
  /** Each entry replaces one field with a value of the wrong type. */
  wrongTypes: ReadonlyArray<readonly [field: string, replacement: unknown]>;
  /** Other changes that must be refused. */
  otherInvalid?: ReadonlyArray<{ change: string; value: (sample: JsonObject) => JsonObject }>;
}

const expectations: Readonly<Record<string, SampleExpectation>> = {
  "lab4pay request": {
    required: ["grant_type", "client_id", "client_secret"],
    wrongTypes: [
      ["grant_type", 1],
      ["client_id", 12345],
      ["client_secret", null],
    ],
  },
  "lab4pay 200 response": {
    required: ["access_token", "expires_in", "token_type", "scope"],
    wrongTypes: [
      // Documented as a string: a JSON number is not what the document describes.
      ["expires_in", 3600],
      ["access_token", 42],
      ["token_type", true],
      ["scope", ["default"]],
    ],
  },
  "paylater request (cURL)": {
    required: ["grant_type", "client_id", "client_secret"],
    wrongTypes: [
      // Documented as "Long", but it must travel as its string of digits.
      ["client_id", 12345],
      ["client_secret", 1],
    ],
    otherInvalid: [
      {
        change: "grant_type password",
        value: (sample) => withField(sample, "grant_type", "password"),
      },
      {
        change: "grant_type refresh_token without a refresh_token",
        value: (sample) => withField(sample, "grant_type", "refresh_token"),
      },
    ],
  },
  "paylater 200 response": {
    required: ["access_token", "token_type", "expires_in"],
    wrongTypes: [
      ["expires_in", { seconds: 300 }],
      ["expires_in", "300"],
      ["refresh_expires_in", "1800"],
      ["not-before-policy", "0"],
      ["access_token", 1],
    ],
  },
  "paylater 401 invalid_client": {
    required: ["error"],
    wrongTypes: [
      ["error", 401],
      ["error_description", { text: "Invalid client" }],
    ],
  },
  "paylater 400 unsupported_grant_type": {
    required: ["error"],
    wrongTypes: [
      ["error", ["unsupported_grant_type"]],
      ["error_description", 400],
    ],
  },
  "paysway request (cURL)": {
    required: ["grant_type", "client_id", "client_secret"],
    wrongTypes: [
      ["client_id", 1],
      ["client_secret", false],
    ],
    otherInvalid: [
      {
        change: "grant_type password",
        value: (sample) => withField(sample, "grant_type", "password"),
      },
      {
        change: "grant_type in another case",
        value: (sample) => withField(sample, "grant_type", "Client_Credentials"),
      },
    ],
  },
  "paysway 200 response": {
    required: ["access_token", "token_type", "expires_in"],
    wrongTypes: [
      ["expires_in", "3600"],
      ["access_token", null],
      ["token_type", 1],
    ],
  },
  "alternative-payments request": {
    required: ["grant_type"],
    wrongTypes: [["grant_type", 1]],
    otherInvalid: [
      {
        change: "grant_type authorization_code",
        value: (sample) => withField(sample, "grant_type", "authorization_code"),
      },
      { change: "grant_type empty", value: (sample) => withField(sample, "grant_type", "") },
    ],
  },
  "alternative-payments 200 response": {
    required: ["access_token", "token_type", "expires_in"],
    wrongTypes: [
      ["expires_in", "3600"],
      ["expires_in", 3600.5],
      ["token_type", null],
    ],
  },
  "payme request": {
    required: ["action", "grant_type", "audience", "client_id", "client_secret", "scope"],
    wrongTypes: [
      ["audience", 1],
      ["scope", ["create:token", "post:charges"]],
      ["client_id", 1],
    ],
    otherInvalid: [
      {
        change: "action other than authorize",
        value: (sample) => withField(sample, "action", "capture"),
      },
      {
        change: "grant_type other than client_credentials",
        value: (sample) => withField(sample, "grant_type", "password"),
      },
      {
        change: "scope without the mandatory create:token",
        value: (sample) => withField(sample, "scope", "post:charges get:charges"),
      },
      {
        change: "scope with create:token only as part of a longer word",
        value: (sample) => withField(sample, "scope", "create:tokens post:charges"),
      },
    ],
  },
  "payme 200 response": {
    required: ["success", "access_token", "token_type", "expires_in"],
    wrongTypes: [
      ["success", "true"],
      ["expires_in", "8600"],
      ["authorization", "00"],
    ],
    otherInvalid: [
      {
        change: "authorization.meta.status.code as a number",
        value: (sample) =>
          withField(sample, "authorization", { meta: { status: { code: 0, message_ilgn: [] } } }),
      },
      {
        change: "authorization.meta.status.message_ilgn as a string",
        value: (sample) =>
          withField(sample, "authorization", {
            meta: { status: { code: "00", message_ilgn: "Access Token creado" } },
          }),
      },
    ],
  },
};

function expectationFor(sample: DocumentSample): SampleExpectation {
  const expectation = expectations[sample.name];
  if (!expectation) throw new Error(`no expectation written for the sample "${sample.name}"`);
  return expectation;
}

interface SpecExample {
  provider: ProviderId;
  where: string;
  target: SampleTarget;
  name: string;
  value: unknown;
}

/** Every named example on the token operation's request body and response media types. */
function specExamples(spec: LoadedSpec): SpecExample[] {
  const operation = resolvedTokenOperation(spec);
  const targets: SampleTarget[] = [{ kind: "request" }];
  for (const [status, response] of Object.entries(objectAt(operation.responses, "responses"))) {
    if (isObject(response) && isObject(response.content))
      targets.push({ kind: "response", status });
  }
  const found: SpecExample[] = [];
  for (const target of targets) {
    const { mediaType, media } = mediaTypeOf(spec, target);
    const where = `${describeTarget(target)} ${mediaType}`;
    if (media.example !== undefined) {
      found.push({ provider: spec.provider, where, target, name: "example", value: media.example });
    }
    for (const [name, example] of Object.entries(isObject(media.examples) ? media.examples : {})) {
      const value = objectAt(example, `${where} examples.${name}`).value;
      found.push({ provider: spec.provider, where, target, name, value });
    }
  }
  return found;
}

const allSpecExamples = specs.flatMap(specExamples);

describe("spec examples validate against their media type's schema", () => {
  it.each(
    titled(specs, (spec) => `${spec.provider} has examples for its request body and 200 response`),
  )("%s", (_title, { provider }) => {
    const locations = allSpecExamples
      .filter((example) => example.provider === provider && example.name === "documented")
      .map((example) => describeTarget(example.target));
    expect(locations).toContain("request body");
    expect(locations).toContain("200 response");
  });

  const examples = titled(
    allSpecExamples,
    (example) => `${example.provider}: ${example.where} example "${example.name}"`,
  );
  it.each(examples)("%s", (_title, { provider, target, value }) => {
    const { valid, errors } = check(provider, target, value);
    expect(valid, errors).toBe(true);
  });
});

describe("document samples validate against the specs", () => {
  const samples = titled(
    documentSamples,
    (sample) => `${sample.name} (${sample.origin}, ${sample.source})`,
  );
  it.each(samples)("%s", (_title, sample) => {
    const { valid, errors } = check(sample.provider, sample.target, sample.value);
    expect(valid, errors).toBe(true);
  });

  const unchanged = titled(
    documentSamples,
    (sample) => `${sample.name} is the spec's "documented" example, unchanged`,
  );
  it.each(unchanged)("%s", (_title, sample) => {
    const { media } = mediaTypeOf(specOf(sample.provider), sample.target);
    const examples = objectAt(media.examples, `${sample.name}: examples`);
    const documented = objectAt(examples.documented, `${sample.name}: examples.documented`);
    expect(documented.value).toStrictEqual(sample.value);
    expect(typeof documented.summary).toBe("string");
  });

  it("every spec example named 'documented' comes from document-samples.ts", () => {
    const documentedExamples = allSpecExamples.filter((example) => example.name === "documented");
    for (const example of documentedExamples) {
      const matching = documentSamples.filter(
        (sample) =>
          sample.provider === example.provider &&
          describeTarget(sample.target) === describeTarget(example.target),
      );
      expect(matching, `${example.provider} ${example.where}`).toHaveLength(1);
    }
  });
});

describe("broken copies of the document samples are refused", () => {
  const missingField = documentSamples.flatMap((sample) =>
    expectationFor(sample).required.map((field) => ({ name: sample.name, field })),
  );
  it.each(titled(missingField, ({ name, field }) => `${name} without ${field}`))(
    "%s",
    (_title, { name, field }) => {
      const sample = sampleNamed(name);
      expect(Object.keys(sample.value), "the field to drop is in the sample").toContain(field);
      expect(check(sample.provider, sample.target, without(sample.value, field)).valid).toBe(false);
    },
  );

  const wrongType = documentSamples.flatMap((sample) =>
    expectationFor(sample).wrongTypes.map(([field, replacement]) => ({
      name: sample.name,
      field,
      replacement,
      shown: JSON.stringify(replacement),
    })),
  );
  it.each(titled(wrongType, ({ name, field, shown }) => `${name} with ${field} = ${shown}`))(
    "%s",
    (_title, { name, field, replacement }) => {
      const sample = sampleNamed(name);
      const broken = withField(sample.value, field, replacement);
      expect(check(sample.provider, sample.target, broken).valid).toBe(false);
    },
  );

  const otherChanges = documentSamples.flatMap((sample) =>
    (expectationFor(sample).otherInvalid ?? []).map(({ change, value }) => ({
      name: sample.name,
      change,
      value,
    })),
  );
  it.each(titled(otherChanges, ({ name, change }) => `${name} with ${change}`))(
    "%s",
    (_title, { name, value }) => {
      const sample = sampleNamed(name);
      expect(check(sample.provider, sample.target, value(sample.value)).valid).toBe(false);
    },
  );

  it("every sample has its expectations written down", () => {
    expect(Object.keys(expectations).sort()).toStrictEqual(
      documentSamples.map((sample) => sample.name).sort(),
    );
  });
});

describe("documented shapes the samples do not show", () => {
  const paylaterRefresh = {
    grant_type: "refresh_token",
    refresh_token: "ey**********kQ",
    client_id: "1234567890123456789",
    client_secret: "secret",
  };

  it("paylater accepts the refresh_token grant of its token life-cycle", () => {
    const { valid, errors } = check("paylater", { kind: "request" }, paylaterRefresh);
    expect(valid, errors).toBe(true);
  });

  it.each(["grant_type", "refresh_token", "client_id", "client_secret"])(
    "paylater refresh_token grant without %s is refused",
    (field) => {
      expect(check("paylater", { kind: "request" }, without(paylaterRefresh, field)).valid).toBe(
        false,
      );
    },
  );

  it("paylater 400 also carries invalid_grant (expired refresh token)", () => {
    const body = { error: "invalid_grant", error_description: "Token is not active" };
    expect(check("paylater", { kind: "response", status: "400" }, body).valid).toBe(true);
  });

  it("paysway errors follow RFC 6749 section 5.2", () => {
    for (const status of ["400", "401"]) {
      const target: SampleTarget = { kind: "response", status };
      expect(check("paysway", target, { error: "invalid_client" }).valid).toBe(true);
      expect(check("paysway", target, { error_description: "no code" }).valid).toBe(false);
    }
  });

  it("alternative-payments 403 is an object of strings", () => {
    const target: SampleTarget = { kind: "response", status: "403" };
    expect(check("alternative-payments", target, { message: "Invalid credentials" }).valid).toBe(
      true,
    );
    expect(check("alternative-payments", target, { message: 403 }).valid).toBe(false);
    expect(check("alternative-payments", target, "Invalid credentials").valid).toBe(false);
  });

  it("payme 200 with success false needs no token, only its status", () => {
    const failed = {
      action: "authorize",
      success: false,
      authorization: {
        meta: { status: { code: "01", message_ilgn: [{ locale: "es_PE", value: "Error" }] } },
      },
    };
    const { valid, errors } = check("payme", { kind: "response", status: "200" }, failed);
    expect(valid, errors).toBe(true);
  });
});

function serversOf(spec: LoadedSpec): JsonObject[] {
  const servers = spec.document.servers;
  if (!Array.isArray(servers)) throw new Error(`${spec.provider}: servers is not a list`);
  return servers.map((server, index) => objectAt(server, `servers[${index}]`));
}

function schemaObjects(node: unknown, where: string): Array<{ where: string; schema: JsonObject }> {
  if (!isObject(node)) return [];
  const found = [{ where, schema: node }];
  for (const [key, value] of Object.entries(isObject(node.properties) ? node.properties : {})) {
    found.push(...schemaObjects(value, `${where}.${key}`));
  }
  if (isObject(node.items)) found.push(...schemaObjects(node.items, `${where}[]`));
  return found;
}

describe.each(titled(specs, (spec) => `${spec.provider} spec structure`))("%s", (_title, spec) => {
  const { document, documented, provider } = spec;
  const info = objectAt(document.info, "info");

  it("is OpenAPI 3.1.0 and names its provider", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(info["x-paytok-provider"]).toBe(provider);
    expect(typeof info.title).toBe("string");
    expect(typeof info.version).toBe("string");
  });

  it("writes its interpretation decisions down in info.description", () => {
    expect(info.description).toEqual(expect.stringContaining("Interpretation notes:"));
    expect(info.description).toEqual(expect.stringContaining(documented.source));
  });

  it("has exactly one token operation, POST at the documented path", () => {
    const operations = tokenOperations(spec);
    expect(operations.map(({ path, method }) => `${method} ${path}`)).toStrictEqual([
      `post ${documented.path}`,
    ]);
    const paths = objectAt(document.paths, "paths");
    expect(Object.keys(paths)).toStrictEqual([documented.path]);
    expect(Object.keys(objectAt(paths[documented.path], documented.path))).toStrictEqual(["post"]);
  });

  it("lists the documented servers in order, each with an x-paytok-environment", () => {
    const servers = serversOf(spec);
    for (const server of servers) {
      expect(server["x-paytok-environment"]).toMatch(/^[a-z][a-z0-9-]*$/);
    }
    // A server the document does not list is an interpretation, and says so.
    expect(
      servers
        .filter((server) => server["x-paytok-assumed"] !== true)
        .map((server) => ({ url: server.url, environment: server["x-paytok-environment"] })),
    ).toStrictEqual(documented.servers);
  });

  it("declares the documented client authentication and security", () => {
    const operation = resolvedTokenOperation(spec);
    expect(operation["x-paytok-client-auth"]).toBe(documented.clientAuthentication);
    if (documented.clientAuthentication === "client_secret_basic") {
      expect(operation.security).toStrictEqual([{ BasicAuth: [] }]);
      const schemes = objectAt(
        objectAt(document.components, "components").securitySchemes,
        "schemes",
      );
      expect(schemes.BasicAuth).toMatchObject({ type: "http", scheme: "basic" });
    } else {
      expect(operation.security).toStrictEqual([]);
    }
  });

  it("has an operationId, a summary and tags", () => {
    const operation = resolvedTokenOperation(spec);
    expect(operation.operationId).toBe(
      provider === "alternative-payments" ? "createOAuthToken" : "createToken",
    );
    expect(typeof operation.summary).toBe("string");
    expect(operation.tags).toEqual([expect.any(String)]);
  });

  it("takes a required body of the documented media type only", () => {
    const operation = resolvedTokenOperation(spec);
    const requestBody = objectAt(operation.requestBody, "requestBody");
    expect(requestBody.required).toBe(true);
    expect(Object.keys(objectAt(requestBody.content, "content"))).toStrictEqual([
      documented.mediaType,
    ]);
  });

  it("does not model Content-Type as a header parameter", () => {
    const operation = resolvedTokenOperation(spec);
    const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
    const names = parameters.map((parameter) => String(objectAt(parameter, "parameter").name));
    expect(names.map((name) => name.toLowerCase())).not.toContain("content-type");
  });

  it("answers with exactly the documented status codes", () => {
    const operation = resolvedTokenOperation(spec);
    expect(Object.keys(objectAt(operation.responses, "responses")).sort()).toStrictEqual(
      [...documented.statuses].sort(),
    );
  });

  it("describes every schema property", () => {
    const schemas = objectAt(objectAt(document.components, "components").schemas, "schemas");
    const undescribed = Object.entries(schemas)
      .flatMap(([name, schema]) => schemaObjects(schema, name).slice(1))
      .filter(({ schema }) => typeof schema.description !== "string" && schema.$ref === undefined)
      .map(({ where }) => where);
    expect(undescribed).toStrictEqual([]);
  });
});

describe("provider-specific conventions", () => {
  it("payme requires the ALG-API-VERSION header with its documented value", () => {
    const spec = specOf("payme");
    const operation = resolvedTokenOperation(spec);
    const parameters = Array.isArray(operation.parameters) ? operation.parameters : [];
    expect(parameters).toContainEqual(
      expect.objectContaining({
        name: "ALG-API-VERSION",
        in: "header",
        required: true,
        schema: { type: "string", const: paymeDocumentedApiVersion },
        // Stated once: the same header goes on every API call.
        "x-paytok-api-header": true,
      }),
    );
  });

  it("payme lists the four documented scopes", () => {
    const info = objectAt(specOf("payme").document.info, "info");
    expect(info["x-paytok-scopes"]).toStrictEqual([...paymeDocumentedScopes]);
  });

  it("paylater models both grants with a discriminator on grant_type", () => {
    const spec = specOf("paylater");
    const schemas = objectAt(objectAt(spec.document.components, "components").schemas, "schemas");
    const tokenRequest = objectAt(schemas.TokenRequest, "TokenRequest");
    expect(tokenRequest.discriminator).toStrictEqual({
      propertyName: "grant_type",
      mapping: {
        client_credentials: "#/components/schemas/ClientCredentialsTokenRequest",
        refresh_token: "#/components/schemas/RefreshTokenRequest",
      },
    });
  });

  it("lab4pay keeps the documented schema names and the string expires_in", () => {
    const spec = specOf("lab4pay");
    const schemas = objectAt(objectAt(spec.document.components, "components").schemas, "schemas");
    expect(Object.keys(schemas).sort()).toStrictEqual([
      "AuthenticationTokenBody",
      "AuthenticationTokenResponse",
    ]);
    const response = objectAt(schemas.AuthenticationTokenResponse, "AuthenticationTokenResponse");
    expect(objectAt(response.properties, "properties").expires_in).toMatchObject({
      type: "string",
    });
  });

  it("no spec models 429 or other undocumented statuses", () => {
    for (const spec of specs) {
      const responses = objectAt(resolvedTokenOperation(spec).responses, "responses");
      expect(Object.keys(responses)).not.toContain("429");
    }
  });
});
