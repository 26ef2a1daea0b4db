/**
 * Hub load benchmark: a Node load generator against the real server (`startServer`) running in a
 * child process (`bench/hub-server.ts`), over loopback only.
 *
 * Default workload: 2,000 WebSocket clients over 400 rooms (5 per room). Each logs in with a token04
 * (minted before the timed phases), publishes one stream (its `extraInfo` carries the client-side
 * send time), runs a signalling exchange with the publisher of the next member's stream (player →
 * publisher `offer`; publisher → player `answer` + `candidate`; player → publisher `candidate`),
 * and heartbeats at the interval its login reply gives. Clients connect in batches. Then, for 60 s,
 * a random ~2% of the clients per second churn: half log out and close, half just drop the
 * connection; each logs in again on a new connection and publishes a new stream.
 *
 * Measured: login latency (login sent → reply ok), stream-ADD fan-out latency (publish sent → each
 * other member receives the `streams` ADD), messages/s in and out at the clients, the server's
 * memory per connection ((rss steady − rss idle) / connections), CPU and event-loop lag of both
 * processes, and correctness: after the run every client's view of its room (users and streams
 * from its login reply and the pushes since, excluding itself) must equal the hub's view
 * (`hub.roomView`, fetched over IPC), with zero duplicate ADDs/DELETEs, zero lost or duplicated
 * signals and zero errors. Exits 1 when correctness fails.
 *
 * Several nodes (`--nodes N`, N > 1): the bench starts its own redis-server on a free loopback
 * port and N server children sharing rooms through it (`startServer({ redis })`, see
 * src/server/cluster.ts). Client i connects to node (i + ⌊i / rooms⌋) mod N: the members of a room
 * (clients r, r + rooms, r + 2·rooms, …) alternate between the nodes, so every room has members on
 * a node that is not its owner and exercises the relay over Redis, and the nodes carry as many
 * clients each. The hub's view of a room is the one non-empty view among the nodes (a room lives
 * on one node; the others report it empty); the hub's totals, memory and CPU are summed over the
 * nodes, event-loop lag is the worst node's, and each node's figures are reported as well.
 *
 * Options (flag, env var, default): --clients HUB_BENCH_CLIENTS 2000, --rooms HUB_BENCH_ROOMS 400,
 * --seconds HUB_BENCH_SECONDS 60 (churn phase), --churn HUB_BENCH_CHURN 0.02 (fraction of clients
 * per second), --batch HUB_BENCH_BATCH 100 (clients connecting at once), --nodes HUB_BENCH_NODES 1
 * (server nodes). --compare (HUB_BENCH_COMPARE=1; with --nodes N > 1): runs this benchmark twice,
 * one process after the other with the same parameters, on one node and then on N nodes, and writes
 * both results into bench/results/hub2.json (for N = 2), so their ratio is measured side by side.
 * Results: bench/results/hub.json (one node), bench/results/hub-<N>nodes.json (N nodes), or the
 * name in HUB_BENCH_RESULTS.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import type { ZegoUser } from '../src/core/engine.js';
import type { LoginReply, ServerMessage, SignalData, WireStream } from '../src/hub/protocol.js';
import { generateToken04 } from '../src/hub/token04.js';
import { findRedisServer } from '../scripts/redis.mjs';
import { freePort, listening } from '../test/node/support/ports.js';
import type { ChildMessage, ChildRequest, ChildStats, HubStats } from './hub-server.js';

// ---------------------------------------------------------------- parameters

const { values: flags } = parseArgs({
  options: {
    clients: { type: 'string' },
    rooms: { type: 'string' },
    seconds: { type: 'string' },
    churn: { type: 'string' },
    batch: { type: 'string' },
    nodes: { type: 'string' },
    compare: { type: 'boolean' },
  },
  strict: true,
});

function param(flag: string | undefined, env: string, fallback: number, min: number, max: number): number {
  const raw = flag ?? process.env[env];
  const v = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) throw new Error(`${env}: ${raw} is not a number in [${min}, ${max}]`);
  return v;
}

const DEFAULTS = { clients: 2000, rooms: 400, seconds: 60, churnPerSecond: 0.02, batch: 100, nodes: 1 };
const P = {
  clients: Math.floor(param(flags.clients, 'HUB_BENCH_CLIENTS', DEFAULTS.clients, 2, 20000)),
  rooms: Math.floor(param(flags.rooms, 'HUB_BENCH_ROOMS', DEFAULTS.rooms, 1, 1000)),
  seconds: param(flags.seconds, 'HUB_BENCH_SECONDS', DEFAULTS.seconds, 0, 600),
  churnPerSecond: param(flags.churn, 'HUB_BENCH_CHURN', DEFAULTS.churnPerSecond, 0, 1),
  batch: Math.floor(param(flags.batch, 'HUB_BENCH_BATCH', DEFAULTS.batch, 1, 5000)),
  nodes: Math.floor(param(flags.nodes, 'HUB_BENCH_NODES', DEFAULTS.nodes, 1, 8)),
};
const COMPARE = flags.compare ?? process.env.HUB_BENCH_COMPARE === '1';
if (COMPARE && P.nodes < 2) throw new Error('--compare needs --nodes N with N > 1');
const RESULTS = process.env.HUB_BENCH_RESULTS ?? (P.nodes === 1 ? 'hub' : `hub-${P.nodes}nodes`);
if (!/^[\w.-]+$/.test(RESULTS)) throw new Error(`HUB_BENCH_RESULTS: ${RESULTS} is not a file name`);
if (COMPARE) compare(); // Exits when both runs are over; nothing below runs in this process.
if (P.clients / P.rooms > 50)
  throw new Error('more than 50 clients per room (the server is started with maxUsersPerRoom 50)');

const APP_ID = 1234567;
const SECRET = randomBytes(16).toString('hex');
const TOKEN_TTL = 3600;
const REQUEST_TIMEOUT_MS = 20_000;
/** Hard stop: the run ends by itself even if something hangs. */
const DEADLINE_MS = (P.seconds + 150 + P.clients / 20) * 1000;
const SDP_BYTES = 2000;

const started = Date.now();
const t0 = performance.now();
const elapsed = (): number => (performance.now() - t0) / 1000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const log = (line: string): void => console.log(`[${elapsed().toFixed(1).padStart(5)} s] ${line}`);

// ---------------------------------------------------------------- bookkeeping

type Phase = 'connect' | 'churn' | 'settle';
let phase: Phase = 'connect';

const counters = { in: 0, out: 0, requests: 0, pending: 0 };
const loginLatency: Record<Phase, number[]> = { connect: [], churn: [], settle: [] };
const fanoutLatency: Record<Phase, number[]> = { connect: [], churn: [], settle: [] };
const connectLatency: number[] = [];
const errors: Record<string, number> = {};
const errorSamples: string[] = [];
const duplicates = { userAdd: 0, userDelete: 0, streamAdd: 0, streamDelete: 0, signal: 0 };
const diag = {
  /** users/streams pushes that arrived on a connection before its login reply. */
  pushesBeforeLoginReply: 0,
  churnLogout: 0,
  churnDrop: 0,
  /** Churn picks that found no ready client (all of them busy). */
  churnSkipped: 0,
  exchangesStarted: 0,
  exchangesAnswered: 0,
  signalsSent: 0,
  signalsAcked: 0,
  /** Signals rejected or left unanswered because a side was churning: expected, not errors. */
  signalRaces: 0,
  /** `stop` signals the hub sent a publisher for a player of its stream that left the room. */
  stopsFromHub: 0,
};

