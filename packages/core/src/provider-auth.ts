import { createAuth, type PaytokAuth } from "./auth.js";
import { clientAuthentications } from "./client-authentication.js";
import { PaytokError } from "./errors.js";
import { type EndpointLocation, resolveBaseUrl } from "./location.js";
import { checkOptions } from "./options.js";
import type {
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

/** The options of every `create<Provider>Auth()`: credentials, where to ask, core knobs. */
export type ProviderAuthOptions<
  Environment extends string,
  ClientId = string,
> = TokenManagerOptions & {
  /** The client id the provider issued. */
  clientId: ClientId;
  /** The client secret. Never logged, never in an error. */
  clientSecret: string;
} & EndpointLocation<Environment>;

/** What a provider's adapter adds: its quirks, and the values the spec leaves to it. */
export interface ProviderAdapter<Values> extends ProviderQuirks {
  /** The client id as the endpoint wants it, when the adapter normalizes it (PayLater's Long). */
  clientId?: string;
  /**
   * The adapter's own options besides core's (unknown keys are refused). Default: the body fields
   * the spec leaves open, in camelCase (`audience`, `scope`).
   */
  options?: readonly string[];
  /** Body fields the spec gives no value for (`requiredValues`, `optionalValues`). */
  values?: Values;
}

/** The adapter argument: required, with its values, when the spec leaves a field to the adapter. */
type AdapterArgument<Values> =
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
  const clientId = adapter?.clientId ?? requireCredential(givenClientId, "clientId", packageName);
  const clientSecret = requireCredential(givenSecret, "clientSecret", packageName);
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
  const authentication = clientAuthentications[endpoint.clientAuthentication](
    clientId,
    clientSecret,
  );
  const credentials = { client_id: clientId, client_secret: clientSecret };
  const definition: ProviderDefinition = {
    provider: endpoint.provider,
    packageName,
    tokenUrl: `${resolvedBaseUrl}${endpoint.tokenPath}`,
    clientId,
    // Whatever the adapter supplies (audience, scope) makes tokens differ.
    cacheKeyParts: openValues.map((name) => String(values[name] ?? "")),
    apiHeaders: endpoint.apiHeaders,
    defaultLifetimeSeconds: endpoint.lifetimeSeconds,
    responseDefaults: endpoint.responseDefaults,
    secrets: [clientSecret, ...authentication.secrets],
    supportsRefreshGrant: endpoint.grants.includes("refresh_token"),
    send: async (grant, signal) =>
      (
        await provider.send(client, {
          grant,
          credentials,
          values: values as Values,
          headers: { ...authentication.headers },
          signal,
        })
      ).response,
  };
  if (adapter?.parseTokenResponse) definition.parseTokenResponse = adapter.parseTokenResponse;
  if (adapter?.describeErrorBody) definition.describeErrorBody = adapter.describeErrorBody;
  return { definition, knobs };
}
