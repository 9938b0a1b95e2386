export function camelCase(provider: string): string;
export function pascalCase(provider: string): string;
export function readSpecFacts(
  spec: unknown,
  provider: string,
): {
  environments: Array<[string, string]>;
  tokenPath: string;
  tokenMethod: string;
  mediaType: string;
  clientAuthentication: "client_secret_post" | "client_secret_basic";
  apiHeaders: Record<string, string>;
  scopes: string[] | undefined;
};
export function generateProvider(input: {
  provider: string;
  specUrl: URL;
  specText: string;
}): Promise<Record<string, string>>;
