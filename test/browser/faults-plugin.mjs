// Fault injection for the browser tests, run by web-test-runner in Node and driven from the page
// with `executeServerCommand`: a real server in a child process that can be killed (SIGKILL) and
// started again on the same port, and TCP proxies between pages and a server that can cut their
// connections, refuse new ones for a while, or go silent (hold the sockets open, pass no bytes).
import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';

/** A free TCP port on loopback. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The dev server (`zego-elements serve`) as a child process, with a short heartbeat timeout (3 s unless told). */
class ChildServer {
  constructor(port, heartbeatTimeout = 3000) {
    this.port = port;
    this.heartbeatTimeout = heartbeatTimeout;
    this.child = undefined;
  }

  start() {
    const child = spawn(
      process.execPath,
      [
        'bin/zego-elements.js',
        'serve',
        '--port',
        String(this.port),
        '--heartbeat-interval',
        '1000',
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
        if (out.includes('signalling:')) {
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
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

/** A TCP proxy in front of `target` (a port on loopback). */
class Proxy {
  constructor(target) {
    this.target = target;
    this.pairs = new Set();
    this.refuseUntil = 0;
    this.silent = false;
    this.server = createServer((client) => this.accept(client));
  }

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

export function faultsPlugin() {
  const servers = new Map();
  const proxies = new Map();
  let next = 1;
  return {
    name: 'zego-faults',
    async executeCommand({ command, payload = {} }) {
      switch (command) {
        case 'fault-server-start': {
          const server = new ChildServer(await freePort(), payload.heartbeatTimeout);
          await server.start();
          const id = next++;
          servers.set(id, server);
          return { id, port: server.port };
        }
        case 'fault-server-kill':
          await servers.get(payload.id)?.kill();
          return true;
        case 'fault-server-restart':
          await servers.get(payload.id)?.start();
          return true;
        case 'fault-proxy-start': {
          const proxy = new Proxy(payload.target);
          const id = next++;
          proxies.set(id, proxy);
          return { id, port: await proxy.listen() };
        }
        case 'fault-proxy-cut':
          proxies.get(payload.id)?.cut(payload.ms ?? 0);
          return true;
        case 'fault-proxy-silent':
          if (proxies.has(payload.id)) proxies.get(payload.id).silent = !!payload.on;
          return true;
        case 'fault-cleanup':
          for (const s of servers.values()) await s.kill();
          for (const p of proxies.values()) await p.close();
          servers.clear();
          proxies.clear();
          return true;
        default:
          return undefined;
      }
    },
    async serverStop() {
      for (const s of servers.values()) await s.kill();
      for (const p of proxies.values()) await p.close();
    },
  };
}
