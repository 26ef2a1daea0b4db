/**
 * What the fuzz test and the fuzz benchmark run the generators of `fuzz.ts` with: the real server
 * in a child process (`bench/hub-server.ts`, dev mode), two legitimate users exchanging signals in
 * their own room, fuzz WebSocket connections that check every answer, and raw TCP cases. Every
 * problem is a line that names the seed and the case, so that it can be replayed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { WebSocket } from 'ws';
import { ZegoErrorCode } from '../../../src/core/errors.js';
import type { ChildMessage, ChildRequest, ChildStats } from '../../../bench/hub-server.js';
import { Rng, randomFrames, type Frame, type FrameContext, type TcpCase } from './fuzz.js';

type Msg = Record<string, unknown> & { t: string };

/** Resolves when `check` holds, re-checked on every `poke`; rejects after `ms` with `what`. */
function until(check: () => boolean, pokes: Set<() => void>, what: () => string, ms: number): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((ok, fail) => {
    const poke = () => {
      if (!check()) return;
      clearTimeout(timer);
      pokes.delete(poke);
      ok();
    };
    const timer = setTimeout(() => {
      pokes.delete(poke);
      fail(new Error(`timed out after ${ms} ms waiting for ${what()}`));
    }, ms);
    pokes.add(poke);
  });
}

// ---------------------------------------------------------------- the server child

/** The real server in a child process, so that "it never exits" is checked honestly. */
export class ServerChild {
  readonly url: string;
  readonly wsURL: string;
  /** Lines the server logged: each is a throw a guard caught, a bug. */
  readonly logged: string[] = [];
  exited: string | undefined;
  /** The cases in flight, named in `exited` if it dies. */
  readonly running = new Set<string>();
  private seq = 0;
  private readonly replies = new Map<number, (m: ChildMessage) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.wsURL = `ws://127.0.0.1:${port}/ws`;
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'log') this.logged.push(m.line);
      else if (m.type !== 'ready') this.replies.get(m.id)?.(m);
    });
    child.on('exit', (code, signal) => {
      this.exited = `the server exited (code ${code}, signal ${signal})`;
      if (this.running.size) this.exited += ` while ${[...this.running].join(', ')} ran`;
    });
  }

  /** Starts it with these hub options. */
  static start(hub: Record<string, number>): Promise<ServerChild> {
    const script = fileURLToPath(new URL('../../../bench/hub-server.ts', import.meta.url));
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, HUB_BENCH_HUB: JSON.stringify(hub), HUB_BENCH_SECRET: '' },
    });
    return new Promise((ok, fail) => {
      child.once('exit', (code) => fail(new Error(`the server child exited at start (${code})`)));
      child.on('message', (m: ChildMessage) => {
        if (m.type === 'ready') ok(new ServerChild(child, m.port));
      });
    });
  }

  /** Its memory and the hub's counts; `gc` collects garbage first. */
  stats(gc = false): Promise<ChildStats> {
    const id = ++this.seq;
    const req: ChildRequest = { type: 'stats', id, gc };
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(this.exited ?? 'the server child did not answer stats')), 30_000);
      this.replies.set(id, (m) => {
        clearTimeout(timer);
        this.replies.delete(id);
        ok(m as ChildStats);
      });
      this.child.send(req);
    });
  }

  /** `/api/health` answers 200 with `ok: true`, and the process is alive. */
  async healthy(): Promise<boolean> {
    if (this.exited) return false;
    const res = await fetch(`${this.url}/api/health`);
    return res.status === 200 && ((await res.json()) as { ok?: boolean }).ok === true;
  }

  async token(userID: string, roomID: string): Promise<string> {
    const res = await fetch(`${this.url}/api/token?userID=${userID}&roomID=${roomID}`);
    return ((await res.json()) as { token: string }).token;
  }

  stop(): void {
    this.child.kill();
  }
}

