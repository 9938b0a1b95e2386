// A provider's spec read for its examples: the request samples, the response samples by status,
// and the statuses it documents. The specs keep the documents' samples as their examples.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

export interface SpecSample {
  name: string;
  value: Record<string, unknown>;
}

export interface SpecSamples {
  requests: SpecSample[];
  responses: Array<SpecSample & { status: string }>;
  /** Every status of the token operation, in the spec's order. */
  statuses: string[];
}

type Node = Record<string, unknown>;
const object = (value: unknown): Node =>
  typeof value === "object" && value !== null ? (value as Node) : {};

function examplesOf(content: unknown, label: string): SpecSample[] {
  return Object.values(object(content)).flatMap((media) =>
    Object.entries(object(object(media).examples)).map(([name, example]) => ({
      name: `${label} (${name})`,
      value: object(object(example).value),
    })),
  );
}

export function specSamples(provider: string): SpecSamples {
  const url = new URL(`../../../specs/${provider}.openapi.yaml`, import.meta.url);
  const spec = object(parse(readFileSync(url, "utf8")));
  const operation = Object.values(object(spec.paths))
    .flatMap((item) => Object.values(object(item)))
    .map(object)
    .find((candidate) => candidate["x-paytok-token-endpoint"] === true);
  if (operation === undefined)
    throw new Error(`specs/${provider}.openapi.yaml has no token operation`);
  const responses = object(operation.responses);
  return {
    requests: examplesOf(object(operation.requestBody).content, `${provider} request`),
    responses: Object.entries(responses).flatMap(([status, response]) =>
      examplesOf(object(response).content, `${provider} ${status} response`).map((sample) => ({
        ...sample,
        status,
      })),
    ),
    statuses: Object.keys(responses),
  };
}
