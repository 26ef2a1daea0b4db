/**
 * Seeded, deterministic generators of hostile input for the signalling server, shared by the Node
 * fuzz test (`test/node/fuzz.test.ts`) and the fuzz benchmark (`bench/fuzz.ts`): raw HTTP requests
 * (malformed request lines, header floods, bad upgrade handshakes, random bytes) and WebSocket
 * frames (random bytes, random JSON, every client message of `src/hub/protocol.ts` valid and
 * mutated, oversized frames, bursts). One seed and one case number give the same bytes again.
 */
import { ID_LIMITS, byteLength } from '../../../src/hub/ids.js';

/** mulberry32: a small seeded PRNG; `fork(n)` gives case `n` its own stream, so a case replays alone. */
export class Rng {
  private state: number;
  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }
  /** The generator of case `n` under this seed. */
  fork(n: number): Rng {
    return new Rng(Math.imul(this.seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n + 1, 0xc2b2ae35));
  }
  /** [0, 1) */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
  /** A length, mostly small, now and then large: up to `max`. */
  size(max: number): number {
    const r = this.next();
    return r < 0.7 ? this.int(Math.min(max, 16) + 1) : r < 0.95 ? this.int(Math.min(max, 512) + 1) : this.int(max + 1);
  }
}

// ---------------------------------------------------------------- strings and JSON

const UNICODE = [
  '€',
  '中文',
  '😀',
  '👩‍👩‍👧',
  'é',
  'אבג',
  '\u0000',
  '\u2028',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\u202e',
  '\\',
  '"',
  '\n',
  '%00',
  '../',
];
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

/** A short string: ASCII, unicode (lone surrogates, NUL, RTL marks), or a prototype key. */
export function randomString(rng: Rng, max = 64): string {
  const r = rng.next();
  if (r < 0.15) return rng.pick(PROTO_KEYS);
  let s = '';
  const n = rng.size(max);
  while (s.length < n)
    s += rng.chance(0.3) ? rng.pick(UNICODE) : String.fromCharCode(32 + rng.int(95)).repeat(rng.chance(0.1) ? 8 : 1);
  return s;
}

/** Any JSON value, nested up to `depth`. */
export function randomJSON(rng: Rng, depth = 3): unknown {
  switch (rng.int(depth > 0 ? 9 : 7)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -1, 1.5, 2 ** 53, -(2 ** 53) - 2, 1e308, -0, 4294967296, rng.int(1000)]);
    case 3:
    case 4:
      return randomString(rng);
    case 5:
      return '';
    case 6:
      return rng.pick(PROTO_KEYS);
    case 7:
      return Array.from({ length: rng.size(8) }, () => randomJSON(rng, depth - 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = rng.size(6); i > 0; i--)
        setOwn(o, rng.chance(0.3) ? rng.pick(PROTO_KEYS) : randomString(rng, 12), randomJSON(rng, depth - 1));
      return o;
    }
  }
}

/** Sets an own, enumerable property, even `__proto__`, so that JSON.stringify writes it. */
function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

// ---------------------------------------------------------------- WebSocket frames

/** Who a fuzz connection is, for frames that could be valid. */
export interface FrameContext {
  roomID: string;
  userID: string;
  /** A token for `userID` in `roomID`, or a bogus one for a connection meant to stay logged out. */
  token: string;
  /** Another user in the room, and a stream ID of it, for signals and commands. */
  otherUserID: string;
  otherStreamID: string;
  /** Its own session ID once logged in (resumes only ever name it). */
  session?: string;
  /** The next request id; frames take fresh ids from it. */
  nextId: number;
}

/** One frame to send, and what the server must do with it. */
export interface Frame {
  /** What generated it, for a failure report. */
  kind: string;
  data: string | Buffer;
  /** A request id the server must answer exactly once (a well-formed object under the size limit carrying it). */
  expectReply?: number;
  /** Bigger than the server's frame limit: the server closes the connection (1009). */
  closes?: boolean;
}

/** The server's limits the generators aim at and around (`startServer` and `HubOptions` defaults). */
export const LIMITS = { maxMessageBytes: 64 * 1024, maxPayload: 1024 * 1024 };

