/**
 * The server side of the hub load benchmark, the fuzz benchmark and the fuzz test (`bench/hub.ts`,
 * `bench/fuzz.ts` and `test/node/fuzz.test.ts` spawn it with
 * `node --expose-gc --import tsx bench/hub-server.ts` and an IPC channel). It starts the real
 * server on 127.0.0.1 with a free port, prints the port, and answers the parent's IPC requests:
 * its own memory / CPU / event-loop lag and the hub's view of rooms. It exits when asked, or when
 * the parent goes away.
 *
 * Environment: HUB_BENCH_APP_ID and HUB_BENCH_SECRET (without a secret: dev mode, `/api/token`),
 * HUB_BENCH_HUB (JSON: hub options over the defaults below), HUB_BENCH_REDIS (`redis://host:port`:
 * this server is one node of a cluster sharing rooms through that Redis; needs the secret). In a
 * cluster, `views` and `stats` are this node's: a room another node owns is empty here.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ZegoUser } from '../src/core/engine.js';
import type { WireStream } from '../src/hub/protocol.js';
import { startServer } from '../src/server/server.js';

export type ChildRequest =
  | { type: 'stats'; id: number; gc?: boolean; resetLag?: boolean }
  | { type: 'views'; id: number; rooms: string[] }
  | { type: 'stop'; id: number };

export interface HubStats {
  connections: number;
  rooms: number;
  users: number;
  streams: number;
}

export interface ChildStats {
  memory: NodeJS.MemoryUsage;
  cpu: NodeJS.CpuUsage;
  /** Event-loop delay since the last `resetLag` (or start), ms, beyond the 10 ms sampling interval. */
  lag: { mean: number; p99: number; max: number };
  hub: HubStats;
  at: number;
}

export type ChildMessage =
  | { type: 'ready'; port: number }
  | ({ type: 'stats'; id: number } & ChildStats)
  | { type: 'views'; id: number; views: Record<string, { users: ZegoUser[]; streams: WireStream[] }>; hub: HubStats }
  | { type: 'stop'; id: number }
  /** A line the server logged: a guard caught something. */
  | { type: 'log'; line: string };

const send = (m: ChildMessage): void => {
  // Once the parent is gone (and with it, in a cluster, Redis), what is logged while closing has nowhere to go.
  if (process.connected) process.send?.(m);
};

const serverSecret = process.env.HUB_BENCH_SECRET;
const hubOptions = JSON.parse(process.env.HUB_BENCH_HUB ?? '{}') as Record<string, number>;
const redisURL = process.env.HUB_BENCH_REDIS;

const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  ...(serverSecret ? { appID: Number(process.env.HUB_BENCH_APP_ID), serverSecret } : {}),
  ...(redisURL ? { redis: { url: redisURL } } : {}),
  log: (line) => send({ type: 'log', line }),
  hub: { maxUsersPerRoom: 50, maxMessagesPerSecond: 1000, ...hubOptions },
});

const LAG_RESOLUTION_MS = 10;
const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
lag.enable();
const gc = (globalThis as { gc?: () => void }).gc;

process.on('message', (raw: unknown) => {
  const m = raw as ChildRequest;
  switch (m.type) {
    case 'stats': {
      if (m.gc && gc) {
        gc();
        gc();
      }
      const stats: ChildStats = {
        memory: process.memoryUsage(),
        cpu: process.cpuUsage(),
        // The histogram measures whole timer periods; the lag is what exceeds the period.
        lag: {
          mean: Math.max(0, lag.mean / 1e6 - LAG_RESOLUTION_MS),
          p99: Math.max(0, lag.percentile(99) / 1e6 - LAG_RESOLUTION_MS),
          max: Math.max(0, lag.max / 1e6 - LAG_RESOLUTION_MS),
        },
        hub: server.hub.stats(),
        at: Date.now(),
      };
      if (m.resetLag) lag.reset();
      send({ type: 'stats', id: m.id, ...stats });
      return;
    }
    case 'views': {
      const views: Record<string, { users: ZegoUser[]; streams: WireStream[] }> = {};
      for (const room of m.rooms) views[room] = server.hub.roomView(room);
      send({ type: 'views', id: m.id, views, hub: server.hub.stats() });
      return;
    }
    case 'stop':
      void server.close().finally(() => {
        send({ type: 'stop', id: m.id });
        process.disconnect?.();
        process.exit(0);
      });
      return;
  }
});
// The parent went away (crashed or killed): don't linger.
process.on('disconnect', () => {
  void server.close().finally(() => process.exit(0));
});

console.log(
  `hub bench server listening on 127.0.0.1:${server.port}${server.cluster ? ` (cluster node ${server.cluster.nodeID})` : ''}`,
);
send({ type: 'ready', port: server.port });
