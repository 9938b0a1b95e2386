import { createAuth, type PaytokAuth } from "./auth.js";
import { clientAuthentications } from "./client-authentication.js";
import { PaytokError } from "./errors.js";
import { type EndpointLocation, resolveBaseUrl } from "./location.js";
import { checkOptions } from "./options.js";
import type {
  ClientCredentials,
  ProviderDefinition,
  ProviderQuirks,
  TokenEndpointDescriptor,
  TokenRequestInput,
} from "./provider.js";
import type { TokenClientOptions } from "./token-client.js";
import type { TokenManagerOptions } from "./token-manager.js";

/**
 * One provider package's generated pieces: the descriptor of its token endpoint, the factory of
 * its typed openapi-fetch client and the typed sender of a token request through that client.
 */
export interface TokenProvider<Environment extends string, Values, Client> {
  readonly endpoint: TokenEndpointDescriptor<Environment>;
  createClient(options: TokenClientOptions & { baseUrl: string }): Client;
  send(client: Client, input: TokenRequestInput<Values>): Promise<{ response: Response }>;
}

/**
 * A credential as given: the value, or a function returning it (or a promise of it), called for
 * each token request, so that a rotated secret is picked up without a restart.
 */
export type Credential<Value = string> = Value | (() => Value | PromiseLike<Value>);

/** The options of every `create<Provider>Auth()`: credentials, where to ask, core knobs. */
export type ProviderAuthOptions<
  Environment extends string,
  ClientId = string,
> = TokenManagerOptions & {
  /** The client id the provider issued, or a function returning it (read per token request). */
  clientId: Credential<ClientId>;
  /**
   * The client secret, or a function returning it, sync or async, called for each token request.
   * When the endpoint refuses the credentials, it is called once more and the request is retried
   * once if the answer changed (`credentials_rotated`). Never logged, never in an error.
   */
  clientSecret: Credential<string>;
} & EndpointLocation<Environment>;

/** What a provider's adapter adds: its quirks, and the values the spec leaves to it. */
export interface ProviderAdapter<Values> extends ProviderQuirks {
  /**
   * The client id as the endpoint wants it, from what the user gave, when the adapter normalizes
   * it (PayLater's Long); throws a PaytokError for an id it cannot take.
   */
  clientId?: (given: unknown) => string;
  /**
   * The adapter's own options besides core's (unknown keys are refused). Default: the body fields
   * the spec leaves open, in camelCase (`audience`, `scope`).
   */
  options?: readonly string[];
  /** Body fields the spec gives no value for (`requiredValues`, `optionalValues`). */
  values?: Values;
  /**
   * The hosts the token is for when the user names none (Pay-me: its `audience`'s). The token
   * endpoint's own host is added: the server that minted a token may see it.
   */
  allowedHosts?: readonly string[];
}

/** The adapter argument: required, with its values, when the spec leaves a field to the adapter. */
export type AdapterArgument<Values> =
  Record<never, never> extends Values
    ? [adapter?: ProviderAdapter<Values>]
    : [adapter: ProviderAdapter<Values> & { values: Values }];

/**
 * Reads a required credential option: a non-empty string, else a `PAYTOK_CONFIGURATION` error at
 * creation time rather than at the first request. The value itself is never echoed.
 */
export function requireCredential(value: unknown, name: string, packageName: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new PaytokError(
      "PAYTOK_CONFIGURATION",
      `${name} is required and must be a non-empty string (got ${value === undefined ? "undefined" : typeof value === "string" ? "an empty string" : typeof value})`,
      { packageName },
    );
  }
  return value;
}

/**
 * A reader of one credential: the checked value at once when it is one (a bad one fails at
 * creation), or a function that calls the user's for each request and checks what it returns.
 */
function credentialReader(
  given: unknown,
  name: string,
  packageName: string,
  check: (value: unknown) => string,
): string | (() => Promise<string>) {
  if (typeof given !== "function") return check(given);
  return async () => {
    let value: unknown;
    try {
      value = await (given as () => unknown)();
    } catch (cause) {
      throw new PaytokError("PAYTOK_CONFIGURATION", `the ${name} function failed`, {
        packageName,
        retryable: true,
        cause,
      });
    }
    return check(value);
  };
}

/**
 * Builds a provider's auth object: checks the options, resolves where the endpoint lives, creates
 * the provider's typed token client (the one `create<Provider>Client()` returns) and sends every
 * token request through it, with client authentication chosen by the spec.
 */
export function createProviderAuth<Environment extends string, Values, Client>(
  provider: TokenProvider<Environment, Values, Client>,
  options: ProviderAuthOptions<Environment, unknown>,
  ...[adapter]: AdapterArgument<Values>
): PaytokAuth {
  const { definition, knobs } = providerDefinition(provider, options, adapter);
  return createAuth(definition, knobs);
}

