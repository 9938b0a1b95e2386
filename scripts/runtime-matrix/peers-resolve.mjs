// The module resolve hook that peers-hooks.mjs registers: resolves each named package (and its
// subpaths) as seen from its own folder, whoever imports it.
let parentURLs = {};

export function initialize(data) {
  parentURLs = data;
}

export function resolve(specifier, context, next) {
  for (const [name, parentURL] of Object.entries(parentURLs)) {
    if (specifier === name || specifier.startsWith(`${name}/`)) {
      return next(specifier, { ...context, parentURL });
    }
  }
  return next(specifier, context);
}
