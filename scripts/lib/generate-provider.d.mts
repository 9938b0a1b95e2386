export function camelCase(provider: string): string;
export function pascalCase(provider: string): string;

export type FieldSource =
  | { kind: "literal"; value: unknown }
  | { kind: "grant-type" }
  | { kind: "refresh-token" }
  | { kind: "credential"; field: string }
  | { kind: "value"; name: string; fallback?: unknown };

export interface SpecFacts {
  title: string;
  environments: Array<[string, string]>;
  tokenPath: string;
  tokenMethod: string;
  mediaType: string;
  bodyEncoding: "json" | "form";
  clientAuthentication: "client_secret_post" | "client_secret_basic";
  tokenHeaders: Record<string, string>;
  query: Record<string, string>;
  apiHeaders: Record<string, string>;
  scopes: string[] | undefined;
  lifetimeSeconds: number;
  responseDefaults: Record<string, unknown>;
  grants: Array<{ type: string; fields: Array<{ name: string; source: FieldSource }> }>;
  values: Array<{ name: string; required: boolean; tsType: string }>;
}

export function readSpecFacts(spec: unknown, provider: string): SpecFacts;
export function tokenEndpointSource(provider: string, facts: SpecFacts): string;
export function generateProvider(input: {
  provider: string;
  specUrl: URL;
  specText: string;
}): Promise<Record<string, string>>;
export function generateRegistry(specs: Array<{ provider: string; specText: string }>): string;
