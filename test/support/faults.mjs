// Fault injection shared by the browser tests (test/browser/faults-plugin.mjs) and the faults
// benchmark (bench/faults.ts): a real server in a child process that can be killed (SIGKILL) and
// started again on the same port, and TCP proxies between pages and a server that can cut their
// connections, refuse new ones for a while, or go silent (hold the sockets open, pass no bytes).
import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../bin/zego-elements.js', import.meta.url));

/** A free TCP port on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * The dev server (`zego-elements serve`, built: dist/) as a child process, heartbeat every
 * `heartbeatInterval` ms (1 s unless told), sessions dropped after `heartbeatTimeout` ms of silence
 * (3 s unless told).
 */
export class ChildServer {
  constructor(port, heartbeatTimeout = 3000, heartbeatInterval = 1000) {
    this.port = port;
    this.heartbeatTimeout = heartbeatTimeout;
    this.heartbeatInterval = heartbeatInterval;
    this.child = undefined;
  }

  /** Starts the server; resolves once it listens. */
  start() {
    const child = spawn(
      process.execPath,
      [
        CLI,
        'serve',
        '--port',
        String(this.port),
        '--heartbeat-interval',
        String(this.heartbeatInterval),
        '--heartbeat-timeout',
        String(this.heartbeatTimeout),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`the server did not start: ${out}`)), 15000);
      child.stdout.on('data', (d) => {
        out += d;
        // Its start-up log record (JSON) carries the addresses.
        if (out.includes('"wsURL":')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr.on('data', (d) => (out += d));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code}): ${out}`));
      });
    });
  }

  /** SIGKILL: no goodbye to anyone, as a crash or a pulled plug. */
  kill() {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

/** A TCP proxy in front of `target` (a port on loopback). */
export class Proxy {
  constructor(target) {
    this.target = target;
    this.pairs = new Set();
    this.refuseUntil = 0;
    this.silent = false;
    this.server = createServer((client) => this.accept(client));
  }

  /** Listens on a free port on loopback; resolves with it. */
  listen() {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve(this.server.address().port)));
  }

  accept(client) {
    client.on('error', () => undefined);
    if (Date.now() < this.refuseUntil) return client.destroy();
    const server = connect(this.target, '127.0.0.1');
    server.on('error', () => client.destroy());
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
    const pair = { client, server };
    this.pairs.add(pair);
    client.on('close', () => this.pairs.delete(pair));
    // While silent, bytes are read and dropped both ways: the sockets stay open, nothing passes.
    client.on('data', (d) => this.silent || server.write(d));
    server.on('data', (d) => this.silent || client.write(d));
  }

  /** Destroys every connection and refuses new ones for `ms`. */
  cut(ms) {
    this.refuseUntil = Date.now() + ms;
    for (const { client, server } of this.pairs) {
      client.destroy();
      server.destroy();
    }
    this.pairs.clear();
  }

  close() {
    this.cut(0);
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
