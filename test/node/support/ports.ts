/** Loopback ports for the servers the Node tests start themselves (coturn, redis-server, server nodes). */
import { connect, createServer } from 'node:net';

/** A free TCP port on loopback. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Resolves once something accepts TCP connections on `port`; `what` names it in the timeout's error. */
export async function listening(port: number, what: string, timeout = 10000): Promise<void> {
  const start = Date.now();
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1', () => (c.destroy(), resolve(true)));
      c.on('error', () => resolve(false));
    });
    if (up) return;
    if (Date.now() - start > timeout) throw new Error(`${what} did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
