// The module resolve hook that msw3-hooks.mjs registers: resolves msw as seen from another folder.
let parentURL;

export function initialize(data) {
  parentURL = data.parentURL;
}

export function resolve(specifier, context, next) {
  if (specifier === "msw" || specifier.startsWith("msw/")) {
    return next(specifier, { ...context, parentURL });
  }
  return next(specifier, context);
}