function error(kind: string, detail: string): void {
  errors[kind] = (errors[kind] ?? 0) + 1;
  if (errorSamples.length < 40) errorSamples.push(`${elapsed().toFixed(1)} s ${kind}: ${detail}`);
}

interface SignalRecord {
  from: string;
  to: string;
  /** The target's connection and generation when sent, and whether it was logged in (not leaving) then. */
  toConn: Conn | null;
  toGen: number;
  verifiable: boolean;
  ok: boolean | undefined;
  /** When the sender got the hub's ok (the hub forwards a signal before it answers the sender). */
  ackAt: number;
  received: number;
}
const signals = new Map<number, SignalRecord>();
let signalSeq = 0;

const clients: Client[] = [];
const mismatches = { users: 0, streams: 0, count: 0, ownStream: 0, hubTotals: 0, splitRooms: 0 };
/** With several nodes: where the rooms and clients were at the end. */
let cluster:
  | {
      roomsPerNode: number[];
      clientsPerNode: number[];
      clientsRelayed: number;
      roomsWithMembersOnAnotherNode: number;
      hubPerNode: HubStats[];
    }
  | undefined;
const mismatchSamples: string[] = [];
let readyAtEnd = 0;
let signalsLost = 0;
let signalsUnverifiable = 0;
let hubEnd: HubStats | null = null;
let mintMs = 0;
let ticker: NodeJS.Timeout | undefined;
let finishing = false;

type Reply = Extract<ServerMessage, { t: 'reply' }>;
type Failed = { ok: false; code: number; msg: string };
const CLOSED = -2;
const TIMEOUT = -1;

// ---------------------------------------------------------------- clients

class Conn {
  readonly ws: WebSocket;
  /** The view of the room: userIDs, and streamID → publisher userID. */
  readonly users = new Set<string>();
  readonly streams = new Map<string, string>();
  readonly pending = new Map<
    number,
    { resolve: (r: Reply | Failed) => void; onReply: ((r: Reply) => void) | undefined; timer: NodeJS.Timeout }
  >();
  loggedIn = false;
  closing = false;
  /** How and when the bench ended this connection. */
  endedBy: 'logout' | 'drop' | undefined;
  endedAt = 0;
  closed = false;
  count = -1;
  hbSent = 0;
  hbEchoed = 0;
  hbWaiters: { n: number; resolve: () => void }[] = [];
  hbTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly client: Client,
    readonly gen: number,
    url: string,
  ) {
    this.ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: REQUEST_TIMEOUT_MS });
    this.ws.on('message', (data) => onMessage(this, String(data)));
    this.ws.on('close', (code, reason) => this.onClose(code, String(reason)));
    this.ws.on('error', (err) => {
      if (!this.closing) error('wsError', `${client.userID}: ${err.message}`);
    });
  }

  send(m: Record<string, unknown>): boolean {
    if (this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(m));
    counters.out++;
    return true;
  }

  /**
   * Sends a request; resolves with its reply. `onReply` runs synchronously when the reply arrives,
   * before any later frame is handled: `ws` emits the frames of one read back to back, so a
   * promise continuation would see the pushes that followed the reply before the reply itself.
   */
  request(m: Record<string, unknown>, onReply?: (r: Reply) => void): Promise<Reply | Failed> {
    const id = ++counters.requests;
    return new Promise((resolve) => {
      if (!this.send({ ...m, id })) return resolve({ ok: false, code: CLOSED, msg: 'connection not open' });
      counters.pending++;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        counters.pending--;
        resolve({ ok: false, code: TIMEOUT, msg: `no reply to ${String(m.t)} in ${REQUEST_TIMEOUT_MS} ms` });
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { resolve, onReply, timer });
    });
  }

  settle(id: number, r: Reply | Failed): boolean {
    const p = this.pending.get(id);
    if (!p) return false;
    this.pending.delete(id);
    counters.pending--;
    clearTimeout(p.timer);
    if ('t' in r) p.onReply?.(r);
    p.resolve(r);
    return true;
  }

  heartbeat(): void {
    if (this.send({ t: 'hb' })) this.hbSent++;
  }

  /** Resolves once the server has echoed a heartbeat sent now: everything it wrote before is here. */
  barrier(): Promise<void> {
    if (!this.send({ t: 'hb' })) return Promise.reject(new Error('connection not open'));
    const n = ++this.hbSent;
    return new Promise((resolve) => this.hbWaiters.push({ n, resolve }));
  }

  startHeartbeats(intervalMs: number): void {
    // Spread the clients over the interval, like real ones that joined at different times.
    this.hbTimer = setTimeout(() => {
      this.heartbeat();
      this.hbTimer = setInterval(() => this.heartbeat(), intervalMs);
    }, Math.random() * intervalMs);
  }

  shutdown(graceful: boolean): void {
    if (!this.closing) {
      this.endedBy = graceful ? 'logout' : 'drop';
      this.endedAt = performance.now();
    }
    this.closing = true;
    clearTimeout(this.hbTimer);
    clearInterval(this.hbTimer);
    if (graceful) this.ws.close(1000, 'bye');
    else this.ws.terminate();
  }

  private onClose(code: number, reason: string): void {
    this.closed = true;
    clearTimeout(this.hbTimer);
    clearInterval(this.hbTimer);
    if (!this.closing) error('unexpectedClose', `${this.client.userID} gen ${this.gen}: ${code} ${reason}`);
    for (const id of [...this.pending.keys()]) this.settle(id, { ok: false, code: CLOSED, msg: 'connection closed' });
  }
}

class Client {
  gen = 0;
  state: 'idle' | 'connecting' | 'ready' | 'leaving' | 'failed' = 'idle';
  conn: Conn | null = null;
  streamID = '';
  /** The member whose stream this client plays (the next one in its room), if any. */
  partner: string | null = null;
  /**
   * The server node it connects to: the members of a room (clients r, r + rooms, …) alternate
   * between the nodes, and each node carries as many clients.
   */
  readonly node: number;

  constructor(
    readonly index: number,
    readonly userID: string,
    readonly roomID: string,
    readonly token: string,
  ) {
    this.node = (index + Math.floor(index / P.rooms)) % P.nodes;
  }
}

const byUser = new Map<string, Client>();
/** Each server node's WebSocket URL. */
let wsURLs: string[] = [];

function applyUsers(conn: Conn, type: 'ADD' | 'DELETE', users: ZegoUser[]): void {
  for (const u of users) {
    if (u.userID === conn.client.userID) {
      error('selfInUsers', `${conn.client.userID} was told about itself (${type})`);
      continue;
    }
    if (type === 'ADD') {
      if (conn.users.has(u.userID)) duplicates.userAdd++;
      else conn.users.add(u.userID);
    } else if (!conn.users.delete(u.userID)) duplicates.userDelete++;
  }
}

