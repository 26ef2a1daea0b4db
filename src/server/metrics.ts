/**
 * The server's Prometheus metrics (`GET /metrics`): a registry per server, so that several servers
 * in one process keep their own counts; the process's own metrics (CPU, memory, event-loop lag, GC)
 * once per process. Node only.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Hub, HubObserver } from '../hub/hub.js';
import type { ServerMessage } from '../hub/protocol.js';

/** The process's metrics, made on first use: prom-client's default set (`process_*`, `nodejs_*`). */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export class ServerMetrics {
  readonly registry = new Registry();
  private readonly messagesIn: Counter<'type'>;
  private readonly messagesOut: Counter<'type'>;
  private readonly errorReplies: Counter<'code'>;
  private readonly relay: Histogram;
  private readonly refused: Counter<'reason'>;
  private readonly http: Counter<'status'>;

  /** @param stats the hub's counts, read at each scrape. */
  constructor(stats: () => ReturnType<Hub['stats']>) {
    const registers = [this.registry];
    const gauge = (name: string, help: string, key: keyof ReturnType<Hub['stats']>) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(stats()[key]);
        },
      });
    gauge('zego_connections', 'Open WebSocket connections to the hub.', 'connections');
    gauge('zego_rooms', 'Rooms with at least one user.', 'rooms');
    gauge('zego_users', 'Users in rooms (sessions, including those reconnecting).', 'users');
    gauge('zego_streams', 'Streams published.', 'streams');
    this.messagesIn = new Counter({
      name: 'zego_messages_in_total',
      help: 'Frames received, by message type (invalid: not a valid message; rejected: too long or over the rate limit).',
      labelNames: ['type'],
      registers,
    });
    this.messagesOut = new Counter({
      name: 'zego_messages_out_total',
      help: 'Messages sent, by type.',
      labelNames: ['type'],
      registers,
    });
    this.errorReplies = new Counter({
      name: 'zego_error_replies_total',
      help: 'Error replies and error messages sent, by ZEGO error code.',
      labelNames: ['code'],
      registers,
    });
    this.relay = new Histogram({
      name: 'zego_signal_relay_seconds',
      help: 'Time from receiving a signal frame to sending it on to its target.',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.refused = new Counter({
      name: 'zego_refused_total',
      help: 'Requests refused before reaching the hub, by reason (origin, connections_per_ip, token_rate, draining, full).',
      labelNames: ['reason'],
      registers,
    });
    this.http = new Counter({
      name: 'zego_http_responses_total',
      help: 'HTTP responses (not WebSocket upgrades), by status code.',
      labelNames: ['status'],
      registers,
    });
  }

  /** What the hub tells: frames in, relay latency. */
  readonly observer: HubObserver = {
    received: (type) => this.messagesIn.inc({ type }),
    signalRelayed: (ms) => this.relay.observe(ms / 1000),
  };

  /** A message went out to a client. */
  sent(m: ServerMessage): void {
    this.messagesOut.inc({ type: m.t });
    if ((m.t === 'reply' && !m.ok) || m.t === 'error') this.errorReplies.inc({ code: String(m.code) });
  }

  refusedBecause(reason: 'origin' | 'connections_per_ip' | 'token_rate' | 'draining' | 'full'): void {
    this.refused.inc({ reason });
  }

  responded(status: number): void {
    this.http.inc({ status: String(status) });
  }

  readonly contentType = this.registry.contentType;

  /** The text exposition: the server's metrics, then the process's. */
  async text(): Promise<string> {
    const [own, proc] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return `${own.trimEnd()}\n${proc}`;
  }
}
