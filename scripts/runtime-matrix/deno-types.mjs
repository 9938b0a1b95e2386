// The "types" check of the Deno row: `deno check` of a user's file per provider, in a project whose
// node_modules holds real copies of the built packages (what `npm install` gives a Deno user), not
// the workspace's symlinks (Deno type-checks a symlinked package as local files, which a user
// never sees). Each file must compile and must reject a wrong `environment`: a type lost on the
// way (an unresolved declaration chunk, `any`) fails it.
import { spawn } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const factoryOf = (provider) =>
  `create${provider.replace(/(^|-)([a-z0-9])/g, (_, __, letter) => letter.toUpperCase())}Auth`;

const userFile = (provider) => {
  const factory = factoryOf(provider);
  return `import { ${factory}, isPaytokError, type PaytokAuth } from "@paytok/${provider}";
type Options = NonNullable<Parameters<typeof ${factory}>[0]>;
// @ts-expect-error an environment that the provider's spec does not list
const wrong: Options["environment"] = "no-such-environment";
const auth: PaytokAuth | undefined = undefined as ReturnType<typeof ${factory}> | undefined;
const guard: boolean = isPaytokError(auth);
export { guard, wrong };
`;
};

/** Copies a package (dist and package.json) into the project, as npm would install it. */
function installCopy(project, name, folder) {
  const target = join(project, "node_modules", name);
  mkdirSync(target, { recursive: true });
  cpSync(join(folder, "package.json"), join(target, "package.json"));
  cpSync(join(folder, "dist"), join(target, "dist"), { recursive: true });
}

/**
 * Runs `deno check` for every provider; resolves to a map provider → { ok, detail }.
 * @param {{ deno: string, env: Record<string, string>, repositoryRoot: string, providers: string[] }} options
 */
export async function denoTypeChecks({ deno, env, repositoryRoot, providers }) {
  const project = mkdtempSync(join(tmpdir(), "paytok-deno-types-"));
  try {
    installCopy(project, "@paytok/core", join(repositoryRoot, "packages", "core"));
    // openapi-fetch and its own dependencies, the versions the workspace resolves.
    const fetchFolder = dirname(
      realpathSync(join(repositoryRoot, "packages", providers[0], "node_modules", "openapi-fetch")),
    );
    for (const name of readdirSync(fetchFolder)) {
      cpSync(join(fetchFolder, name), join(project, "node_modules", name), {
        recursive: true,
        dereference: true,
      });
    }
    writeFileSync(join(project, "deno.json"), JSON.stringify({ nodeModulesDir: "manual" }));
    const dependencies = { "@paytok/core": "*", "openapi-fetch": "*" };
    for (const provider of providers) {
      installCopy(project, `@paytok/${provider}`, join(repositoryRoot, "packages", provider));
      dependencies[`@paytok/${provider}`] = "*";
      writeFileSync(join(project, `${provider}.ts`), userFile(provider));
    }
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "deno-user", private: true, type: "module", dependencies }),
    );
    const results = new Map();
    for (const provider of providers) {
      const run = await new Promise((resolveRun) => {
        const child = spawn(deno, ["check", "--quiet", `${provider}.ts`], {
          cwd: project,
          env: { ...process.env, ...env },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout.on("data", (chunk) => (output += chunk));
        child.stderr.on("data", (chunk) => (output += chunk));
        child.once("error", (error) => resolveRun({ code: null, output: error.message }));
        child.once("close", (code) => resolveRun({ code, output }));
      });
      const firstError = run.output.split("\n").find((line) => /TS\d+|error/.test(line));
      results.set(
        provider,
        run.code === 0
          ? { ok: true }
          : {
              ok: false,
              detail: `deno check exited ${run.code}: ${(firstError ?? run.output).trim()}`,
            },
      );
    }
    return results;
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