function applyStreams(conn: Conn, type: 'ADD' | 'DELETE', streams: WireStream[], pushed: boolean): void {
  const now = performance.now();
  for (const s of streams) {
    if (s.user.userID === conn.client.userID) {
      error('selfInStreams', `${conn.client.userID} was told about its own stream ${s.streamID} (${type})`);
      continue;
    }
    if (type === 'DELETE') {
      if (!conn.streams.delete(s.streamID)) duplicates.streamDelete++;
      continue;
    }
    if (conn.streams.has(s.streamID)) {
      duplicates.streamAdd++;
      continue;
    }
    conn.streams.set(s.streamID, s.user.userID);
    if (pushed) {
      const ts = (JSON.parse(s.extraInfo || '{}') as { ts?: number }).ts;
      if (typeof ts === 'number') fanoutLatency[phase].push(now - ts);
      else error('badExtraInfo', s.extraInfo);
    }
    if (s.user.userID === conn.client.partner && conn === conn.client.conn && !conn.closing) {
      diag.exchangesStarted++;
      sendSignal(conn, s.user.userID, s.streamID, 'offer');
    }
  }
}

function fakeSdp(seq: number): string {
  const head = `v=0\r\no=- ${seq} 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n`;
  return head + 'a=x-bench:'.padEnd(SDP_BYTES - head.length - 2, 'x') + '\r\n';
}

function signalData(kind: 'offer' | 'answer' | 'candidate', seq: number): SignalData {
  if (kind === 'candidate')
    return {
      type: 'candidate',
      candidate: {
        candidate: `candidate:${seq} 1 udp 2122260223 127.0.0.1 ${40000 + (seq % 20000)} typ host`,
        sdpMid: '0',
        sdpMLineIndex: 0,
      },
    };
  return { type: kind, sdp: fakeSdp(seq) };
}

function signalSeqOf(d: SignalData): number {
  const text = d.type === 'candidate' ? d.candidate?.candidate : d.type === 'offer' || d.type === 'answer' ? d.sdp : '';
  const m = /^(?:v=0\r\no=- |candidate:)(\d+) /.exec(text ?? '');
  return m ? Number(m[1]) : -1;
}

function sendSignal(conn: Conn, to: string, streamID: string, kind: 'offer' | 'answer' | 'candidate'): void {
  const target = byUser.get(to);
  if (!target) return error('unknownPeer', to);
  const seq = ++signalSeq;
  const rec: SignalRecord = {
    from: conn.client.userID,
    to,
    toConn: target.conn,
    toGen: target.gen,
    // Logged in on a connection it is not leaving: the hub holds a session attached to it.
    verifiable: target.state !== 'leaving' && !!target.conn?.loggedIn && !target.conn.closing,
    ok: undefined,
    ackAt: 0,
    received: 0,
  };
  signals.set(seq, rec);
  diag.signalsSent++;
  void conn.request({ t: 'signal', to, streamID, data: signalData(kind, seq) }).then((r) => {
    rec.ok = r.ok;
    if (r.ok) {
      rec.ackAt = performance.now();
      diag.signalsAcked++;
      return;
    }
    // A side that churned meanwhile makes a rejection (or our own closed connection) expected.
    const raced = r.code === CLOSED || !rec.verifiable || target.gen !== rec.toGen || conn.client.conn !== conn;
    if (raced) diag.signalRaces++;
    else error('signalRejected', `${rec.from} → ${to} ${kind} ${streamID}: ${r.code} ${r.msg}`);
  });
}

function onSignal(conn: Conn, m: Extract<ServerMessage, { t: 'signal' }>): void {
  if (m.data.type === 'stop') {
    // The hub's own: a player of this client's stream left the room (its partner is this client).
    if (byUser.get(m.from)?.partner === conn.client.userID && m.streamID.startsWith(`s${conn.client.index}_`))
      diag.stopsFromHub++;
    else error('unexpectedSignal', `${conn.client.userID} got stop for ${m.streamID} from ${m.from}`);
    return;
  }
  const seq = signalSeqOf(m.data);
  const rec = signals.get(seq);
  if (!rec || rec.to !== conn.client.userID || rec.from !== m.from) {
    error('unexpectedSignal', `${conn.client.userID} got ${m.data.type} #${seq} from ${m.from}`);
    return;
  }
  rec.received++;
  if (rec.received > 1) duplicates.signal++;
  if (conn !== conn.client.conn || conn.closing) return;
  if (m.data.type === 'offer') {
    sendSignal(conn, m.from, m.streamID, 'answer');
    sendSignal(conn, m.from, m.streamID, 'candidate');
  } else if (m.data.type === 'answer') {
    diag.exchangesAnswered++;
    sendSignal(conn, m.from, m.streamID, 'candidate');
  }
}

function onMessage(conn: Conn, raw: string): void {
  counters.in++;
  let m: ServerMessage;
  try {
    m = JSON.parse(raw) as ServerMessage;
  } catch {
    return error('badJSON', raw.slice(0, 80));
  }
  switch (m.t) {
    case 'reply':
      if (!conn.settle(m.id, m)) error('unknownReply', `${conn.client.userID} #${m.id}`);
      return;
    case 'users':
      if (!conn.loggedIn) diag.pushesBeforeLoginReply++;
      return applyUsers(conn, m.type, m.users);
    case 'streams':
      if (!conn.loggedIn) diag.pushesBeforeLoginReply++;
      return applyStreams(conn, m.type, m.streams, true);
    case 'count':
      conn.count = m.count;
      return;
    case 'signal':
      return onSignal(conn, m);
    case 'hb':
      conn.hbEchoed++;
      while (conn.hbWaiters.length && conn.hbWaiters[0]!.n <= conn.hbEchoed) conn.hbWaiters.shift()!.resolve();
      return;
    case 'kicked':
      if (!conn.closing) error('kicked', `${conn.client.userID}: ${m.code} ${m.msg}`);
      return;
    case 'error':
      return error('serverError', `${conn.client.userID}: ${m.code} ${m.msg}`);
    default:
      return error('unexpectedMessage', `${conn.client.userID}: ${m.t}`);
  }
}

/** Opens a connection, logs in, publishes a stream. */
async function join(client: Client): Promise<void> {
  client.state = 'connecting';
  const conn = new Conn(client, client.gen, wsURLs[client.node]!);
  client.conn = conn;
  const tOpen = performance.now();
  const opened = await new Promise<boolean>((resolve) => {
    conn.ws.once('open', () => resolve(true));
    conn.ws.once('close', () => resolve(false));
  });
  if (!opened) {
    client.state = 'failed';
    return error('connectFailed', client.userID);
  }
  const tLogin = performance.now();
  connectLatency.push(tLogin - tOpen);
  const r = await conn.request(
    {
      t: 'login',
      v: 1,
      roomID: client.roomID,
      token: client.token,
      user: { userID: client.userID, userName: `User ${client.index}` },
      config: { userUpdate: true },
    },
    (r) => {
      if (!r.ok) return;
      loginLatency[phase].push(performance.now() - tLogin);
      conn.loggedIn = true;
      const reply = r as unknown as LoginReply;
      applyUsers(conn, 'ADD', reply.users);
      applyStreams(conn, 'ADD', reply.streams, false);
    },
  );
  if (!r.ok) {
    client.state = 'failed';
    return error('loginFailed', `${client.userID}: ${r.code} ${r.msg}`);
  }
  conn.startHeartbeats((r as unknown as LoginReply).heartbeatInterval);
  client.streamID = `s${client.index}_${client.gen}`;
  const p = await conn.request({
    t: 'publish',
    streamID: client.streamID,
    extraInfo: JSON.stringify({ ts: performance.now() }),
  });
  if (!p.ok) {
    client.state = 'failed';
    return error('publishFailed', `${client.userID}: ${p.code} ${p.msg}`);
  }
  client.state = 'ready';
}

