// Fault injection for the browser tests, run by web-test-runner in Node and driven from the page
// with `executeServerCommand`: a real server in a child process that can be killed (SIGKILL) and
// started again on the same port, and TCP proxies between pages and a server that can cut their
// connections, refuse new ones for a while, or go silent (hold the sockets open, pass no bytes).
// The server and the proxy are in test/support/faults.mjs, shared with the faults benchmark.
import { ChildServer, Proxy, freePort } from '../support/faults.mjs';

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
