// The names one provider id turns into, checked before anything is written.
import { camelCase, pascalCase } from "../lib/generate-provider.mjs";

/** Words that cannot be a binding's name in the generated code (`const <camel> = …`, imports). */
const RESERVED_WORDS = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends " +
    "false finally for function if import in instanceof new null return super switch this throw " +
    "true try typeof var void while with yield let static implements interface package private " +
    "protected public await"
  ).split(" "),
);

/**
 * @typedef {object} ProviderNames
 * @property {string} provider kebab-case id: package directory, spec file, npm name suffix
 * @property {string} camel e.g. `acmePay`: prefix of constants and `acmePayHandlers`
 * @property {string} pascal e.g. `AcmePay`: `createAcmePayAuth`, `AcmePayEnvironment`
 * @property {string} constant e.g. `ACME_PAY`: `ACME_PAY_TOKEN_LIFETIME_SECONDS`
 * @property {string} title e.g. `Acme Pay`: the provider's name in prose
 */

/**
 * @param {string} provider
 * @param {string | undefined} title
 * @returns {ProviderNames}
 */
export function providerNames(provider, title) {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(provider)) {
    throw new Error(
      `new-provider: "${provider}" is not a provider id: use lowercase letters, digits and single dashes, starting with a letter (e.g. "acme-pay")`,
    );
  }
  const camel = camelCase(provider);
  if (RESERVED_WORDS.has(camel)) {
    throw new Error(`new-provider: "${provider}" would name bindings "${camel}", a reserved word`);
  }
  return {
    provider,
    camel,
    pascal: pascalCase(provider),
    constant: provider.replaceAll("-", "_").toUpperCase(),
    title:
      title ??
      provider
        .split("-")
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join(" "),
  };
}

/**
 * Fills the placeholders of a template (text or file name).
 * @param {string} text
 * @param {ProviderNames} names
 */
export function fillPlaceholders(text, names) {
  return text
    .replaceAll("__CONSTANT__", names.constant)
    .replaceAll("__Pascal__", names.pascal)
    .replaceAll("__camel__", names.camel)
    .replaceAll("__provider__", names.provider)
    .replaceAll("__Title__", names.title);
}