/** A WebSocket client that records what it gets and can wait for a condition on it. */
export class Client {
  readonly messages: Msg[] = [];
  readonly pokes = new Set<() => void>();
  closedWith: number | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as Msg);
      for (const p of [...this.pokes]) p();
    });
    ws.on('close', (code) => {
      this.closedWith = code;
      for (const p of [...this.pokes]) p();
    });
    ws.on('error', () => undefined);
  }

  static open(url: string): Promise<Client> {
    return new Promise((ok, fail) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.once('open', () => ok(new Client(ws)));
      ws.once('error', fail);
    });
  }

  until(check: () => boolean, what: () => string, ms = 20_000): Promise<void> {
    return until(() => check() || this.closedWith !== undefined, this.pokes, what, ms).then(() => {
      if (!check()) throw new Error(`the server closed the connection (${this.closedWith}) before ${what()}`);
    });
  }

  /** Sends a request and resolves with its reply. */
  async request(m: Record<string, unknown>, id: number): Promise<Msg> {
    this.ws.send(JSON.stringify({ ...m, id }));
    const reply = () => this.messages.find((r) => r.t === 'reply' && r.id === id);
    await this.until(
      () => reply() !== undefined,
      () => `the reply to ${String(m.t)} #${id}`,
    );
    return reply()!;
  }
}

// ---------------------------------------------------------------- the legitimate users

/**
 * Two users in their own room: `alice` publishes `alice-cam`, `bob` plays it; they send each other
 * numbered signals every `intervalMs` (each numbered signal is an offer or answer carrying its
 * number) and check that each arrives exactly once, in order, unchanged, and that nothing else does.
 */
export class LegitPair {
  /** Signal delivery times, ms. */
  readonly latencies: number[] = [];
  private readonly sent: [number[], number[]] = [[], []];
  private readonly got: [number, number] = [0, 0];
  private readonly problems: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private nextId = 1;

  private constructor(
    readonly alice: Client,
    readonly bob: Client,
  ) {}

  static async start(server: ServerChild, roomID: string): Promise<LegitPair> {
    const [alice, bob] = await Promise.all([Client.open(server.wsURL), Client.open(server.wsURL)]);
    const pair = new LegitPair(alice, bob);
    for (const [c, userID] of [
      [alice, 'alice'],
      [bob, 'bob'],
    ] as const) {
      const r = await c.request(
        { t: 'login', v: 1, roomID, token: await server.token(userID, roomID), user: { userID } },
        pair.nextId++,
      );
      if (r.ok !== true) throw new Error(`${userID} could not log in: ${JSON.stringify(r)}`);
    }
    const pub = await alice.request({ t: 'publish', streamID: 'alice-cam' }, pair.nextId++);
    if (pub.ok !== true) throw new Error(`alice could not publish: ${JSON.stringify(pub)}`);
    await bob.until(
      () => bob.messages.some((m) => m.t === 'streams' && m.type === 'ADD'),
      () => 'alice-cam ADD at bob',
    );
    pair.watch(0, alice.messages.length);
    pair.watch(1, bob.messages.length);
    return pair;
  }

  /** From here on, `side` may get only replies to its requests, heartbeats and the other's signals. */
  private watch(side: 0 | 1, from: number): void {
    const me = side ? this.bob : this.alice;
    const peer = side ? 'alice' : 'bob';
    const check = () => {
      for (; from < me.messages.length; from++) {
        const m = me.messages[from]!;
        if (m.t === 'reply' && m.ok === true) continue;
        if (m.t === 'signal' && m.from === peer && m.streamID === 'alice-cam') {
          const data = m.data as { type: string; sdp: string };
          const n = this.got[side]++;
          const expected = { type: n % 2 ? 'answer' : 'offer', sdp: `seq ${n}` };
          if (!isDeepStrictEqual(data, expected))
            this.problems.push(
              `${side ? 'bob' : 'alice'} got signal ${JSON.stringify(data)}, expected ${JSON.stringify(expected)}`,
            );
          const at = this.sent[1 - side]![n];
          if (at !== undefined) this.latencies.push(performance.now() - at);
          continue;
        }
        this.problems.push(`${side ? 'bob' : 'alice'} got an unexpected ${JSON.stringify(m).slice(0, 300)}`);
      }
    };
    me.pokes.add(check);
    check();
  }

  /** Starts the exchange. */
  run(intervalMs: number): void {
    this.timer = setInterval(() => {
      for (const side of [0, 1] as const) {
        const [me, to] = side ? [this.bob, 'alice'] : [this.alice, 'bob'];
        const n = this.sent[side].length;
        this.sent[side].push(performance.now());
        if (me.ws.readyState === WebSocket.OPEN)
          me.ws.send(
            JSON.stringify({
              t: 'signal',
              id: this.nextId++,
              to,
              streamID: 'alice-cam',
              data: { type: n % 2 ? 'answer' : 'offer', sdp: `seq ${n}` },
            }),
          );
      }
    }, intervalMs);
  }