const SIGNALS = (rng: Rng): Record<string, unknown> =>
  rng.pick([
    { type: 'play', video: true, audio: rng.chance(0.5) },
    { type: 'offer', sdp: `v=0\r\no=- ${rng.int(1e9)} 2 IN IP4 127.0.0.1\r\n` },
    { type: 'answer', sdp: 'v=0\r\n' },
    { type: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0' } },
    { type: 'candidate', candidate: null },
    { type: 'stop' },
  ]);

/** A valid client message of each type in protocol.ts, for `ctx`. */
const VALID: Record<string, (rng: Rng, ctx: FrameContext) => Record<string, unknown>> = {
  login: (rng, c) => ({
    t: 'login',
    v: 1,
    roomID: c.roomID,
    token: c.token,
    user: rng.chance(0.5) ? { userID: c.userID } : { userID: c.userID, userName: randomString(rng, 40) },
    config: { userUpdate: rng.chance(0.5), maxMemberCount: 1 + rng.int(50) },
  }),
  resume: (_rng, c) => ({ t: 'resume', v: 1, session: c.session ?? '0'.repeat(32) }),
  logout: () => ({ t: 'logout' }),
  publish: (rng, c) => ({
    t: 'publish',
    streamID: `${c.userID}-s${rng.int(6)}`,
    extraInfo: randomString(rng, 100),
    camera: rng.pick(['OPEN', 'MUTE']),
    mic: rng.pick(['OPEN', 'MUTE']),
  }),
  unpublish: (rng, c) => ({ t: 'unpublish', streamID: `${c.userID}-s${rng.int(6)}` }),
  media: (rng, c) => ({ t: 'media', streamID: `${c.userID}-s${rng.int(6)}`, camera: rng.pick(['OPEN', 'MUTE']) }),
  signal: (rng, c) => ({ t: 'signal', to: c.otherUserID, streamID: c.otherStreamID, data: SIGNALS(rng) }),
  renew: (_rng, c) => ({ t: 'renew', token: c.token }),
  broadcast: (rng) => ({ t: 'broadcast', message: randomString(rng, 200) || 'hi' }),
  command: (rng, c) => ({
    t: 'command',
    command: randomString(rng, 200) || 'x',
    to: rng.chance(0.5) ? [] : [c.otherUserID],
  }),
  hb: () => ({ t: 'hb' }),
};
export const MESSAGE_TYPES = Object.keys(VALID);

/** Changes one thing in `o` (or in an object nested in it): drops a field, gives one a wrong type, a huge or unicode string, a prototype key. */
function mutate(rng: Rng, o: Record<string, unknown>): void {
  const nested = Object.values(o).filter(
    (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
  );
  const target = nested.length && rng.chance(0.3) ? rng.pick(nested) : o;
  const keys = Object.keys(target);
  const key = keys.length && rng.chance(0.8) ? rng.pick(keys) : randomString(rng, 12);
  switch (rng.int(7)) {
    case 0:
      delete target[key];
      return;
    case 1:
    case 2:
      // Never another valid id: a reply is expected by id.
      setOwn(target, key, key === 'id' ? rng.pick(['1', -1, 1.5, null, 2 ** 53, [], {}]) : randomJSON(rng));
      return;
    case 3:
      setOwn(target, key, 'x'.repeat(rng.pick([ID_LIMITS.userID + 1, ID_LIMITS.message + 1, 32 * 1024 + 1, 40_000])));
      return;
    case 4:
      setOwn(target, key, randomString(rng, 80) + rng.pick(UNICODE));
      return;
    case 5:
      setOwn(target, rng.pick(PROTO_KEYS), randomJSON(rng, 2));
      return;
    default:
      if (target === o) o.t = rng.pick([...PROTO_KEYS, ...MESSAGE_TYPES, 'HB', 'login ', '']);
      else setOwn(target, key, randomJSON(rng, 1));
  }
}

/** What the server must answer to `text`: the id of a request it must reply to exactly once. */
function replyExpected(text: string): number | undefined {
  if (byteLength(text) > LIMITS.maxMessageBytes) return undefined;
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return undefined;
  const { t, id } = m as { t?: unknown; id?: unknown };
  if (typeof t !== 'string' || t === 'hb') return undefined;
  return Number.isSafeInteger(id) && (id as number) >= 0 ? (id as number) : undefined;
}

const text = (kind: string, data: string): Frame => {
  const f: Frame = { kind, data };
  const id = replyExpected(data);
  if (id !== undefined) f.expectReply = id;
  if (byteLength(data) > LIMITS.maxPayload) f.closes = true;
  return f;
};

/** One frame of a random kind; `ctx.nextId` advances for each request. */
export function randomFrame(rng: Rng, ctx: FrameContext): Frame {
  const r = rng.next();
  if (r < 0.05) return { kind: 'binary', data: rng.bytes(rng.size(2048)) };
  if (r < 0.1) return text('text', randomString(rng, 300));
  if (r < 0.2) return text('json', JSON.stringify(randomJSON(rng, 4)) ?? 'null');
  if (r < 0.22) {
    // Deep nesting: a parser that recurses could overflow its stack.
    const depth = 1000 + rng.int(20_000);
    return text('deep', '['.repeat(depth) + ']'.repeat(depth));
  }
  if (r < 0.24) {
    const big = LIMITS.maxMessageBytes + 1 + rng.int(LIMITS.maxPayload - LIMITS.maxMessageBytes);
    return text('too-long', JSON.stringify({ t: 'broadcast', id: ctx.nextId++, message: 'x'.repeat(big) }));
  }
  if (r < 0.245) return text('oversized', JSON.stringify({ t: 'hb', pad: 'x'.repeat(LIMITS.maxPayload + 1) }));
  const type = rng.pick(MESSAGE_TYPES);
  const m = VALID[type]!(rng, ctx);
  if (type !== 'hb') m.id = ctx.nextId++;
  const mutations = r < 0.35 ? 0 : 1 + rng.int(3);
  for (let i = 0; i < mutations; i++) mutate(rng, m);
  let data = JSON.stringify(m);
  // A duplicated key: JSON.parse keeps the last one.
  if (mutations && rng.chance(0.1)) data = `${data.slice(0, -1)},"t":${JSON.stringify(rng.pick(MESSAGE_TYPES))}}`;
  return text(mutations ? `mutated ${type}` : `valid ${type}`, data);
}

/** A batch of `n` frames; a quarter of batches repeat one frame as a burst. */
export function randomFrames(rng: Rng, ctx: FrameContext, n: number): Frame[] {
  if (!rng.chance(0.25)) return Array.from({ length: n }, () => randomFrame(rng, ctx));
  const one = randomFrame(rng, ctx);
  const id = one.expectReply;
  if (id === undefined || typeof one.data !== 'string') return Array.from({ length: n }, () => one);
  // Each copy of a request carries its own id, so that each reply can be counted.
  const data = one.data;
  return [
    one,
    ...Array.from({ length: n - 1 }, () => text(one.kind, data.replace(`"id":${id}`, `"id":${ctx.nextId++}`))),
  ];
}

// ---------------------------------------------------------------- raw HTTP

/** One raw TCP case: bytes sent as written, and how. */
export interface TcpCase {
  kind: string;
  /** Written in these chunks. */
  chunks: Buffer[];
  /** After writing: half-close (`end`) or reset (RST) the connection. */
  then: 'end' | 'reset';
}

const METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'OPTIONS',
  'PATCH',
  'TRACE',
  'CONNECT',
  'PRI',
  'get',
  'G ET',
  'GE\u0000T',
  '',
  'FOO',
  'X'.repeat(300),
];
const TARGETS = [
  '/',
  '/api/health',
  '/api/token?userID=fuzz&roomID=r',
  '/api/token?userID=%E0%A4%A&roomID=%00',
  '/ws',
  '/ws?x=1',
  '//[',
  '*',
  'http://localhost/ws',
  'http://[::1',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/../../package.json',
  '/%E0%A4%A.js',
  '/a b',
  '/\u00e9',
  '',
  '/' + 'a'.repeat(9000),
  '/?' + 'q=1&'.repeat(3000),
];
const VERSIONS = [
  'HTTP/1.1',
  'HTTP/1.0',
  'HTTP/2.0',
  'HTTP/0.9',
  'HTTP/1.1x',
  'http/1.1',
  'HTTP/9.9',
  '',
  'HTTP/1.1 extra',
];
const EOLS = ['\r\n', '\r\n', '\r\n', '\n', '\r', '\r\r\n'];
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

function header(rng: Rng): string {
  switch (rng.int(8)) {
    case 0:
      return `${randomString(rng, 20)}: ${randomString(rng, 60)}`;
    case 1:
      return `X-Fuzz: ${'v'.repeat(rng.pick([100, 8000, 17000, 70000]))}`;
    case 2:
      return rng.pick([
        'Content-Length: -1',
        'Content-Length: 99999999999999999999',
        'Content-Length: 5\r\nContent-Length: 6',
        'Content-Length: abc',
        'Transfer-Encoding: chunked',
        'Transfer-Encoding: gzip, chunked\r\nContent-Length: 3',
      ]);
    case 3:
      return rng.pick([
        'no colon here',
        ': empty name',
        'Bad Name: x',
        'Na\u0000me: x',
        ' folded: x',
        'Host: a\r\nHost: b',
        'Origin: http://localhost:1/\u00ff',
        'Origin: null',
      ]);
    case 4:
      return `X-Ctl: a\u0001b\u007f`;
    case 5:
      return 'Connection: keep-alive, Upgrade';
    case 6:
      return `Cookie: ${'c=1; '.repeat(rng.int(4000))}`;
    default:
      return 'Host: localhost';
  }
}

function requestLine(rng: Rng): string {
  return `${rng.pick(METHODS)} ${rng.pick(TARGETS)}${rng.chance(0.9) ? ' ' + rng.pick(VERSIONS) : ''}`;
}

function upgradeHandshake(rng: Rng): string[] {
  const h: Record<string, string | undefined> = {
    Host: 'localhost',
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': KEY,
  };
  for (let i = rng.int(3); i >= 0; i--) {
    const k = rng.pick([...Object.keys(h), 'Sec-WebSocket-Protocol', 'Sec-WebSocket-Extensions', 'Origin']);
    h[k] = rng.pick([
      undefined,
      '',
      'websocket',
      'h2c',
      '8',
      '14',
      'abc',
      'dGhlIHNhbXBsZQ==',
      'not base64!!!!!!!!!!!!==',
      'permessage-deflate; client_max_window_bits=99',
      'permessage-deflate; server_no_context_takeover; server_no_context_takeover',
      'a, b,, "c"',
      'x'.repeat(9000),
      randomString(rng, 40),
    ]);
  }
  return Object.entries(h)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`);
}

/** One raw TCP case of a random kind. */
export function randomTcpCase(rng: Rng): TcpCase {
  const eol = rng.chance(0.8) ? '\r\n' : rng.pick(EOLS);
  let kind: string;
  let lines: string[];
  let tail: Buffer = Buffer.alloc(0);
  const r = rng.next();
  if (r < 0.25) {
    kind = 'request-line';
    lines = [requestLine(rng), 'Host: localhost'];
  } else if (r < 0.45) {
    kind = 'headers';
    lines = [`GET ${rng.pick(TARGETS)} HTTP/1.1`, ...Array.from({ length: rng.size(2000) }, () => header(rng))];
  } else if (r < 0.75) {
    kind = 'upgrade';
    lines = [
      `${rng.chance(0.85) ? 'GET' : rng.pick(METHODS)} ${rng.chance(0.7) ? '/ws' : rng.pick(TARGETS)} HTTP/1.1`,
      ...upgradeHandshake(rng),
    ];
    // Bytes after the handshake: the start of WebSocket frames, or junk.
    if (rng.chance(0.4)) tail = rng.bytes(rng.size(4096));
  } else if (r < 0.85) {
    kind = 'pipelined';
    lines = ['GET /api/health HTTP/1.1', 'Host: localhost', '', requestLine(rng), header(rng)];
  } else {
    kind = 'bytes';
    lines = [];
    tail = rng.bytes(1 + rng.size(8192));
  }
  const head = lines.length ? Buffer.from(lines.join(eol) + eol + eol, 'latin1') : Buffer.alloc(0);
  // Now and then the request is cut short.
  let all: Buffer = Buffer.concat([head, tail]);
  if (rng.chance(0.1)) all = all.subarray(0, rng.int(all.length));
  const chunks: Buffer[] = [];
  for (let at = 0; at < all.length;) {
    const n = rng.chance(0.7) ? all.length - at : 1 + rng.int(Math.min(64, all.length - at));
    chunks.push(all.subarray(at, at + n));
    at += n;
  }
  return { kind, chunks, then: rng.chance(0.15) ? 'reset' : 'end' };
}