/** Logs out and closes (or just drops the connection), then joins again on a new connection. */
async function churn(client: Client): Promise<void> {
  const conn = client.conn!;
  client.state = 'leaving';
  client.gen++;
  if (Math.random() < 0.5) {
    diag.churnLogout++;
    const r = await conn.request({ t: 'logout' });
    if (!r.ok) error('logoutFailed', `${client.userID}: ${r.code} ${r.msg}`);
    conn.shutdown(true);
  } else {
    diag.churnDrop++;
    conn.shutdown(false);
  }
  await join(client);
}

// ---------------------------------------------------------------- the server children

/** One server node: a child process running `bench/hub-server.ts`, answering requests over IPC. */
interface ServerNode {
  index: number;
  child: ChildProcess;
  exited: boolean;
  replies: Map<number, (m: ChildMessage) => void>;
  ready: Promise<number>;
  /** Warnings and errors it logged (the server logs at `warn` when given a `log` callback). */
  logLines: number;
}

/** The Redis the nodes share (N > 1 only): a redis-server of the bench's own on a loopback port. */
let redis: { child: ChildProcess; port: number; url: string; exited: boolean } | undefined;
const serverLogSamples: string[] = [];
const childScript = fileURLToPath(new URL('./hub-server.ts', import.meta.url));
const nodes: ServerNode[] = [];
let childSeq = 0;

function startNode(index: number, redisURL: string | undefined): ServerNode {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', childScript], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      HUB_BENCH_APP_ID: String(APP_ID),
      HUB_BENCH_SECRET: SECRET,
      ...(redisURL ? { HUB_BENCH_REDIS: redisURL } : {}),
    },
  });
  let onReady: (port: number) => void = () => undefined;
  const node: ServerNode = {
    index,
    child,
    exited: false,
    replies: new Map(),
    ready: new Promise<number>((resolve, reject) => {
      onReady = resolve;
      child.once('exit', () => reject(new Error(`server node ${index} exited before it was ready`)));
      setTimeout(() => reject(new Error(`server node ${index} did not start in 30 s`)), 30_000).unref();
    }),
    logLines: 0,
  };
  node.ready.catch(() => undefined);
  child.on('message', (raw) => {
    const m = raw as ChildMessage;
    if (m.type === 'ready') onReady(m.port);
    else if (m.type === 'log') {
      node.logLines++;
      if (serverLogSamples.length < 20) serverLogSamples.push(`node ${index}: ${m.line.slice(0, 300)}`);
    } else node.replies.get(m.id)?.(m);
  });
  child.on('exit', (code, signal) => {
    node.exited = true;
    if (!finishing) error('serverExited', `node ${index}: code ${code} signal ${signal}`);
  });
  return node;
}

