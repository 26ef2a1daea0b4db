/**
 * Table-driven hostile input over a real WebSocket to a real server. Every row sends malformed,
 * oversized, unknown, out-of-order or cross-room frames and expects a ZEGO error code, in a
 * `reply` with the request's id or in an `error`. After every row: the server is still up, the
 * row's own connection still answers a heartbeat, and a pair of users in another room is
 * untouched (a publish still reaches the other, nothing of the bad room leaks to them).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { ZegoErrorCode as E } from '../../src/core/errors.js';

type Msg = Record<string, unknown> & { t: string };

/** A WebSocket client that records every message and can wait for one. */
class WsClient {
  readonly messages: Msg[] = [];
  private readonly waiters = new Set<() => void>();
  private nextId = 1000;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(
    readonly ws: WebSocket,
    readonly name: string,
  ) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as Msg);
      for (const w of [...this.waiters]) w();
    });
    this.closed = new Promise((done) => ws.once('close', (code, reason) => done({ code, reason: String(reason) })));
    ws.on('error', () => undefined);
  }

  static open(url: string, name: string): Promise<WsClient> {
    return new Promise((ok, fail) => {
      const ws = new WebSocket(url);
      const c = new WsClient(ws, name);
      ws.once('open', () => ok(c));
      ws.once('error', fail);
    });
  }

  /** Sends a raw frame: strings as text, Buffers as binary, anything else as JSON text. */
  frame(f: string | Buffer | object): void {
    if (typeof f === 'string') this.ws.send(f);
    else if (Buffer.isBuffer(f)) this.ws.send(f, { binary: true });
    else this.ws.send(JSON.stringify(f));
  }

  waitFor(pred: (m: Msg) => boolean, what: string, from = 0, timeout = 3000): Promise<Msg> {
    const find = () => this.messages.slice(from).find(pred);
    const hit = find();
    if (hit) return Promise.resolve(hit);
    return new Promise((ok, fail) => {
      const check = () => {
        const m = find();
        if (m) {
          clearTimeout(timer);
          this.waiters.delete(check);
          ok(m);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        fail(
          new Error(`${this.name}: timed out waiting for ${what}; got ${JSON.stringify(this.messages.slice(from))}`),
        );
      }, timeout);
      this.waiters.add(check);
    });
  }

  async request(obj: Record<string, unknown>): Promise<Msg> {
    const id = this.nextId++;
    this.frame({ ...obj, id });
    return this.waitFor((m) => m.t === 'reply' && m.id === id, `reply to ${String(obj.t)}#${id}`);
  }

  async ok(obj: Record<string, unknown>): Promise<Msg> {
    const r = await this.request(obj);
    assert.equal(r.ok, true, `${this.name}: ${String(obj.t)} failed: ${JSON.stringify(r)}`);
    return r;
  }

  /** A heartbeat round trip. */
  async hb(): Promise<void> {
    const from = this.messages.length;
    this.frame({ t: 'hb' });
    await this.waitFor((m) => m.t === 'hb', `${this.name}: hb`, from);
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await this.closed;
  }
}

let server: RunningServer;
const clients: WsClient[] = [];

async function tokenFor(userID: string, roomID: string): Promise<string> {
  const res = await fetch(
    `${server.url}/api/token?userID=${encodeURIComponent(userID)}&roomID=${encodeURIComponent(roomID)}`,
  );
  assert.equal(res.status, 200);
  return ((await res.json()) as { token: string }).token;
}

async function open(name: string): Promise<WsClient> {
  const c = await WsClient.open(server.wsURL, name);
  clients.push(c);
  return c;
}

async function loggedIn(name: string, roomID: string, userID: string): Promise<WsClient> {
  const c = await open(name);
  await c.ok({
    t: 'login',
    v: 1,
    roomID,
    token: await tokenFor(userID, roomID),
    user: { userID },
    config: { userUpdate: true },
  });
  return c;
}

const BAD_ROOM = 'bad-room';
const OBS_ROOM = 'observers';

/** What a row's frames may depend on. */
interface Ctx {
  userID: string;
  /** A valid token for `userID` in the bad room. */
  token: string;
  /** The row's own stream when it publishes. */
  streamID: string;
}

interface Row {
  name: string;
  state: 'connected' | 'loggedIn' | 'publishing';
  frames: (ctx: Ctx) => (string | Buffer | object)[];
  /** The ZEGO code expected, and the request id when it comes as a reply (else as an `error`). */
  code: number;
  id?: number;
}

