// A throw-away verdaccio: no uplinks (nothing is proxied from, or leaks to, the public registry),
// storage and htpasswd in a temporary directory, anonymous publish allowed, bound to a port of the
// loopback interface that the kernel picks (port 0), so two runs never collide.
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/**
 * @typedef {object} LocalRegistry
 * @property {string} url e.g. `http://127.0.0.1:40123/`
 * @property {() => Promise<void>} close
 */

/**
 * @param {string} directory an empty temporary directory the registry owns
 * @returns {Promise<LocalRegistry>}
 */
export async function startLocalRegistry(directory) {
  /** @type {{ runServer(config: object): Promise<import("node:http").Server> }} */
  const verdaccio = require("verdaccio");
  const server = await verdaccio.runServer({
    self_path: directory,
    storage: path.join(directory, "storage"),
    uplinks: {},
    packages: {
      "@paytok/*": { access: "$all", publish: "$all", unpublish: "$all" },
      "**": { access: "$all" },
    },
    auth: { htpasswd: { file: path.join(directory, "htpasswd"), max_users: -1 } },
    web: { enable: false },
    log: { type: "stdout", format: "pretty", level: process.env.RC_LOG ?? "error" },
    // Tarballs of a dozen packages: the default 10mb body limit is plenty.
    max_body_size: "10mb",
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(undefined));
  });
  const address = server.address();
  if (address === null || typeof address === "string") {
    throw new Error("release-check: verdaccio did not report a TCP port");
  }
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