  /** Waits until every signal sent so far has arrived; resolves with the problems seen (none if all is well). */
  async settle(): Promise<string[]> {
    const want: [number, number] = [this.sent[1].length, this.sent[0].length];
    try {
      await Promise.all(
        ([0, 1] as const).map((side) =>
          (side ? this.bob : this.alice).until(
            () => this.got[side] >= want[side],
            () => `${side ? 'bob' : 'alice'} to get ${want[side]} signals (got ${this.got[side]})`,
          ),
        ),
      );
    } catch (err) {
      this.problems.push(String(err));
    }
    for (const c of [this.alice, this.bob])
      if (c.closedWith !== undefined) this.problems.push(`a legitimate client was closed (${c.closedWith})`);
    return this.problems.splice(0);
  }

  /** Signals sent, both ways. */
  get signalCount(): number {
    return this.sent[0].length + this.sent[1].length;
  }

  stop(): void {
    clearInterval(this.timer);
    this.alice.ws.terminate();
    this.bob.ws.terminate();
  }
}

// ---------------------------------------------------------------- fuzz connections

const CODES = new Set<unknown>(Object.values(ZegoErrorCode));

/**
 * One fuzz WebSocket connection: sends batches of frames, then a barrier request, and checks that
 * every request the server must answer got exactly one reply, every error carries a known ZEGO
 * code and no internal failure ('request failed'), and the connection is closed only by a frame
 * over the size limit. It reconnects after such a close.
 */
export class FuzzConn {
  private client!: Client;
  private readonly ctx: FrameContext;

  constructor(
    private readonly server: ServerChild,
    readonly name: string,
    ctx: Omit<FrameContext, 'nextId'>,
    /** Log in at (re)connection. */
    private readonly logIn: boolean,
  ) {
    this.ctx = { ...ctx, nextId: 1 };
  }

  async connect(): Promise<void> {
    this.client = await Client.open(this.server.wsURL);
    if (!this.logIn) return;
    const r = await this.client.request(
      { t: 'login', v: 1, roomID: this.ctx.roomID, token: this.ctx.token, user: { userID: this.ctx.userID } },
      this.ctx.nextId++,
    );
    // After a reconnection the room may refuse it (fuzz frames may have made it anew with a smaller
    // member limit): it carries on logged out.
    if (r.ok === true) this.ctx.session = r.session as string;
    else if (!this.ctx.session) throw new Error(`${this.name} could not log in: ${JSON.stringify(r)}`);
  }

  /** Sends `n` frames from `rng`, then checks the answers; resolves with the problems found, each starting with `label`. */
  async batch(rng: Rng, n: number, label: string): Promise<{ frames: number; problems: string[] }> {
    const all = randomFrames(rng, this.ctx, n);
    // Nothing is answered after a frame over the size limit: it goes last.
    const cut = all.findIndex((f) => f.closes);
    const frames = cut < 0 ? all : all.slice(0, cut + 1);
    const c = this.client;
    const from = c.messages.length;
    this.server.running.add(label);
    for (const f of frames) c.ws.send(f.data, { binary: Buffer.isBuffer(f.data) });
    const problems: string[] = [];
    const where = (f: Frame | undefined) => `${label}${f ? ` (${f.kind}: ${String(f.data).slice(0, 160)})` : ''}`;
    if (cut >= 0) {
      await c
        .until(
          () => false,
          () => '',
        )
        .catch(() => undefined);
      if (c.closedWith !== 1009) problems.push(`${where(frames[cut])}: closed with ${c.closedWith}, expected 1009`);
    } else {
      const barrier = this.ctx.nextId++;
      try {
        await c.request({ t: 'sync' }, barrier);
      } catch (err) {
        problems.push(`${where(undefined)}: ${String(err)}`);
      }
      const replies = new Map<unknown, number>();
      for (const m of c.messages.slice(from)) if (m.t === 'reply') replies.set(m.id, (replies.get(m.id) ?? 0) + 1);
      for (const f of frames)
        if (f.expectReply !== undefined && replies.get(f.expectReply) !== 1)
          problems.push(`${where(f)}: ${replies.get(f.expectReply) ?? 0} replies to #${f.expectReply}, expected 1`);
    }
    for (const m of c.messages.slice(from)) {
      if (m.t !== 'error' && !(m.t === 'reply' && m.ok === false)) continue;
      if (!CODES.has(m.code) || m.msg === 'request failed' || typeof m.msg !== 'string')
        problems.push(
          `${where(frames.find((f) => f.expectReply !== undefined && f.expectReply === m.id))}: a wrong answer ${JSON.stringify(m).slice(0, 300)}`,
        );
    }
    this.server.running.delete(label);
    if (c.closedWith !== undefined && !this.server.exited) await this.connect();
    return { frames: frames.length, problems };
  }

