// A token endpoint on loopback that misbehaves on request: the behaviour of each test is set with
// `behave()`. A real socket, so the runtime's fetch (and its abort handling) is what is tested.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface HostileRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Behaviour = (
  request: HostileRequest,
  response: ServerResponse,
  index: number,
) => unknown;

export interface HostileServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly requests: HostileRequest[];
  behave(behaviour: Behaviour): void;
  /**
   * Drops every connection (a hanging response included), forgets the requests, and gives the
   * client a moment to see its connections closed, so none is reused in the next test.
   */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startHostileServer(): Promise<HostileServer> {
  let behaviour: Behaviour = (_request, response) => response.end();
  const requests: HostileRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((incoming, response) => {
    // No keep-alive: a connection a test dropped must not be reused (and fail) in the next one.
    response.shouldKeepAlive = false;
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const request: HostileRequest = {
        method: incoming.method ?? "",
        url: incoming.url ?? "",
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      Promise.resolve(behaviour(request, response, requests.length - 1)).catch(() =>
        response.destroy(),
      );
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // A write into a socket the client gave up on is expected here, not a crash.
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const dropConnections = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behave(next) {
      behaviour = next;
    },
    async reset() {
      dropConnections();
      requests.length = 0;
      behaviour = (_request, response) => response.end();
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    async close() {
      dropConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes `chunk` again and again until the client goes away: a body that never ends. */
export function writeForever(response: ServerResponse, chunk: string | Buffer): void {
  const pump = () => {
    while (!response.destroyed && response.write(chunk)) {
      // keep the socket buffer full
    }
    if (!response.destroyed) response.once("drain", pump);
  };
  response.on("close", () => response.removeAllListeners("drain"));
  pump();
}

/** Writes one byte of `text` every `intervalMs`, then ends (if the client is still there). */
export function drip(response: ServerResponse, text: string, intervalMs: number): void {
  let index = 0;
  const timer = setInterval(() => {
    if (response.destroyed || index >= text.length) {
      clearInterval(timer);
      if (!response.destroyed) response.end();
      return;
    }
    response.write(text.charAt(index));
    index += 1;
  }, intervalMs);
  response.on("close", () => clearInterval(timer));
}
