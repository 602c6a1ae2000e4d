import net from "node:net";

export interface TcpProxy {
  port: number;
  /** Drops every open connection and refuses new ones (the database "stops"). */
  down(): void;
  /** Accepts connections again (the database "is back"). */
  up(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay in front of PostgreSQL, so a test can take the database away and bring it back
 * without stopping the shared server other runs use.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let accepting = true;
  const server = net.createServer((client) => {
    if (!accepting) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    down() {
      accepting = false;
      for (const s of sockets) s.destroy();
    },
    up() {
      accepting = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The same URL, pointed at another port on 127.0.0.1. */
export function viaPort(url: string, port: number): string {
  const u = new URL(url);
  u.hostname = "127.0.0.1";
  u.port = String(port);
  return u.toString();
}