  close(): void {
    this.client.ws.terminate();
  }
}

/**
 * Four fuzz connections in `roomID`: fz1 and fz2 logged in (each signals the other), fz3 with no
 * valid token (it stays logged out), fz4 with a valid token but logged out until a frame logs it in.
 */
export async function fuzzConns(server: ServerChild, roomID: string): Promise<FuzzConn[]> {
  const users = ['fz1', 'fz2', 'fz3', 'fz4'];
  const tokens = await Promise.all(users.map((u) => server.token(u, roomID)));
  const conns = users.map((userID, i) => {
    const other = users[(i + 1) % 2]!;
    const token = userID === 'fz3' ? 'not-a-token' : tokens[i]!;
    return new FuzzConn(
      server,
      userID,
      { roomID, userID, token, otherUserID: other, otherStreamID: `${other}-s0` },
      i < 2,
    );
  });
  for (const c of conns) await c.connect();
  return conns;
}

/**
 * Sends `frames` frames over `conns`, `batch` per connection at a time, all in parallel; calls
 * `after` with the problems of each round. Batch `b` of connection `i` is case `b × conns + i`.
 */
export async function fuzzFrames(
  conns: FuzzConn[],
  seed: number,
  frames: number,
  batch: number,
  after: (label: string, problems: string[], round: number) => Promise<void>,
): Promise<number> {
  const root = new Rng(seed);
  let sent = 0;
  for (let b = 0; sent < frames; b++) {
    const results = await Promise.all(
      conns.map((c, i) => c.batch(root.fork(b * conns.length + i), batch, `seed ${seed} ws batch ${b} ${c.name}`)),
    );
    sent += results.reduce((n, r) => n + r.frames, 0);
    await after(
      `seed ${seed} ws batch ${b}`,
      results.flatMap((r) => r.problems),
      b,
    );
  }
  return sent;
}

// ---------------------------------------------------------------- raw TCP

/**
 * Statuses the server may answer a raw request with (403: an upgrade with an `Origin` that is not
 * allowed); anything else (a 5xx, say) is a problem.
 */
const STATUSES = /^HTTP\/1\.1 (101|200|400|403|404|405|408|431) /;

/**
 * Runs one raw TCP case; resolves with a problem, or undefined. The server must answer with an
 * expected status (or nothing) and close the connection once the client half-closes.
 */
export function tcpCase(port: number, c: TcpCase, label: string, ms = 20_000): Promise<string | undefined> {
  return new Promise((done) => {
    let got = Buffer.alloc(0);
    const socket = connect(port, '127.0.0.1', async () => {
      for (const chunk of c.chunks) if (!socket.destroyed) await new Promise((ok) => socket.write(chunk, ok));
      if (c.then === 'reset') socket.resetAndDestroy();
      else socket.end();
    });
    const timer = setTimeout(() => {
      socket.destroy();
      done(`${label} (${c.kind}): the server kept the connection open for ${ms} ms`);
    }, ms);
    socket.on('data', (d: Buffer) => (got = Buffer.concat([got, d])));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const line = got.subarray(0, got.indexOf('\r\n') < 0 ? got.length : got.indexOf('\r\n')).toString('latin1');
      const sent = Buffer.concat(c.chunks).subarray(0, 200).toString('latin1');
      done(
        got.length && !STATUSES.test(line + ' ')
          ? `${label} (${c.kind}): answered ${JSON.stringify(line)} to ${JSON.stringify(sent)}`
          : undefined,
      );
    });
  });
}

/** Runs `cases` raw TCP cases, `parallel` at a time; resolves with the problems. */
export async function tcpCases(
  server: ServerChild,
  seed: number,
  first: number,
  cases: number,
  parallel: number,
  make: (rng: Rng) => TcpCase,
): Promise<string[]> {
  const problems: string[] = [];
  const root = new Rng(seed);
  let next = first;
  const worker = async () => {
    while (next < first + cases && !server.exited) {
      const label = `seed ${seed} tcp case ${next++}`;
      server.running.add(label);
      const p = await tcpCase(server.port, make(root.fork(next - 1)), label);
      server.running.delete(label);
      if (p) problems.push(p);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return server.exited ? [server.exited, ...problems] : problems;
}
