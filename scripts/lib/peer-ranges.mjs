// The peer ranges the published packages declare, and the two ends of each that the tests use
// (the runtime matrix's peers checks, the release check's consumer projects):
//
//   lowest  the floor of the range, read from the range itself (so lowering a floor in the
//           catalog makes the tests use the new floor, with no second place to edit);
//   highest the newest release the range allows, pinned in runtimes.json (`peers`), so that a
//           matrix run is reproducible. A pin outside the range, or below the range's top minor
//           (0.x) or major, is a failure: widening a range needs its new top tested.
//
// The ranges live once, in the `peers` catalog of pnpm-workspace.yaml; every package.json names
// them as `catalog:peers`, and pnpm writes the range itself into the published manifest.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";
import { parse } from "yaml";

/** Package names tested at both ends of their range. */
export const PEERS = /** @type {const} */ (["msw", "openapi-fetch"]);

/**
 * @typedef {object} PeerEnd
 * @property {string} name
 * @property {string} range as the packages declare it
 * @property {string | undefined} lowest the floor of the range
 * @property {string | undefined} highest the pinned newest release of the range
 */

/**
 * The `peers` catalog of pnpm-workspace.yaml: name → range.
 * @param {string} repositoryRoot
 * @returns {Record<string, string>}
 */
export function readPeerCatalog(repositoryRoot) {
  const workspace = parse(readFileSync(join(repositoryRoot, "pnpm-workspace.yaml"), "utf8"));
  const catalog = workspace.catalogs?.peers;
  if (catalog === undefined) throw new Error("pnpm-workspace.yaml has no `catalogs.peers`");
  return catalog;
}

/**
 * The ends of each peer range, and the problems that make a test of them meaningless: a
 * published package that declares one of PEERS with anything but `catalog:peers`, an end that
 * is not in its range, a pinned top that is not the top of the range.
 * @param {string} repositoryRoot
 * @param {Record<string, string> | undefined} pinnedHighest runtimes.json `peers`
 * @returns {{ ends: Record<string, PeerEnd>, problems: string[] }}
 */
export function peerEnds(repositoryRoot, pinnedHighest) {
  const catalog = readPeerCatalog(repositoryRoot);
  /** @type {string[]} */
  const problems = [];
  const packagesDirectory = join(repositoryRoot, "packages");
  for (const entry of readdirSync(packagesDirectory, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    let manifest;
    try {
      manifest = JSON.parse(
        readFileSync(join(packagesDirectory, entry.name, "package.json"), "utf8"),
      );
    } catch {
      continue;
    }
    if (manifest.private === true) continue;
    for (const name of PEERS) {
      const declared = manifest.peerDependencies?.[name];
      if (declared !== undefined && declared !== "catalog:peers") {
        problems.push(
          `${manifest.name}: peerDependencies.${name} is "${declared}"; use "catalog:peers", the range the tests use`,
        );
      }
    }
  }
  /** @type {Record<string, PeerEnd>} */
  const ends = {};
  for (const name of PEERS) {
    const range = catalog[name];
    if (range === undefined) {
      problems.push(`pnpm-workspace.yaml: catalogs.peers has no ${name}`);
      continue;
    }
    const lowest = semver.minVersion(range)?.version;
    if (lowest === undefined) problems.push(`${name}: the range "${range}" allows no version`);
    const highest = pinnedHighest?.[name];
    if (pinnedHighest !== undefined) {
      const parsed = highest === undefined ? null : semver.parse(highest);
      if (highest === undefined || parsed === null) {
        problems.push(`runtimes.json: peers.${name} (the newest release of "${range}") is missing`);
      } else if (!semver.satisfies(highest, range)) {
        problems.push(`runtimes.json: ${name} ${highest} is outside its peer range "${range}"`);
      } else {
        const next = parsed.major === 0 ? `0.${parsed.minor + 1}.0` : `${parsed.major + 1}.0.0`;
        if (semver.satisfies(next, range)) {
          problems.push(
            `runtimes.json: ${name} ${highest} is not the top of "${range}", which allows ${next}: pin the newest release it allows`,
          );
        }
      }
    }
    ends[name] = { name, range, lowest, highest };
  }
  return { ends, problems };
}

/**
 * Folder name in .runtimes/ of one end of a peer.
 * @param {string} name
 * @param {string | undefined} version
 */
export const peerFolder = (name, version) => `${name}-${version}`;