const login = (
  ctx: Ctx,
  patch: Record<string, unknown> = {},
  user: Record<string, unknown> = { userID: ctx.userID },
) => ({
  t: 'login',
  v: 1,
  id: 1,
  roomID: BAD_ROOM,
  token: ctx.token,
  user,
  ...patch,
});

const rows: Row[] = [
  // ---- not a message at all ----
  { name: 'non-JSON text', state: 'connected', frames: () => ['{not json'], code: E.MESSAGE_INVALID },
  { name: 'JSON array', state: 'loggedIn', frames: () => ['[{"t":"hb"}]'], code: E.MESSAGE_INVALID },
  { name: 'JSON number', state: 'connected', frames: () => ['42'], code: E.MESSAGE_INVALID },
  { name: 'JSON null', state: 'loggedIn', frames: () => ['null'], code: E.MESSAGE_INVALID },
  { name: 'JSON string', state: 'connected', frames: () => ['"login"'], code: E.MESSAGE_INVALID },
  { name: 'missing t', state: 'loggedIn', frames: () => [{ id: 5, streamID: 'x' }], code: E.MESSAGE_INVALID },
  { name: 't is not a string', state: 'loggedIn', frames: () => [{ t: 7, id: 5 }], code: E.MESSAGE_INVALID },
  {
    name: 'unknown t with an id',
    state: 'loggedIn',
    frames: () => [{ t: 'dance', id: 5 }],
    code: E.MESSAGE_INVALID,
    id: 5,
  },
  { name: 'unknown t without an id', state: 'connected', frames: () => [{ t: '__proto__' }], code: E.MESSAGE_INVALID },
  {
    name: 'huge ASCII frame (> 64 KiB)',
    state: 'publishing',
    frames: () => [JSON.stringify({ t: 'broadcast', id: 5, message: 'x'.repeat(70 * 1024) })],
    code: E.MESSAGE_TOO_LONG,
  },
  {
    name: 'huge multibyte frame (> 64 KiB in UTF-8, < 64 Ki chars)',
    state: 'loggedIn',
    frames: () => [JSON.stringify({ t: 'hb', pad: '€'.repeat(30_000) })],
    code: E.MESSAGE_TOO_LONG,
  },
  {
    name: 'binary frame',
    state: 'loggedIn',
    frames: () => [Buffer.from(JSON.stringify({ t: 'hb' }))],
    code: E.MESSAGE_INVALID,
  },
  // ---- request ids ----
  {
    name: 'publish without id',
    state: 'loggedIn',
    frames: () => [{ t: 'publish', streamID: 'noid' }],
    code: E.MESSAGE_INVALID,
  },
  {
    name: 'negative id',
    state: 'loggedIn',
    frames: () => [{ t: 'publish', id: -1, streamID: 'neg' }],
    code: E.MESSAGE_INVALID,
  },
  { name: 'fractional id', state: 'loggedIn', frames: () => [{ t: 'logout', id: 1.5 }], code: E.MESSAGE_INVALID },
  { name: 'string id', state: 'connected', frames: (c) => [{ ...login(c), id: '1' }], code: E.MESSAGE_INVALID },
  // ---- login ----
  {
    name: 'wrong protocol version',
    state: 'connected',
    frames: (c) => [login(c, { v: 99 })],
    code: E.MESSAGE_INVALID,
    id: 1,
  },
  {
    name: 'missing protocol version',
    state: 'connected',
    frames: (c) => [login(c, { v: undefined })],
    code: E.MESSAGE_INVALID,
    id: 1,
  },
  {
    name: "roomID with '/'",
    state: 'connected',
    frames: (c) => [login(c, { roomID: 'a/b' })],
    code: E.ROOM_ID_ILLEGAL,
    id: 1,
  },
  {
    name: "roomID with ':'",
    state: 'connected',
    frames: (c) => [login(c, { roomID: 'a:b' })],
    code: E.ROOM_ID_ILLEGAL,
    id: 1,
  },
  {
    name: 'roomID too long (129)',
    state: 'connected',
    frames: (c) => [login(c, { roomID: 'r'.repeat(129) })],
    code: E.ROOM_ID_TOO_LONG,
    id: 1,
  },
  { name: 'roomID empty', state: 'connected', frames: (c) => [login(c, { roomID: '' })], code: E.ROOM_ID_EMPTY, id: 1 },
  {
    name: 'roomID a number',
    state: 'connected',
    frames: (c) => [login(c, { roomID: 12 })],
    code: E.ROOM_ID_EMPTY,
    id: 1,
  },
  {
    name: 'user not an object',
    state: 'connected',
    frames: (c) => [login(c, {}, 'alice' as unknown as Record<string, unknown>)],
    code: E.MESSAGE_INVALID,
    id: 1,
  },
  {
    name: 'empty userID',
    state: 'connected',
    frames: (c) => [login(c, {}, { userID: '' })],
    code: E.USER_ID_EMPTY,
    id: 1,
  },
  {
    name: 'userID too long (65)',
    state: 'connected',
    frames: (c) => [login(c, {}, { userID: 'u'.repeat(65) })],
    code: E.USER_ID_TOO_LONG,
    id: 1,
  },
  {
    name: 'userID with a space',
    state: 'connected',
    frames: (c) => [login(c, {}, { userID: 'a b' })],
    code: E.USER_ID_ILLEGAL,
    id: 1,
  },
  {
    name: 'userID with non-ASCII',
    state: 'connected',
    frames: (c) => [login(c, {}, { userID: 'zoë' })],
    code: E.USER_ID_ILLEGAL,
    id: 1,
  },
  {
    name: 'userName too long (257 bytes)',
    state: 'connected',
    frames: (c) => [login(c, {}, { userID: c.userID, userName: 'n'.repeat(257) })],
    code: E.USER_NAME_TOO_LONG,
    id: 1,
  },
  {
    name: 'userName not a string',
    state: 'connected',
    frames: (c) => [login(c, {}, { userID: c.userID, userName: { x: 1 } })],
    code: E.PARAM_INVALID,
    id: 1,
  },
  {
    name: 'missing token',
    state: 'connected',
    frames: (c) => [login(c, { token: undefined })],
    code: E.PARAM_INVALID,
    id: 1,
  },
  { name: 'empty token', state: 'connected', frames: (c) => [login(c, { token: '' })], code: E.PARAM_INVALID, id: 1 },
  {
    name: 'garbage token',
    state: 'connected',
    frames: (c) => [login(c, { token: '04!!garbage!!' })],
    code: E.TOKEN_ERROR,
    id: 1,
  },
  {
    name: 'token too long',
    state: 'connected',
    frames: (c) => [login(c, { token: '04' + 'A'.repeat(9000) })],
    code: E.TOKEN_ERROR,
    id: 1,
  },
  {
    name: "another user's token",
    state: 'connected',
    frames: (c) => [login(c, {}, { userID: 'neighbor' })],
    code: E.TOKEN_USER_MISMATCH,
    id: 1,
  },
  {
    name: 'token for another room',
    state: 'connected',
    frames: (c) => [login(c, { roomID: OBS_ROOM })],
    code: E.TOKEN_ERROR,
    id: 1,
  },
  {
    name: 'config.userUpdate not a boolean',
    state: 'connected',
    frames: (c) => [login(c, { config: { userUpdate: 'yes' } })],
    code: E.MESSAGE_INVALID,
    id: 1,
  },
  {
    name: 'config.maxMemberCount negative',
    state: 'connected',
    frames: (c) => [login(c, { config: { maxMemberCount: -1 } })],
    code: E.MESSAGE_INVALID,
    id: 1,
  },
  { name: 'login twice', state: 'loggedIn', frames: (c) => [login(c, { id: 9 })], code: E.ALREADY_IN_ROOM, id: 9 },
  {
    name: 'resume with an unknown session',
    state: 'connected',
    frames: () => [{ t: 'resume', v: 1, id: 3, session: 'deadbeef'.repeat(4) }],
    code: E.HEARTBEAT_TIMEOUT,
    id: 3,
  },
  {
    name: 'resume with a non-string session',
    state: 'connected',
    frames: () => [{ t: 'resume', v: 1, id: 3, session: { $ne: null } }],
    code: E.MESSAGE_INVALID,
    id: 3,
  },
  // ---- out of order ----
  {
    name: 'publish before login',
    state: 'connected',
    frames: () => [{ t: 'publish', id: 4, streamID: 'early' }],
    code: E.NOT_LOGGED_IN,
    id: 4,
  },
  {
    name: 'renew before login',
    state: 'connected',
    frames: (c) => [{ t: 'renew', id: 4, token: c.token }],
    code: E.NOT_LOGGED_IN,
    id: 4,
  },
  {
    name: 'signal before login (no id)',
    state: 'connected',
    frames: () => [{ t: 'signal', to: 'neighbor', streamID: 'nb-cam', data: { type: 'play' } }],
    code: E.NOT_LOGGED_IN,
  },
  {
    name: 'renew with a garbage token',
    state: 'loggedIn',
    frames: () => [{ t: 'renew', id: 4, token: 'nope' }],
    code: E.TOKEN_ERROR,
    id: 4,
  },
  // ---- publish ----
  {
    name: 'streamID with illegal chars',
    state: 'loggedIn',
    frames: () => [{ t: 'publish', id: 6, streamID: 'a.b' }],
    code: E.STREAM_ID_ILLEGAL,
    id: 6,
  },
  {
    name: 'streamID with a slash',
    state: 'loggedIn',
    frames: () => [{ t: 'publish', id: 6, streamID: '../x' }],
    code: E.STREAM_ID_ILLEGAL,
    id: 6,
  },
  {
    name: 'empty streamID',
    state: 'loggedIn',
    frames: () => [{ t: 'publish', id: 6, streamID: '' }],
    code: E.STREAM_ID_EMPTY,
    id: 6,
  },
  {
    name: 'streamID too long (257)',
    state: 'loggedIn',
    frames: () => [{ t: 'publish', id: 6, streamID: 's'.repeat(257) }],
    code: E.STREAM_ID_TOO_LONG,
    id: 6,
  },
  {
    name: 'extraInfo too long (1025)',
    state: 'loggedIn',
    frames: () => [{ t: 'publish', id: 6, streamID: 'ok', extraInfo: 'e'.repeat(1025) }],
    code: E.MESSAGE_TOO_LONG,
    id: 6,
  },
  {
    name: 'camera not OPEN/MUTE',
    state: 'loggedIn',
    frames: () => [{ t: 'publish', id: 6, streamID: 'ok', camera: 'ON' }],
    code: E.MESSAGE_INVALID,
    id: 6,
  },
  {
    name: "publish the neighbor's streamID",
    state: 'loggedIn',
    frames: () => [{ t: 'publish', id: 6, streamID: 'nb-cam' }],
    code: E.STREAM_ID_EXISTS,
    id: 6,
  },
  {
    name: "unpublish someone else's stream",
    state: 'publishing',
    frames: () => [{ t: 'unpublish', id: 6, streamID: 'nb-cam' }],
    code: E.STREAM_NOT_FOUND,
    id: 6,
  },
  {
    name: "unpublish another room's stream",
    state: 'publishing',
    frames: () => [{ t: 'unpublish', id: 6, streamID: 'obs-live' }],
    code: E.STREAM_NOT_FOUND,
    id: 6,
  },
  {
    name: "media on someone else's stream",
    state: 'publishing',
    frames: () => [{ t: 'media', id: 6, streamID: 'nb-cam', camera: 'MUTE' }],
    code: E.STREAM_NOT_FOUND,
    id: 6,
  },
  {
    name: 'media with neither camera nor mic',
    state: 'publishing',
    frames: (c) => [{ t: 'media', id: 6, streamID: c.streamID }],
    code: E.MESSAGE_INVALID,
    id: 6,
  },
  // ---- signals ----
  {
    name: 'signal to a user in another room',
    state: 'publishing',
    frames: (c) => [{ t: 'signal', id: 7, to: 'obs-a', streamID: c.streamID, data: { type: 'offer', sdp: 'v=0' } }],
    code: E.PARAM_INVALID,
    id: 7,
  },
  {
    name: "signal about another room's stream",
    state: 'loggedIn',
    frames: () => [{ t: 'signal', id: 7, to: 'neighbor', streamID: 'obs-live', data: { type: 'play' } }],
    code: E.STREAM_NOT_FOUND,
    id: 7,
  },
  {
    name: 'signal to self',
    state: 'publishing',
    frames: (c) => [{ t: 'signal', id: 7, to: c.userID, streamID: c.streamID, data: { type: 'play' } }],
    code: E.PARAM_INVALID,
    id: 7,
  },
  {
    name: 'signal to an unknown user',
    state: 'publishing',
    frames: (c) => [{ t: 'signal', id: 7, to: 'ghost', streamID: c.streamID, data: { type: 'play' } }],
    code: E.PARAM_INVALID,
    id: 7,
  },
  {
    name: 'signal with an unknown data type',
    state: 'loggedIn',
    frames: () => [{ t: 'signal', id: 7, to: 'neighbor', streamID: 'nb-cam', data: { type: 'exec' } }],
    code: E.MESSAGE_INVALID,
    id: 7,
  },
  {
    name: 'signal with data not an object',
    state: 'loggedIn',
    frames: () => [{ t: 'signal', to: 'neighbor', streamID: 'nb-cam', data: 'play' }],
    code: E.MESSAGE_INVALID,
  },
  {
    name: 'offer with empty sdp',
    state: 'loggedIn',
    frames: () => [{ t: 'signal', id: 7, to: 'neighbor', streamID: 'nb-cam', data: { type: 'offer', sdp: '' } }],
    code: E.MESSAGE_INVALID,
    id: 7,
  },
  {
    name: 'oversized sdp (33 KiB)',
    state: 'loggedIn',
    frames: () => [
      { t: 'signal', id: 7, to: 'neighbor', streamID: 'nb-cam', data: { type: 'answer', sdp: 'a'.repeat(33 * 1024) } },
    ],
    code: E.MESSAGE_INVALID,
    id: 7,
  },
  {
    name: 'candidate of the wrong shape',
    state: 'loggedIn',
    frames: () => [
      { t: 'signal', id: 7, to: 'neighbor', streamID: 'nb-cam', data: { type: 'candidate', candidate: 5 } },
    ],
    code: E.MESSAGE_INVALID,
    id: 7,
  },
  {
    name: 'signal with a bad target userID',
    state: 'loggedIn',
    frames: () => [{ t: 'signal', id: 7, to: 'a/b', streamID: 'nb-cam', data: { type: 'play' } }],
    code: E.USER_ID_ILLEGAL,
    id: 7,
  },
  // ---- messages ----
  {
    name: 'broadcast > 1024 bytes',
    state: 'loggedIn',
    frames: () => [{ t: 'broadcast', id: 8, message: 'é'.repeat(513) }],
    code: E.MESSAGE_TOO_LONG,
    id: 8,
  },
  {
    name: 'empty broadcast',
    state: 'loggedIn',
    frames: () => [{ t: 'broadcast', id: 8, message: '' }],
    code: E.MESSAGE_INVALID,
    id: 8,
  },
  {
    name: 'command with user list not an array',
    state: 'loggedIn',
    frames: () => [{ t: 'command', id: 8, command: 'x', to: 'neighbor' }],
    code: E.MESSAGE_INVALID,
    id: 8,
  },
  {
    name: 'command with an illegal userID in the list',
    state: 'loggedIn',
    frames: () => [{ t: 'command', id: 8, command: 'x', to: ['neighbor', 'a/b'] }],
    code: E.USER_ID_ILLEGAL,
    id: 8,
  },
  {
    name: 'command with an empty userID in the list',
    state: 'loggedIn',
    frames: () => [{ t: 'command', id: 8, command: 'x', to: [''] }],
    code: E.USER_ID_EMPTY,
    id: 8,
  },
  {
    name: 'command to too many users',
    state: 'loggedIn',
    frames: () => [{ t: 'command', id: 8, command: 'x', to: Array.from({ length: 300 }, (_, i) => `u${i}`) }],
    code: E.MESSAGE_INVALID,
    id: 8,
  },
];