/** The definition the token manager works from, and the core knobs of `options`. */
export function providerDefinition<Environment extends string, Values, Client>(
  provider: TokenProvider<Environment, Values, Client>,
  options: ProviderAuthOptions<Environment, unknown>,
  adapter: ProviderAdapter<Values> | undefined,
): { definition: ProviderDefinition; knobs: TokenManagerOptions } {
  const { endpoint } = provider;
  const { packageName } = endpoint;
  if (typeof options !== "object" || options === null) {
    throw new PaytokError(
      "PAYTOK_CONFIGURATION",
      "the options object is required: pass at least clientId and clientSecret",
      { packageName },
    );
  }
  const {
    clientId: givenClientId,
    clientSecret: givenSecret,
    environment,
    baseUrl,
    ...knobs
  } = options;
  const openValues = [...endpoint.requiredValues, ...endpoint.optionalValues];
  checkOptions(
    knobs,
    packageName,
    adapter?.options ??
      openValues.map((field) => field.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())),
  );
  const readClientId = credentialReader(
    givenClientId,
    "clientId",
    packageName,
    adapter?.clientId ?? ((value) => requireCredential(value, "clientId", packageName)),
  );
  const readSecret = credentialReader(givenSecret, "clientSecret", packageName, (value) =>
    requireCredential(value, "clientSecret", packageName),
  );
  const values = { ...adapter?.values } as Record<string, unknown>;
  for (const name of endpoint.requiredValues) {
    if (values[name] === undefined || values[name] === "") {
      throw new PaytokError(
        "PAYTOK_CONFIGURATION",
        `${name} is required: the token request sends it and the spec gives it no value`,
        { packageName },
      );
    }
  }
  const resolvedBaseUrl = resolveBaseUrl(
    { environment, baseUrl },
    endpoint.environments,
    endpoint.defaultEnvironment,
    packageName,
  );
  const client = provider.createClient({
    baseUrl: resolvedBaseUrl,
    allowInsecureHttp: knobs.allowInsecureHttp ?? false,
    ...(knobs.fetch === undefined ? {} : { fetch: knobs.fetch }),
    ...(knobs.timeoutMs === undefined ? {} : { timeoutMs: knobs.timeoutMs }),
  });
  const authenticate = clientAuthentications[endpoint.clientAuthentication];
  const credentialsOf = (clientId: string, clientSecret: string): ClientCredentials => {
    const { headers, secrets } = authenticate(clientId, clientSecret);
    return { clientId, clientSecret, headers, secrets: [clientSecret, ...secrets] };
  };
  /** The credentials last read, handed out again while the functions return the same. */
  let last: ClientCredentials | undefined;
  const fixed =
    typeof readClientId === "string" && typeof readSecret === "string"
      ? credentialsOf(readClientId, readSecret)
      : undefined;
  const definition: ProviderDefinition = {
    provider: endpoint.provider,
    packageName,
    tokenUrl: `${resolvedBaseUrl}${endpoint.tokenPath}`,
    clientId: typeof readClientId === "string" ? readClientId : undefined,
    credentials:
      fixed === undefined
        ? async () => {
            const [clientId, clientSecret] = await Promise.all([
              typeof readClientId === "string" ? readClientId : readClientId(),
              typeof readSecret === "string" ? readSecret : readSecret(),
            ]);
            if (last?.clientId !== clientId || last.clientSecret !== clientSecret) {
              last = credentialsOf(clientId, clientSecret);
            }
            return last;
          }
        : () => fixed,
    // Whatever the adapter supplies (audience, scope) makes tokens differ.
    cacheKeyParts: openValues.map((name) => String(values[name] ?? "")),
    apiHeaders: endpoint.apiHeaders,
    ...(adapter?.allowedHosts === undefined
      ? {}
      : { allowedHosts: [...adapter.allowedHosts, new URL(resolvedBaseUrl).hostname] }),
    defaultLifetimeSeconds: endpoint.lifetimeSeconds,
    responseDefaults: endpoint.responseDefaults,
    secrets: fixed?.secrets ?? (typeof readSecret === "string" ? [readSecret] : []),
    supportsRefreshGrant: endpoint.grants.includes("refresh_token"),
    send: async (grant, signal, credentials) =>
      (
        await provider.send(client, {
          grant,
          credentials: { client_id: credentials.clientId, client_secret: credentials.clientSecret },
          values: values as Values,
          headers: { ...credentials.headers },
          signal,
        })
      ).response,
  };
  if (adapter?.parseTokenResponse) definition.parseTokenResponse = adapter.parseTokenResponse;
  if (adapter?.describeErrorBody) definition.describeErrorBody = adapter.describeErrorBody;
  return { definition, knobs };
}
