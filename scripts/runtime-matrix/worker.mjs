// Entry of the smoke on workerd (a Cloudflare Worker run by miniflare, see miniflare-host.mjs).
// workerd has no file system to resolve packages from, so index.mjs bundles this module with
// esbuild (conditions `workerd`, `worker`, `browser`), as a Worker's build would.
// `POST /run` with the control URL as body runs the smoke and answers with the failure count.
import { runSmoke } from "./client.mjs";

export default {
  async fetch(request) {
    if (request.method !== "POST" || new URL(request.url).pathname !== "/run") {
      return new Response("POST /run with the control URL as body\n", { status: 404 });
    }
    const controlUrl = (await request.text()).trim();
    try {
      const failed = await runSmoke(controlUrl);
      return Response.json({ failed });
    } catch (error) {
      return Response.json({ error: String(error?.stack ?? error) }, { status: 500 });
    }
  },
};