describe('bad input over a real WebSocket', () => {
  let obsA: WsClient;
  let obsB: WsClient;
  let neighbor: WsClient;

  before(async () => {
    server = await startServer({ port: 0, log: () => {}, hub: { heartbeatTimeout: 60_000 } });
    obsA = await loggedIn('obs-a', OBS_ROOM, 'obs-a');
    obsB = await loggedIn('obs-b', OBS_ROOM, 'obs-b');
    await obsA.ok({ t: 'publish', streamID: 'obs-live' });
    neighbor = await loggedIn('neighbor', BAD_ROOM, 'neighbor');
    await neighbor.ok({ t: 'publish', streamID: 'nb-cam' });
    await obsB.waitFor((m) => m.t === 'streams' && m.type === 'ADD', 'obs-live ADD');
  });

  after(async () => {
    for (const c of clients) c.ws.terminate();
    await server?.close();
  });

  it(`has at least 30 rows (${rows.length})`, () => {
    assert.ok(rows.length >= 30);
    assert.equal(new Set(rows.map((r) => r.name)).size, rows.length, 'row names are unique');
  });

  rows.forEach((row, i) => {
    it(`${row.name} → ${row.code}${row.id === undefined ? ' (error)' : ' (reply)'}`, async () => {
      const userID = `row${i}`;
      const ctx: Ctx = { userID, token: await tokenFor(userID, BAD_ROOM), streamID: `row${i}-cam` };
      const c = await open(userID);
      if (row.state !== 'connected') {
        await c.ok({
          t: 'login',
          v: 1,
          roomID: BAD_ROOM,
          token: ctx.token,
          user: { userID },
          config: { userUpdate: true },
        });
        if (row.state === 'publishing') await c.ok({ t: 'publish', streamID: ctx.streamID });
      }
      const obsMark = [obsA.messages.length, obsB.messages.length];
      const nbMark = neighbor.messages.length;
      const from = c.messages.length;

      for (const f of row.frames(ctx)) c.frame(f);
      const got = await c.waitFor(
        (m) => (row.id === undefined ? m.t === 'error' : m.t === 'reply' && m.id === row.id),
        row.id === undefined ? 'an error' : `reply #${row.id}`,
        from,
      );
      if (row.id !== undefined) assert.equal(got.ok, false, JSON.stringify(got));
      assert.equal(got.code, row.code, `got ${JSON.stringify(got).slice(0, 300)}`);
      assert.equal(typeof got.msg, 'string');
      assert.ok((got.msg as string).length > 0 && (got.msg as string).length < 300, 'a short reason');

      // The bad connection itself survives and still answers.
      await c.hb();
      assert.equal(c.ws.readyState, WebSocket.OPEN);
      assert.equal(c.messages.filter((m) => m.t === 'kicked').length, 0);

      // Nothing of it reached the neighbor: no signal, command, broadcast, stream change, or login.
      await neighbor.hb();
      const nbNew = neighbor.messages.slice(nbMark).filter((m) => m.t !== 'hb' && m.t !== 'count');
      assert.deepEqual(nbNew, [], `the neighbor got ${JSON.stringify(nbNew).slice(0, 300)}`);
      assert.deepEqual(
        server.hub
          .roomView(BAD_ROOM)
          .streams.map((s) => s.streamID)
          .sort(),
        (row.state === 'publishing' ? [ctx.streamID, 'nb-cam'] : ['nb-cam']).sort(),
      );

      // The server is up and the other room is unaffected.
      const health = await fetch(`${server.url}/api/health`);
      assert.equal(health.status, 200);
      assert.equal(((await health.json()) as { ok: boolean }).ok, true);
      const streamID = `obs-${i}`;
      const bMark = obsB.messages.length;
      await obsA.ok({ t: 'publish', streamID });
      await obsB.waitFor(
        (m) => m.t === 'streams' && m.type === 'ADD' && (m.streams as { streamID: string }[])[0]?.streamID === streamID,
        `ADD ${streamID}`,
        bMark,
      );
      await obsA.ok({ t: 'unpublish', streamID });
      await obsB.waitFor(
        (m) => m.t === 'streams' && m.type === 'DELETE' && m.reason === 1,
        `DELETE ${streamID}`,
        bMark,
      );
      await obsB.hb();
      const leaked = [...obsA.messages.slice(obsMark[0]), ...obsB.messages.slice(obsMark[1])].filter(
        (m) =>
          !['reply', 'hb'].includes(m.t) &&
          !(m.t === 'streams' && (m.streams as { streamID: string }[]).every((s) => s.streamID === streamID)),
      );
      assert.deepEqual(leaked, [], 'the observers got something they should not have');

      // Leave cleanly.
      if (c.messages.some((m) => m.t === 'reply' && m.ok === true && 'session' in m)) await c.ok({ t: 'logout' });
      await c.close();
      assert.ok(!server.hub.roomView(BAD_ROOM).users.some((u) => u.userID === userID), 'the row user is gone');
    });
  });

  it('after all rows: the room holds only the neighbor, the observers hold only their own stream', () => {
    assert.deepEqual(
      server.hub.roomView(BAD_ROOM).users.map((u) => u.userID),
      ['neighbor'],
    );
    assert.deepEqual(
      server.hub.roomView(OBS_ROOM).streams.map((s) => s.streamID),
      ['obs-live'],
    );
    assert.deepEqual(server.hub.stats(), { connections: 3, rooms: 2, users: 3, streams: 2 });
  });
});