/** Starts redis-server on a free loopback port, saving nothing to disk; resolves once it listens. */
async function startRedis(): Promise<NonNullable<typeof redis>> {
  const port = await freePort();
  const child = spawn(
    findRedisServer(),
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const r = { child, port, url: `redis://127.0.0.1:${port}`, exited: false };
  redis = r;
  child.on('exit', (code, signal) => {
    r.exited = true;
    if (!finishing) error('redisExited', `code ${code} signal ${signal}`);
  });
  await listening(port, 'redis-server');
  return r;
}

// Whatever ends this process (a throw, the deadline, Ctrl-C): redis-server does not outlive it.
// (The server children exit by themselves when their IPC channel goes.)
process.on('exit', () => {
  if (redis && !redis.exited) redis.child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/** CPU time redis-server has used, µs (Linux: /proc; elsewhere undefined). */
function redisCpu(): NodeJS.CpuUsage | undefined {
  if (!redis || redis.exited || !existsSync(`/proc/${redis.child.pid}/stat`)) return undefined;
  const stat = readFileSync(`/proc/${redis.child.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime (fields 14 and 15 of the whole line) are in clock ticks, 100 a second on Linux.
  return { user: Number(fields[11]) * 10_000, system: Number(fields[12]) * 10_000 };
}

function ask<T extends ChildMessage['type']>(
  node: ServerNode,
  req: Omit<Extract<ChildRequest, { type: T }>, 'id'>,
  timeoutMs = 30_000,
): Promise<Extract<ChildMessage, { type: T }>> {
  const id = ++childSeq;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      node.replies.delete(id);
      reject(new Error(`server node ${node.index} did not answer ${req.type} in ${timeoutMs} ms`));
    }, timeoutMs);
    node.replies.set(id, (m) => {
      clearTimeout(timer);
      node.replies.delete(id);
      resolve(m as Extract<ChildMessage, { type: T }>);
    });
    node.child.send({ ...req, id });
  });
}

const sumHub = (xs: HubStats[]): HubStats => ({
  connections: xs.reduce((a, x) => a + x.connections, 0),
  rooms: xs.reduce((a, x) => a + x.rooms, 0),
  users: xs.reduce((a, x) => a + x.users, 0),
  streams: xs.reduce((a, x) => a + x.streams, 0),
});

/** The servers' stats; with several nodes, also each node's. */
type ServerStats = ChildStats & { nodes?: ChildStats[] };

/**
 * The servers' stats as one: memory, CPU and the hub's totals summed over the nodes, event-loop
 * lag the worst node's, and each node's own. With one node, that node's stats.
 */
function combineStats(xs: ChildStats[]): ServerStats {
  if (xs.length === 1) return xs[0]!;
  const memory = { ...xs[0]!.memory };
  for (const k of Object.keys(memory) as (keyof NodeJS.MemoryUsage)[])
    memory[k] = xs.reduce((a, x) => a + x.memory[k], 0);
  return {
    memory,
    cpu: {
      user: xs.reduce((a, x) => a + x.cpu.user, 0),
      system: xs.reduce((a, x) => a + x.cpu.system, 0),
    },
    lag: {
      mean: Math.max(...xs.map((x) => x.lag.mean)),
      p99: Math.max(...xs.map((x) => x.lag.p99)),
      max: Math.max(...xs.map((x) => x.lag.max)),
    },
    hub: sumHub(xs.map((x) => x.hub)),
    at: Math.max(...xs.map((x) => x.at)),
    nodes: xs,
  };
}

const serverStats = async (gc = false, resetLag = false): Promise<ServerStats> => {
  const each = await Promise.all(nodes.map((n) => ask<'stats'>(n, { type: 'stats', gc, resetLag })));
  return combineStats(each.map(({ type: _t, id: _i, ...stats }) => stats));
};

/** The hub's view of the rooms over all nodes: per room, the view of the node that has it. */
async function hubViews(rooms: string[]): Promise<{
  views: Record<string, { users: ZegoUser[]; streams: WireStream[] }>;
  hub: HubStats;
  perNode: HubStats[];
  /** Per room, the node that has it (-1: none). */
  ownerOf: Record<string, number>;
  /** Rooms more than one node has members in. */
  split: string[];
}> {
  const each = await Promise.all(nodes.map((n) => ask<'views'>(n, { type: 'views', rooms })));
  const views: Record<string, { users: ZegoUser[]; streams: WireStream[] }> = {};
  const ownerOf: Record<string, number> = {};
  const split: string[] = [];
  for (const room of rooms) {
    ownerOf[room] = -1;
    views[room] = { users: [], streams: [] };
    each.forEach((m, k) => {
      const v = m.views[room];
      if (!v || (!v.users.length && !v.streams.length)) return;
      if (ownerOf[room] !== -1) split.push(room);
      else {
        ownerOf[room] = k;
        views[room] = v;
      }
    });
  }
  return { views, hub: sumHub(each.map((m) => m.hub)), perNode: each.map((m) => m.hub), ownerOf, split };
}

const deadline = setTimeout(() => {
  log(`DEADLINE: the run did not finish in ${DEADLINE_MS / 1000} s; aborting`);
  error('deadline', `aborted after ${DEADLINE_MS / 1000} s in phase ${phase}`);
  void finish(false).catch(() => process.exit(2));
}, DEADLINE_MS);

// ---------------------------------------------------------------- the run

const LAG_RESOLUTION_MS = 10;
const lagHere = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
lagHere.enable();
const lagHereChurn = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
/** Event-loop lag beyond the sampling interval, ms. */
const lagOf = (h: ReturnType<typeof monitorEventLoopDelay>) => ({
  p99: round(Math.max(0, h.percentile(99) / 1e6 - LAG_RESOLUTION_MS)),
  max: round(Math.max(0, h.max / 1e6 - LAG_RESOLUTION_MS)),
});
const timeline: { t: number; in: number; out: number; ready: number; phase: Phase; serverRssMB?: number }[] = [];
const samples: Record<string, ServerStats> = {};
const cpuHere: Record<string, NodeJS.CpuUsage> = {};
const cpuRedis: Record<string, NodeJS.CpuUsage | undefined> = {};
const marks: Record<string, { t: number; in: number; out: number }> = {};
const mark = (name: string): void => {
  marks[name] = { t: performance.now(), in: counters.in, out: counters.out };
  cpuHere[name] = process.cpuUsage();
  cpuRedis[name] = redisCpu();
};

run().then(
  () => finish(true),
  (err: unknown) => {
    error('fatal', err instanceof Error ? (err.stack ?? err.message) : String(err));
    return finish(false);
  },
);

async function run(): Promise<void> {
  if (P.nodes > 1) {
    const r = await startRedis();
    log(`redis-server pid ${r.child.pid} on ${r.url}`);
  }
  for (let k = 0; k < P.nodes; k++) nodes.push(startNode(k, redis?.url));
  const ports = await Promise.all(nodes.map((n) => n.ready));
  wsURLs = ports.map((port) => `ws://127.0.0.1:${port}/ws`);
  nodes.forEach((n, k) => log(`server ${P.nodes > 1 ? `node ${k} ` : ''}child pid ${n.child.pid} on ${wsURLs[k]}`));

  // Mint every token before the timed phases.
  const tMint = performance.now();
  for (let i = 0; i < P.clients; i++) {
    const roomID = `room${i % P.rooms}`;
    const userID = `u${i}`;
    const payload = JSON.stringify({ room_id: roomID, privilege: { 1: 1, 2: 1 }, stream_id_list: null });
    const token = await generateToken04(APP_ID, userID, SECRET, TOKEN_TTL, payload);
    const c = new Client(i, userID, roomID, token);
    clients.push(c);
    byUser.set(userID, c);
  }
  // Partner: the next member of the same room (a ring); this client plays that member's stream.
  const members = new Map<string, Client[]>();
  for (const c of clients) members.set(c.roomID, [...(members.get(c.roomID) ?? []), c]);
  for (const list of members.values())
    if (list.length > 1) list.forEach((c, k) => (c.partner = list[(k + 1) % list.length]!.userID));
  const roomIDs = [...members.keys()];
  mintMs = performance.now() - tMint;
  log(`minted ${P.clients} token04s in ${mintMs.toFixed(0)} ms`);

  samples.idle = await settledStats(700);
  log(`server idle: rss ${mb(samples.idle.memory.rss)} MB, heap ${mb(samples.idle.memory.heapUsed)} MB`);

  let lastTick = { in: 0, out: 0 };
  ticker = setInterval(() => {
    const ready = clients.reduce((n, c) => n + (c.state === 'ready' ? 1 : 0), 0);
    timeline.push({
      t: Math.round(elapsed()),
      in: counters.in - lastTick.in,
      out: counters.out - lastTick.out,
      ready,
      phase,
    });
    lastTick = { in: counters.in, out: counters.out };
  }, 1000);

  // Phase 1: connect in batches.
  mark('connectStart');
  for (let i = 0; i < clients.length; i += P.batch) {
    await Promise.all(clients.slice(i, i + P.batch).map((c) => join(c)));
    if ((i / P.batch) % 5 === 4 || i + P.batch >= clients.length)
      log(`connected ${Math.min(i + P.batch, clients.length)} / ${clients.length}`);
  }
  mark('connectEnd');
  const connectRounds = await quiesce();
  mark('steadyStart');
  samples.steady = await settledStats(400);
  log(
    `steady: ${samples.steady.hub.connections} connections, server rss ${mb(samples.steady.memory.rss)} MB ` +
      `(+${mb(samples.steady.memory.rss - samples.idle.memory.rss)} MB), quiesced in ${connectRounds} rounds`,
  );
  // A short steady window without churn: heartbeats only.
  await sleep(2000);
  mark('steadyEnd');
  samples.steadyEnd = await serverStats(false, true);

  // Phase 2: churn.
  phase = 'churn';
  lagHereChurn.enable();
  mark('churnStart');
  const churning = new Set<Promise<void>>();
  {
    const end = performance.now() + P.seconds * 1000;
    let carry = 0;
    let last = performance.now();
    let nextSample = performance.now() + 10_000;
    while (performance.now() < end) {
      await sleep(100);
      const now = performance.now();
      carry += P.clients * P.churnPerSecond * ((now - last) / 1000);
      last = now;
      let n = Math.floor(carry);
      carry -= n;
      for (let tries = 0; n > 0 && tries < n * 20; tries++) {
        const c = clients[Math.floor(Math.random() * clients.length)]!;
        if (c.state !== 'ready') continue;
        n--;
        const p = churn(c).finally(() => churning.delete(p));
        churning.add(p);
      }
      diag.churnSkipped += n;
      if (now >= nextSample) {
        nextSample += 10_000;
        void serverStats(false).then((s) => {
          samples[`churn${Math.round(elapsed())}s`] = s;
          timeline[timeline.length - 1]!.serverRssMB = Math.round(s.memory.rss / 2 ** 20);
          log(
            `churn: ${diag.churnLogout + diag.churnDrop} churned, server rss ${mb(s.memory.rss)} MB, ` +
              `server lag p99 ${s.lag.p99.toFixed(1)} ms (churn phase so far), pending ${counters.pending}`,
          );
        });
      }
    }
  }
  mark('churnEnd');
  lagHereChurn.disable();
  samples.churnEnd = await serverStats(false);
  phase = 'settle';
  await Promise.all(churning);
  const settleRounds = await quiesce();
  mark('settled');
  log(`churn over: ${diag.churnLogout + diag.churnDrop} churns; quiesced in ${settleRounds} rounds`);

  // Phase 3: correctness.
  const viewsMsg = await hubViews(roomIDs);
  samples.end = await serverStats(true);
  const noteMismatch = (kind: keyof typeof mismatches, detail: string): void => {
    mismatches[kind]++;
    if (mismatchSamples.length < 20) mismatchSamples.push(`${kind}: ${detail}`);
  };
  for (const room of viewsMsg.split) noteMismatch('splitRooms', `${room} has members on more than one node`);
  if (P.nodes > 1) {
    const roomsPerNode = nodes.map((_, k) => roomIDs.filter((r) => viewsMsg.ownerOf[r] === k).length);
    const relayed = clients.filter((c) => viewsMsg.ownerOf[c.roomID] !== c.node).length;
    const crossRooms = roomIDs.filter((r) => (members.get(r) ?? []).some((c) => c.node !== viewsMsg.ownerOf[r])).length;
    cluster = {
      roomsPerNode,
      clientsPerNode: nodes.map((_, k) => clients.filter((c) => c.node === k).length),
      clientsRelayed: relayed,
      roomsWithMembersOnAnotherNode: crossRooms,
      hubPerNode: viewsMsg.perNode,
    };
    log(
      `rooms per node ${roomsPerNode.join(' / ')}; ${relayed} clients reach their room through another node; ` +
        `${crossRooms} of ${roomIDs.length} rooms have members on a node that is not theirs`,
    );
  }
  const setDiff = (a: Iterable<string>, b: Set<string>): string[] => [...a].filter((x) => !b.has(x));
  for (const c of clients) {
    const conn = c.conn;
    if (c.state !== 'ready' || !conn || conn.closed) {
      error('notReadyAtEnd', `${c.userID} is ${c.state}`);
      continue;
    }
    readyAtEnd++;
    const view = viewsMsg.views[c.roomID] ?? { users: [], streams: [] };
    const hubUsers = new Set(view.users.map((u) => u.userID).filter((id) => id !== c.userID));
    const hubStreams = new Map(
      view.streams.filter((s) => s.user.userID !== c.userID).map((s) => [s.streamID, s.user.userID]),
    );
    const missingU = setDiff(hubUsers, conn.users);
    const extraU = setDiff(conn.users, hubUsers);
    if (missingU.length || extraU.length)
      noteMismatch('users', `${c.userID} in ${c.roomID}: missing [${missingU}] extra [${extraU}]`);
    const missingS = setDiff(hubStreams.keys(), new Set(conn.streams.keys()));
    const extraS = setDiff(conn.streams.keys(), new Set(hubStreams.keys()));
    const wrongOwner = [...conn.streams].filter(([id, u]) => hubStreams.has(id) && hubStreams.get(id) !== u);
    if (missingS.length || extraS.length || wrongOwner.length)
      noteMismatch(
        'streams',
        `${c.userID} in ${c.roomID}: missing [${missingS}] extra [${extraS}] wrong owner [${wrongOwner.map((x) => x[0])}]`,
      );
    if (conn.count !== view.users.length)
      noteMismatch('count', `${c.userID}: last count ${conn.count}, hub has ${view.users.length}`);
    if (!view.streams.some((s) => s.streamID === c.streamID && s.user.userID === c.userID))
      noteMismatch('ownStream', `${c.userID}: hub does not list its stream ${c.streamID}`);
  }
  hubEnd = viewsMsg.hub;
  if (hubEnd.users !== P.clients || hubEnd.streams !== P.clients)
    noteMismatch('hubTotals', `hub has ${hubEnd.users} users / ${hubEnd.streams} streams, expected ${P.clients} each`);

  // Signals: every signal the hub acknowledged must have arrived exactly once (duplicates were
  // counted on arrival) — unless its target dropped that connection (no logout) around then:
  // the hub wrote it to a socket the bench threw away, so it may be unread. A target that logged
  // out read everything the hub wrote before its logout reply; a signal after that is rejected.
  for (const rec of signals.values()) {
    if (rec.ok === undefined) error('signalUnanswered', `${rec.from} → ${rec.to}`);
    if (rec.ok !== true) continue;
    const to = rec.toConn;
    if (!rec.verifiable || !to || (to.endedBy === 'drop' && to.endedAt - rec.ackAt < 1000)) {
      signalsUnverifiable++;
      continue;
    }
    if (rec.received === 0) {
      signalsLost++;
      if (signalsLost <= 5) error('signalLost', `${rec.from} → ${rec.to}`);
    }
  }
}

// ---------------------------------------------------------------- reporting

function mb(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1);
}

function pct(xs: number[], p: number): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!);
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function dist(xs: number[]) {
  return {
    n: xs.length,
    p50: pct(xs, 50),
    p99: pct(xs, 99),
    max: xs.length ? round(Math.max(...xs)) : null,
    mean: xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length) : null,
  };
}

function rate(from: string, to: string) {
  const a = marks[from];
  const b = marks[to];
  if (!a || !b) return null;
  const s = (b.t - a.t) / 1000;
  return { seconds: round(s), in: round((b.in - a.in) / s, 0), out: round((b.out - a.out) / s, 0) };
}

/** CPU used between two stats samples, in % of one core. */
function cpuPct(a: NodeJS.CpuUsage | undefined, b: NodeJS.CpuUsage | undefined, ms: number): number | null {
  if (!a || !b || ms <= 0) return null;
  return round(((b.user - a.user + b.system - a.system) / 1000 / ms) * 100, 1);
}

async function finish(completed: boolean): Promise<void> {
  if (finishing) return;
  finishing = true;
  clearTimeout(deadline);
  clearInterval(ticker);
  phase = 'settle';
  for (const c of clients) c.conn?.shutdown(false);
  await Promise.all(
    nodes.map(async (node) => {
      if (node.exited) return;
      await ask<'stop'>(node, { type: 'stop' }, 5000).catch(() => undefined);
      await new Promise<void>((resolve) => {
        if (node.exited) return resolve();
        const kill = setTimeout(() => node.child.kill('SIGKILL'), 5000);
        node.child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
      });
    }),
  );
  // The nodes have let go of Redis: now it can go.
  if (redis && !redis.exited) {
    const r = redis;
    await new Promise<void>((resolve) => {
      r.child.once('exit', () => resolve());
      r.child.kill('SIGKILL');
    });
  }

  const idle = samples.idle;
  const steady = samples.steady;
  const connections = steady?.hub.connections ?? 0;
  const perConn = (k: 'rss' | 'heapUsed'): number | null =>
    idle && steady && connections ? round((steady.memory[k] - idle.memory[k]) / connections, 0) : null;
  const churnMs = marks.churnStart && marks.churnEnd ? marks.churnEnd.t - marks.churnStart.t : 0;
  const errorTotal = Object.values(errors).reduce((a, b) => a + b, 0);
  const duplicateTotal = Object.values(duplicates).reduce((a, b) => a + b, 0);
  const mismatchTotal = completed ? Object.values(mismatches).reduce((a, b) => a + b, 0) : null;
  const pass = completed && errorTotal === 0 && duplicateTotal === 0 && mismatchTotal === 0 && signalsLost === 0;
  const allLogin = [...loginLatency.connect, ...loginLatency.churn, ...loginLatency.settle];
  const allFanout = [...fanoutLatency.connect, ...fanoutLatency.churn, ...fanoutLatency.settle];
  const multi = P.nodes > 1;
  /** A figure of each node, from the per-node stats of two combined samples. */
  const perNode = <T>(
    f: (node: ChildStats | undefined, k: number) => T,
    sample: ServerStats | undefined,
  ): T[] | undefined => (multi ? nodes.map((_, k) => f(sample?.nodes?.[k], k)) : undefined);
  const rssMB = (x: ChildStats | undefined) => (x ? round(x.memory.rss / 2 ** 20, 1) : null);

  const results = {
    name: RESULTS,
    date: new Date(started).toISOString(),
    machine: {
      cpu: cpus()[0]?.model,
      cores: cpus().length,
      node: process.version,
      os: `${platform()} ${release()}`,
      memoryGB: round(totalmem() / 2 ** 30, 1),
    },
    method:
      'load generator (this process) and the real server (startServer in a child process, node --import tsx) on one ' +
      'machine over 127.0.0.1; token04 (GCM) verified per login; clients connect in batches, log in (userUpdate), ' +
      'publish one stream (extraInfo = client send time), run offer/answer/candidate exchanges with the next room ' +
      'member, heartbeat at the login reply interval; churn: half logout+close, half drop, then a new connection ' +
      'logs in and publishes again; then every client view is compared with hub.roomView over IPC' +
      (multi
        ? `; ${P.nodes} server nodes (one child process each) sharing rooms through a redis-server of the bench's ` +
          'own on loopback (startServer({ redis })): client i connects to node (i + floor(i / rooms)) mod N, so the ' +
          "members of a room alternate between the nodes and every room relays over Redis pub/sub; the hub's view " +
          'of a room is the one non-empty view among the nodes, hub totals, memory and CPU are summed over the ' +
          "nodes, event-loop lag is the worst node's"
        : ''),
    target: { ...DEFAULTS },
    parameters: {
      ...P,
      perRoom: round(P.clients / P.rooms),
      serverHub: { maxUsersPerRoom: 50, maxMessagesPerSecond: 1000 },
    },
    completed,
    pass,
    durationSeconds: round(elapsed(), 1),
    tokenMintMs: round(mintMs, 0),
    loginLatencyMs: {
      all: dist(allLogin),
      connectPhase: dist(loginLatency.connect),
      churnPhase: dist([...loginLatency.churn, ...loginLatency.settle]),
    },
    wsOpenLatencyMs: dist(connectLatency),
    fanoutLatencyMs: {
      all: dist(allFanout),
      connectPhase: dist(fanoutLatency.connect),
      churnPhase: dist([...fanoutLatency.churn, ...fanoutLatency.settle]),
    },
    messagesPerSecond: {
      connectPhase: rate('connectStart', 'connectEnd'),
      steadyNoChurn: rate('steadyStart', 'steadyEnd'),
      churnPhase: rate('churnStart', 'churnEnd'),
      totals: { in: counters.in, out: counters.out },
    },
    serverMemory: {
      idleRssMB: idle ? round(idle.memory.rss / 2 ** 20, 1) : null,
      steadyRssMB: steady ? round(steady.memory.rss / 2 ** 20, 1) : null,
      endRssMB: samples.end ? round(samples.end.memory.rss / 2 ** 20, 1) : null,
      connectionsAtSteady: connections,
      rssBytesPerConnection: perConn('rss'),
      heapUsedBytesPerConnection: perConn('heapUsed'),
      note:
        'idle, steady and end samples are taken after a forced GC in the server child; steady = all clients connected, published and quiet' +
        (multi ? `; summed over the ${P.nodes} nodes (redis-server not included)` : ''),
      ...(multi
        ? {
            perNode: nodes.map((_, k) => ({
              idleRssMB: rssMB(idle?.nodes?.[k]),
              steadyRssMB: rssMB(steady?.nodes?.[k]),
              endRssMB: rssMB(samples.end?.nodes?.[k]),
              connectionsAtSteady: steady?.nodes?.[k]?.hub.connections ?? null,
            })),
          }
        : {}),
    },
    cpuPercentOfOneCore: {
      serverChurnPhase: cpuPct(samples.steadyEnd?.cpu, samples.churnEnd?.cpu, churnMs),
      ...(multi
        ? {
            note: `server: summed over the ${P.nodes} nodes`,
            serverChurnPhasePerNode: perNode(
              (_, k) => cpuPct(samples.steadyEnd?.nodes?.[k]?.cpu, samples.churnEnd?.nodes?.[k]?.cpu, churnMs),
              samples.churnEnd,
            ),
            redisChurnPhase: cpuPct(cpuRedis.churnStart, cpuRedis.churnEnd, churnMs),
          }
        : {}),
      loadGeneratorChurnPhase: cpuPct(cpuHere.churnStart, cpuHere.churnEnd, churnMs),
      loadGeneratorConnectPhase: cpuPct(
        cpuHere.connectStart,
        cpuHere.connectEnd,
        (marks.connectEnd?.t ?? 0) - (marks.connectStart?.t ?? 0),
      ),
    },
    eventLoopLagMs: {
      note: `monitorEventLoopDelay, resolution ${LAG_RESOLUTION_MS} ms; the delay beyond that interval`,
      loadGeneratorWholeRun: lagOf(lagHere),
      loadGeneratorChurnPhase: lagOf(lagHereChurn),
      serverChurnPhase: samples.churnEnd?.lag ?? null,
      ...(multi
        ? {
            serverNote: `server: the worst of the ${P.nodes} nodes`,
            serverChurnPhasePerNode: perNode((x) => x?.lag ?? null, samples.churnEnd),
          }
        : {}),
    },
    churn: { ...diag, churns: diag.churnLogout + diag.churnDrop },
    correctness: {
      readyAtEnd,
      mismatches: completed ? mismatches : null,
      duplicates,
      errors,
      errorTotal,
      signals: {
        sent: diag.signalsSent,
        acked: diag.signalsAcked,
        lost: signalsLost,
        unverifiable: signalsUnverifiable,
      },
      samples: [...mismatchSamples, ...errorSamples],
    },
    hubAtSteady: steady?.hub ?? null,
    hubAtEnd: completed ? hubEnd : null,
    ...(multi ? { cluster: { nodes: P.nodes, redisPort: redis?.port ?? null, ...cluster } } : {}),
    serverLog: { lines: nodes.reduce((a, n) => a + n.logLines, 0), samples: serverLogSamples },
    serverSamples: samples,
    timeline,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/${RESULTS}.json`, JSON.stringify(results, null, 2) + '\n');

  const f = (d: { p50: number | null; p99: number | null }) => `p50 ${d.p50} ms, p99 ${d.p99} ms`;
  const churnRate = results.messagesPerSecond.churnPhase;
  console.log('');
  console.log(
    `hub load: ${P.clients} clients / ${P.rooms} rooms${multi ? ` on ${P.nodes} nodes` : ''}, churn ${P.churnPerSecond * 100}%/s for ${P.seconds} s ` +
      `(${results.churn.churns} churns) — ${results.machine.cpu}, ${results.machine.cores} cores, node ${process.version}`,
  );
  console.log(
    `  login latency       ${f(results.loginLatencyMs.all)} (churn phase ${f(results.loginLatencyMs.churnPhase)})`,
  );
  console.log(
    `  stream-ADD fan-out  ${f(results.fanoutLatencyMs.all)} (churn phase ${f(results.fanoutLatencyMs.churnPhase)})`,
  );
  if (churnRate) console.log(`  messages/s (churn)  in ${churnRate.in}, out ${churnRate.out} (at the clients)`);
  const conn = results.messagesPerSecond.connectPhase;
  if (conn) console.log(`  messages/s (ramp)   in ${conn.in}, out ${conn.out} over ${conn.seconds} s`);
  console.log(
    `  server memory${multi ? ' (Σ)' : '    '}   idle ${results.serverMemory.idleRssMB} MB → steady ${results.serverMemory.steadyRssMB} MB rss: ` +
      `${results.serverMemory.rssBytesPerConnection} B rss / ${results.serverMemory.heapUsedBytesPerConnection} B heap per connection`,
  );
  console.log(
    `  CPU (churn)         server${multi ? ` (Σ of ${P.nodes} nodes)` : ''} ${results.cpuPercentOfOneCore.serverChurnPhase}%, ` +
      (multi
        ? `per node ${results.cpuPercentOfOneCore.serverChurnPhasePerNode?.join('% / ')}%, redis-server ` +
          `${results.cpuPercentOfOneCore.redisChurnPhase}%, `
        : '') +
      `load generator ` +
      `${results.cpuPercentOfOneCore.loadGeneratorChurnPhase}% of one core; event-loop lag p99 server${multi ? ' (worst node)' : ''} ` +
      `${results.eventLoopLagMs.serverChurnPhase?.p99.toFixed(1)} ms, load generator ` +
      `${results.eventLoopLagMs.loadGeneratorChurnPhase.p99.toFixed(1)} ms`,
  );
  console.log(
    `  correctness         ${pass ? 'PASS' : 'FAIL'}: mismatches ${JSON.stringify(results.correctness.mismatches)}, ` +
      `duplicates ${duplicateTotal}, errors ${errorTotal} ${JSON.stringify(errors)}, signals lost ${signalsLost} ` +
      `(${diag.signalsAcked} acked, ${signalsUnverifiable} unverifiable, ${diag.signalRaces} churn races)`,
  );
  if (multi && cluster)
    console.log(
      `  nodes               rooms ${cluster.roomsPerNode.join(' / ')}, clients ${cluster.clientsPerNode.join(' / ')}; ` +
        `${cluster.clientsRelayed} clients relayed to their room's node over Redis`,
    );
  if (results.serverLog.lines) console.log(`  server log          ${results.serverLog.lines} warnings/errors`);
  for (const s of [...results.correctness.samples.slice(0, 10), ...serverLogSamples.slice(0, 5)])
    console.log(`    ${s}`);
  console.log(`  → bench/results/${RESULTS}.json`);
  process.exit(pass ? 0 : 1);
}

// ---------------------------------------------------------------- helpers used by the phases

/**
 * The server's stats after forced GCs: the sample with the lowest rss of three, `ms` apart (rss
 * lags behind the heap while freed pages go back to the OS).
 */
async function settledStats(ms: number): Promise<ChildStats> {
  let best: ChildStats | undefined;
  for (let i = 0; i < 3; i++) {
    await sleep(ms);
    const s = await serverStats(true);
    if (!best || s.memory.rss < best.memory.rss) best = s;
  }
  return best!;
}

/**
 * Waits until no request is outstanding and a heartbeat round trip on every live connection
 * brings no new request (so every push the server wrote has arrived and been handled).
 */
async function quiesce(): Promise<number> {
  for (let round = 1; round <= 20; round++) {
    const until = performance.now() + REQUEST_TIMEOUT_MS + 5000;
    while (counters.pending > 0 && performance.now() < until) await sleep(20);
    const before = counters.requests;
    const live = clients.filter((c) => c.conn && c.conn.loggedIn && !c.conn.closing && !c.conn.closed);
    await Promise.race([
      Promise.all(live.map((c) => c.conn!.barrier().catch(() => undefined))),
      sleep(REQUEST_TIMEOUT_MS),
    ]);
    if (counters.pending === 0 && counters.requests === before) return round;
  }
  error('quiesce', 'activity did not settle after 20 heartbeat barriers');
  return -1;
}

// ---------------------------------------------------------------- --compare

/**
 * Runs the benchmark twice with the same parameters, one process after the other: on one node,
 * then on `P.nodes` nodes; writes both results into bench/results/hub<N>.json and prints the
 * ratios (N nodes / one node). Exits 1 unless both runs pass.
 */
function compare(): never {
  const self = fileURLToPath(import.meta.url);
  const date = new Date().toISOString();
  const runs = [1, P.nodes].map((n) => {
    const part = `hub${P.nodes}-part-${n}node${n > 1 ? 's' : ''}`;
    const args = [
      ...['--clients', String(P.clients), '--rooms', String(P.rooms), '--seconds', String(P.seconds)],
      ...['--churn', String(P.churnPerSecond), '--batch', String(P.batch), '--nodes', String(n)],
    ];
    console.log(`\n== hub benchmark on ${n} node${n > 1 ? 's' : ''} (${P.clients} clients, ${P.rooms} rooms)`);
    const env: NodeJS.ProcessEnv = { ...process.env, HUB_BENCH_RESULTS: part };
    delete env.HUB_BENCH_COMPARE;
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, ...args], { stdio: 'inherit', env });
    const file = `bench/results/${part}.json`;
    const result = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : null;
    rmSync(file, { force: true });
    return { nodes: n, exit: r.status ?? r.signal, result };
  });
  const [one, many] = runs as [(typeof runs)[0], (typeof runs)[0]];
  const pass = !!one.result?.pass && !!many.result?.pass;
  const combined = {
    name: `hub${P.nodes}`,
    date,
    sideBySide: true,
    note:
      'one invocation (--compare): the one-node run, then the multi-node run, one process after the other on the ' +
      'same machine with the same parameters',
    parameters: P,
    pass,
    oneNode: one.result,
    nodes: many.result,
    exits: runs.map((r) => ({ nodes: r.nodes, exit: r.exit })),
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/hub${P.nodes}.json`, JSON.stringify(combined, null, 2) + '\n');

  type Dist = { p50: number | null; p99: number | null };
  const figure = (r: Record<string, unknown> | null, path: string[]): number | null => {
    let x: unknown = r;
    for (const k of path) x = x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined;
    return typeof x === 'number' ? x : null;
  };
  const ratio = (a: number | null, b: number | null) => (a && b !== null ? (b / a).toFixed(2) : 'n/a');
  console.log(`\nhub on 1 node vs ${P.nodes} nodes, measured side by side (${P.nodes} nodes / 1 node):`);
  for (const [label, key] of [
    ['login', 'loginLatencyMs'],
    ['fan-out', 'fanoutLatencyMs'],
  ] as const)
    for (const p of ['p50', 'p99'] as (keyof Dist)[]) {
      const a = figure(one.result, [key, 'all', p]);
      const b = figure(many.result, [key, 'all', p]);
      console.log(`  ${`${label} ${p}`.padEnd(12)} ${a} ms → ${b} ms: ${ratio(a, b)}×`);
    }
  for (const r of runs)
    console.log(
      `  ${r.nodes} node${r.nodes > 1 ? 's' : ' '}  ${r.result?.pass ? 'PASS' : 'FAIL'}: signals lost ` +
        `${figure(r.result, ['correctness', 'signals', 'lost'])}, exit ${r.exit}`,
    );
  console.log(`  → bench/results/hub${P.nodes}.json`);
  process.exit(pass ? 0 : 1);
}
