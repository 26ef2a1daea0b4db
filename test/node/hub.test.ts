/**
 * The hub driven directly (no I/O): fake peers record what the hub sends, a fake clock drives
 * heartbeats and token expiry. Every assertion is something an engine (and so a user) would see.
 */
import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { Hub, type HubClient, type HubOptions, type HubPeer } from '../../src/hub/hub.js';
import type { ServerMessage, WireStream } from '../../src/hub/protocol.js';
import { generateToken04 } from '../../src/hub/token04.js';
import { ZegoErrorCode } from '../../src/core/errors.js';
import { StreamDeleteReason } from '../../src/core/engine.js';

const APP_ID = 424242;
const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const T0 = 1_700_000_000_000;

type Msg = ServerMessage & Record<string, unknown>;

/** A fake clock in ms, shared by a hub and the tests. */
class Clock {
  t = T0;
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
  seconds(): number {
    return Math.floor(this.t / 1000);
  }
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Waits (real time, 5 s at most: token checks run on WebCrypto's thread pool) until `find` returns something. */
async function waitFor<T>(find: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const v = find();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await tick();
  }
}

/** One connection to the hub with a peer that records everything. */
class TestClient implements HubPeer {
  readonly messages: Msg[] = [];
  closed: { code: number; reason: string } | undefined;
  readonly client: HubClient;
  private nextId = 1;
  session = '';

  constructor(
    readonly hub: Hub,
    readonly name = 'client',
  ) {
    this.client = hub.connect(this);
  }

  send(message: ServerMessage): void {
    this.messages.push(message as Msg);
  }
  close(code: number, reason: string): void {
    this.closed = { code, reason };
  }

  raw(obj: unknown): void {
    this.client.receive(typeof obj === 'string' ? obj : JSON.stringify(obj));
  }

  /** Sends a request with a fresh id and resolves to the hub's reply to it. */
  async request(obj: Record<string, unknown>): Promise<Msg> {
    const id = this.nextId++;
    this.raw({ ...obj, id });
    return waitFor(
      () => this.messages.find((m) => m.t === 'reply' && m.id === id),
      `${this.name}: reply to ${String(obj.t)}`,
    );
  }

  /** Request that must succeed. */
  async ok(obj: Record<string, unknown>): Promise<Msg> {
    const r = await this.request(obj);
    assert.equal(r.ok, true, `${this.name}: ${String(obj.t)} failed: ${JSON.stringify(r)}`);
    return r;
  }

  /** Request that must fail with `code`. */
  async fails(obj: Record<string, unknown>, code: number): Promise<Msg> {
    const r = await this.request(obj);
    assert.equal(r.ok, false, `${this.name}: ${String(obj.t)} should fail with ${code}`);
    assert.equal(r.code, code, `${this.name}: ${String(obj.t)}: ${String(r.msg)}`);
    return r;
  }

  async login(
    roomID: string,
    userID: string,
    opts: { userUpdate?: boolean; token?: string; userName?: string } = {},
  ): Promise<Msg> {
    const r = await this.ok(loginMsg(roomID, userID, opts));
    this.session = r.session as string;
    return r;
  }

  /** Sends a heartbeat and waits for the echo (which also proves earlier frames were handled). */
  async hb(): Promise<void> {
    const before = this.messages.filter((m) => m.t === 'hb').length;
    this.raw({ t: 'hb' });
    await waitFor(
      () => (this.messages.filter((m) => m.t === 'hb').length > before ? true : undefined),
      `${this.name}: hb`,
    );
  }

  of(t: string): Msg[] {
    return this.messages.filter((m) => m.t === t);
  }
  streams(type?: 'ADD' | 'DELETE'): Msg[] {
    return this.of('streams').filter((m) => type === undefined || m.type === type);
  }
  users(type?: 'ADD' | 'DELETE'): Msg[] {
    return this.of('users').filter((m) => type === undefined || m.type === type);
  }
  clear(): void {
    this.messages.length = 0;
  }
  disconnect(): void {
    this.client.disconnect();
  }
}

function loginMsg(
  roomID: string,
  userID: string,
  opts: { userUpdate?: boolean; token?: string; userName?: string } = {},
) {
  return {
    t: 'login',
    v: 1,
    roomID,
    token: opts.token ?? 'dev-token',
    user: opts.userName === undefined ? { userID } : { userID, userName: opts.userName },
    config: { userUpdate: opts.userUpdate ?? true },
  };
}

const streamIDs = (m: Msg): string[] => (m.streams as WireStream[]).map((s) => s.streamID).sort();
const userIDs = (m: Msg): string[] => (m.users as { userID: string }[]).map((u) => u.userID).sort();

let clock: Clock;
const makeHub = (o: HubOptions = {}): Hub => new Hub({ now: clock.now, ...o });

beforeEach(() => {
  clock = new Clock();
});

describe('hub: login, users and streams (ZEGO semantics)', () => {
  it('login reply lists existing users and streams, never yourself', async () => {
    const hub = makeHub();
    const a = new TestClient(hub, 'a');
    const first = await a.login('r1', 'alice', { userName: 'Alice' });
    assert.deepEqual(first.users, []);
    assert.deepEqual(first.streams, []);
    assert.equal(typeof first.session, 'string');
    assert.ok((first.session as string).length >= 16);
    assert.equal(first.heartbeatInterval, hub.options.heartbeatInterval);
    await a.ok({ t: 'publish', streamID: 'alice-cam', extraInfo: 'hello' });

    const b = new TestClient(hub, 'b');
    const r = await b.login('r1', 'bob');
    assert.deepEqual(userIDs(r), ['alice']);
    assert.deepEqual((r.users as { userName?: string }[])[0]!.userName, 'Alice');
    assert.deepEqual(streamIDs(r), ['alice-cam']);
    assert.equal((r.streams as WireStream[])[0]!.extraInfo, 'hello');
    assert.equal((r.streams as WireStream[])[0]!.user.userID, 'alice');

    await b.ok({ t: 'publish', streamID: 'bob-cam' });
    const c = new TestClient(hub, 'c');
    const rc = await c.login('r1', 'carol');
    assert.deepEqual(userIDs(rc), ['alice', 'bob']);
    assert.deepEqual(streamIDs(rc), ['alice-cam', 'bob-cam']);
    // Nobody's own user or stream ever appears in their own updates.
    for (const [cl, me] of [
      [a, 'alice'],
      [b, 'bob'],
      [c, 'carol'],
    ] as const) {
      for (const m of cl.users()) assert.ok(!userIDs(m).includes(me), `${me} was told about itself`);
      for (const m of cl.streams()) assert.ok(!(m.streams as WireStream[]).some((s) => s.user.userID === me));
    }
    assert.deepEqual(a.users('ADD').map(userIDs), [['bob'], ['carol']]);
    assert.deepEqual(a.streams('ADD').map(streamIDs), [['bob-cam']]);
  });

  it('users ADD reaches only those who logged in with userUpdate: true', async () => {
    const hub = makeHub();
    const watcher = new TestClient(hub, 'watcher');
    await watcher.login('r', 'w', { userUpdate: true });
    const quiet = new TestClient(hub, 'quiet');
    await quiet.login('r', 'q', { userUpdate: false });
    assert.deepEqual(watcher.users('ADD').map(userIDs), [['q']]);
    const c = new TestClient(hub, 'c');
    await c.login('r', 'c', { userUpdate: true });
    assert.deepEqual(watcher.users('ADD').map(userIDs), [['q'], ['c']]);
    assert.equal(quiet.users().length, 0, 'userUpdate false: no roomUserUpdate');
    assert.equal(c.users().length, 0, 'a new user is not told about itself');
    // Stream updates do not depend on userUpdate.
    await c.ok({ t: 'publish', streamID: 'c1' });
    assert.deepEqual(quiet.streams('ADD').map(streamIDs), [['c1']]);
  });

  it('publish → others get streams ADD, the publisher never does; unpublish → DELETE with reason 1', async () => {
    const hub = makeHub();
    const a = new TestClient(hub, 'a');
    const b = new TestClient(hub, 'b');
    const other = new TestClient(hub, 'other');
    await a.login('r', 'alice');
    await b.login('r', 'bob');
    await other.login('elsewhere', 'olga');
    await a.ok({ t: 'publish', streamID: 's1', extraInfo: 'x', camera: 'MUTE' });
    const [add] = b.streams('ADD');
    assert.ok(add);
    assert.deepEqual(add.streams, [
      { streamID: 's1', user: { userID: 'alice' }, extraInfo: 'x', camera: 'MUTE', mic: 'OPEN' },
    ]);
    assert.equal(a.streams().length, 0, 'publisher must not get its own stream');
    assert.equal(other.streams().length, 0, 'another room must not see the stream');
    assert.equal(hub.stats().streams, 1);

    await a.ok({ t: 'unpublish', streamID: 's1' });
    const [del] = b.streams('DELETE');
    assert.ok(del);
    assert.deepEqual(streamIDs(del), ['s1']);
    assert.equal(del.reason, StreamDeleteReason.STOPPED);
    assert.equal(a.streams().length, 0);
    assert.equal(other.streams().length, 0);
    assert.equal(hub.stats().streams, 0);
    // The stream ID is free again.
    await b.ok({ t: 'publish', streamID: 's1' });
  });

  it('publishing a streamID that exists in the room fails with 1003028 (its own publisher asking again is a no-op); another room may use it', async () => {
    const hub = makeHub();
    const a = new TestClient(hub, 'a');
    const b = new TestClient(hub, 'b');
    const c = new TestClient(hub, 'c');
    await a.login('r', 'alice');
    await b.login('r', 'bob');
    await c.login('r2', 'carol');
    await a.ok({ t: 'publish', streamID: 'main' });
    await b.fails({ t: 'publish', streamID: 'main' }, ZegoErrorCode.STREAM_ID_EXISTS);
    await a.ok({ t: 'publish', streamID: 'main' });
    assert.equal(b.streams().length, 1, 'asking again announced nothing new');
    await c.ok({ t: 'publish', streamID: 'main' });
    assert.deepEqual(
      hub.roomView('r').streams.map((s) => s.user.userID),
      ['alice'],
    );
    assert.equal(a.streams().length, 0, 'the failed publish announced nothing');
  });

  it('a second login with the same userID kicks the first (1002050) and deletes its streams with reason 3', async () => {
    const hub = makeHub();
    const first = new TestClient(hub, 'first');
    const watcher = new TestClient(hub, 'watcher');
    await first.login('r', 'alice');
    await watcher.login('r', 'w');
    await first.ok({ t: 'publish', streamID: 'a1' });
    await first.ok({ t: 'publish', streamID: 'a2' });
    watcher.clear();

    const second = new TestClient(hub, 'second');
    const r = await second.login('r', 'alice');
    assert.deepEqual(userIDs(r), ['w']);
    assert.deepEqual(r.streams, [], 'the old session’s streams are gone');
    const kicked = first.of('kicked');
    assert.equal(kicked.length, 1);
    assert.equal(kicked[0]!.code, ZegoErrorCode.KICKED_DUPLICATE_LOGIN);
    assert.ok(first.closed, 'the kicked connection is closed');
    const del = watcher.streams('DELETE');
    assert.equal(del.length, 1);
    assert.deepEqual(streamIDs(del[0]!), ['a1', 'a2']);
    assert.equal(del[0]!.reason, StreamDeleteReason.REPEATED_LOGIN);
    // The user never left from the others' point of view.
    assert.equal(watcher.users().length, 0);
    assert.deepEqual(
      hub
        .roomView('r')
        .users.map((u) => u.userID)
        .sort(),
      ['alice', 'w'],
    );
    // The kicked connection can do nothing any more; the new one can.
    first.raw({ t: 'publish', id: 99, streamID: 'late' });
    await tick();
    assert.equal(first.of('reply').filter((m) => m.id === 99).length, 0);
    await second.ok({ t: 'publish', streamID: 'a1' });
    assert.deepEqual(watcher.streams('ADD').map(streamIDs), [['a1']]);
  });

  it('re-login of the only user keeps the room: a later user sees them', async () => {
    const hub = makeHub();
    const first = new TestClient(hub, 'first');
    await first.login('solo', 'alice');
    const second = new TestClient(hub, 'second');
    await second.login('solo', 'alice');
    await second.ok({ t: 'publish', streamID: 'alice-cam' });
    const bob = new TestClient(hub, 'bob');
    const r = await bob.login('solo', 'bob');
    assert.deepEqual(userIDs(r), ['alice'], 'bob must see alice, who re-logged in before he came');
    assert.deepEqual(streamIDs(r), ['alice-cam']);
    assert.equal(hub.stats().rooms, 1);
    await bob.ok({ t: 'publish', streamID: 'bob-cam' });
    assert.deepEqual(second.streams('ADD').map(streamIDs), [['bob-cam']]);
  });

  it('logout → users DELETE and streams DELETE (reason 1); the connection can log in again', async () => {
    const hub = makeHub();
    const a = new TestClient(hub, 'a');
    const b = new TestClient(hub, 'b');
    await a.login('r', 'alice');
    await b.login('r', 'bob');
    await a.ok({ t: 'publish', streamID: 'a1' });
    b.clear();
    await a.ok({ t: 'logout' });
    assert.deepEqual(b.users('DELETE').map(userIDs), [['alice']]);
    const del = b.streams('DELETE');
    assert.deepEqual(del.map(streamIDs), [['a1']]);
    assert.equal(del[0]!.reason, StreamDeleteReason.STOPPED);
    await a.fails({ t: 'publish', streamID: 'a2' }, ZegoErrorCode.NOT_LOGGED_IN);
    await a.login('r', 'alice');
    assert.deepEqual(b.users('ADD').map(userIDs), [['alice']]);
  });

  it('publish before login → 1000002; login twice → 1002001', async () => {
    const hub = makeHub();
    const a = new TestClient(hub, 'a');
    await a.fails({ t: 'publish', streamID: 's' }, ZegoErrorCode.NOT_LOGGED_IN);
    await a.fails({ t: 'logout' }, ZegoErrorCode.NOT_LOGGED_IN);
    a.raw({ t: 'signal', to: 'x', streamID: 's', data: { type: 'stop' } });
    await a.hb();
    assert.equal(a.of('error').at(-1)?.code, ZegoErrorCode.NOT_LOGGED_IN);
    await a.login('r', 'alice');
    await a.fails(loginMsg('r', 'alice'), ZegoErrorCode.ALREADY_IN_ROOM);
    await a.fails(loginMsg('r2', 'alice2'), ZegoErrorCode.ALREADY_IN_ROOM);
    assert.equal(hub.stats().users, 1);
    assert.equal(hub.stats().rooms, 1, 'the refused login created no room');
  });

  it('maxMessageBytes counts UTF-8 bytes: a frame of few characters but too many bytes is refused', async () => {
    const hub = makeHub({ maxMessageBytes: 1000 });
    const a = new TestClient(hub, 'a');
    await a.login('r', 'alice');
    const b = new TestClient(hub, 'b');
    await b.login('r', 'bob');
    // 300 × '€' = 900 bytes: fits.
    await a.ok({ t: 'broadcast', message: '€'.repeat(300) });
    assert.equal(b.of('broadcast').length, 1);
    // 400 characters, 1200+ bytes: refused before parsing, nothing relayed.
    a.raw(JSON.stringify({ t: 'broadcast', id: 77, message: '€'.repeat(400) }));
    await a.hb();
    assert.equal(a.of('error').at(-1)?.code, ZegoErrorCode.MESSAGE_TOO_LONG);
    assert.equal(a.of('reply').filter((m) => m.id === 77).length, 0);
    assert.equal(b.of('broadcast').length, 1);
    // An ASCII frame over the limit too.
    a.raw(JSON.stringify({ t: 'hb', pad: 'x'.repeat(1000) }));
    await a.hb();
    assert.equal(a.of('error').length, 2);
  });

  it('room limits: maxUsersPerRoom → 1002034 (a re-login of a member still works); maxMemberCount', async () => {
    const hub = makeHub({ maxUsersPerRoom: 2 });
    const a = new TestClient(hub, 'a');
    const b = new TestClient(hub, 'b');
    const c = new TestClient(hub, 'c');
    await a.login('r', 'alice');
    await b.login('r', 'bob');
    await c.fails(loginMsg('r', 'carol'), ZegoErrorCode.ROOM_FULL);
    assert.equal(a.users('ADD').length, 1, 'alice heard only of bob');
    await c.login('r-other', 'carol');
    const b2 = new TestClient(hub, 'b2');
    await b2.login('r', 'bob');
    assert.equal(b.of('kicked')[0]?.code, ZegoErrorCode.KICKED_DUPLICATE_LOGIN);

    const hub2 = makeHub();
    const x = new TestClient(hub2, 'x');
    await x.ok({ ...loginMsg('small', 'x'), config: { maxMemberCount: 1 } });
    const y = new TestClient(hub2, 'y');
    await y.fails(loginMsg('small', 'y'), ZegoErrorCode.ROOM_FULL);
  });
});

describe('hub: signals and media', () => {
  async function room(hub: Hub) {
    const pub = new TestClient(hub, 'pub');
    const player = new TestClient(hub, 'player');
    const third = new TestClient(hub, 'third');
    const stranger = new TestClient(hub, 'stranger');
    await pub.login('r', 'pub');
    await player.login('r', 'player');
    await third.login('r', 'third');
    await stranger.login('other', 'stranger');
    await pub.ok({ t: 'publish', streamID: 'cam' });
    await stranger.ok({ t: 'publish', streamID: 'scam' });
    for (const c of [pub, player, third, stranger]) c.clear();
    return { pub, player, third, stranger };
  }

  it('relays play/offer/answer/candidate between a stream’s publisher and a player of the same room', async () => {
    const hub = makeHub();
    const { pub, player, third, stranger } = await room(hub);
    await player.ok({ t: 'signal', to: 'pub', streamID: 'cam', data: { type: 'play', video: true, audio: true } });
    assert.deepEqual(pub.of('signal'), [
      { t: 'signal', from: 'player', streamID: 'cam', data: { type: 'play', video: true, audio: true } },
    ]);
    await pub.ok({ t: 'signal', to: 'player', streamID: 'cam', data: { type: 'offer', sdp: 'v=0 offer' } });
    await player.ok({ t: 'signal', to: 'pub', streamID: 'cam', data: { type: 'answer', sdp: 'v=0 answer' } });
    pub.raw({
      t: 'signal',
      to: 'player',
      streamID: 'cam',
      data: { type: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 1.2.3.4 5 typ host' } },
    });
    pub.raw({ t: 'signal', to: 'player', streamID: 'cam', data: { type: 'candidate', candidate: null } });
    await pub.hb();
    assert.deepEqual(
      player.of('signal').map((m) => (m.data as { type: string }).type),
      ['offer', 'candidate', 'candidate'],
    );
    assert.equal((player.of('signal')[0]!.data as { sdp: string }).sdp, 'v=0 offer');
    assert.deepEqual(
      pub.of('signal').map((m) => (m.data as { type: string }).type),
      ['play', 'answer'],
    );
    assert.equal(third.of('signal').length, 0, 'a third user sees nothing of the negotiation');
    assert.equal(stranger.of('signal').length, 0);
  });

  it('relays view (a player shows the video, small or not, or not at all) to the publisher; a view without booleans is refused', async () => {
    const hub = makeHub();
    const { pub, player } = await room(hub);
    await player.ok({ t: 'signal', to: 'pub', streamID: 'cam', data: { type: 'view', video: false } });
    await player.ok({ t: 'signal', to: 'pub', streamID: 'cam', data: { type: 'view', video: true } });
    await player.ok({ t: 'signal', to: 'pub', streamID: 'cam', data: { type: 'view', video: true, small: true } });
    assert.deepEqual(
      pub.of('signal').map((m) => m.data),
      [
        { type: 'view', video: false },
        { type: 'view', video: true },
        { type: 'view', video: true, small: true },
      ],
    );
    const notSmall = await player.request({
      t: 'signal',
      to: 'pub',
      streamID: 'cam',
      data: { type: 'view', video: true, small: 'yes' },
    });
    assert.equal(notSmall.code, 1102011);
    assert.match(notSmall.msg as string, /view\.small must be a boolean/);
    const refused = await player.request({
      t: 'signal',
      to: 'pub',
      streamID: 'cam',
      data: { type: 'view', video: 'no' },
    });
    assert.equal(refused.code, 1102011);
    assert.match(refused.msg as string, /view\.video must be a boolean/);
  });

  it('refuses signals across rooms, to unknown users, to yourself and about unrelated streams', async () => {
    const hub = makeHub();
    const { pub, player, third, stranger } = await room(hub);
    // To a user in another room (even about that room's own stream).
    await player.fails(
      { t: 'signal', to: 'stranger', streamID: 'scam', data: { type: 'play' } },
      ZegoErrorCode.PARAM_INVALID,
    );
    await stranger.fails(
      { t: 'signal', to: 'pub', streamID: 'cam', data: { type: 'play' } },
      ZegoErrorCode.PARAM_INVALID,
    );
    // Unknown user, yourself.
    await player.fails(
      { t: 'signal', to: 'nobody', streamID: 'cam', data: { type: 'play' } },
      ZegoErrorCode.PARAM_INVALID,
    );
    await pub.fails({ t: 'signal', to: 'pub', streamID: 'cam', data: { type: 'stop' } }, ZegoErrorCode.PARAM_INVALID);
    // A stream of another room, an unknown stream.
    await player.fails(
      { t: 'signal', to: 'pub', streamID: 'scam', data: { type: 'play' } },
      ZegoErrorCode.STREAM_NOT_FOUND,
    );
    await player.fails(
      { t: 'signal', to: 'pub', streamID: 'nope', data: { type: 'play' } },
      ZegoErrorCode.STREAM_NOT_FOUND,
    );
    // Neither end publishes the stream.
    await player.fails(
      { t: 'signal', to: 'third', streamID: 'cam', data: { type: 'offer', sdp: 'x' } },
      ZegoErrorCode.PARAM_INVALID,
    );
    // Without an id the refusal comes as an `error`.
    player.raw({ t: 'signal', to: 'third', streamID: 'cam', data: { type: 'stop' } });
    await player.hb();
    assert.equal(player.of('error').at(-1)?.code, ZegoErrorCode.PARAM_INVALID);
    for (const c of [pub, third, stranger]) assert.equal(c.of('signal').length, 0, `${c.name} received a signal`);
  });

  it('media (camera/mic MUTE) reaches the others and later joiners; only the publisher may change it', async () => {
    const hub = makeHub();
    const { pub, player, third, stranger } = await room(hub);
    pub.raw({ t: 'media', streamID: 'cam', camera: 'MUTE' });
    await pub.hb();
    assert.deepEqual(player.of('media'), [{ t: 'media', streamID: 'cam', camera: 'MUTE', mic: 'OPEN' }]);
    await pub.ok({ t: 'media', streamID: 'cam', mic: 'MUTE' });
    assert.deepEqual(third.of('media').at(-1), { t: 'media', streamID: 'cam', camera: 'MUTE', mic: 'MUTE' });
    assert.equal(pub.of('media').length, 0);
    assert.equal(stranger.of('media').length, 0);
    await player.fails({ t: 'media', streamID: 'cam', camera: 'OPEN' }, ZegoErrorCode.STREAM_NOT_FOUND);
    const late = new TestClient(hub, 'late');
    const r = await late.login('r', 'late');
    const cam = (r.streams as WireStream[]).find((s) => s.streamID === 'cam');
    assert.deepEqual([cam?.camera, cam?.mic], ['MUTE', 'MUTE']);
  });

  it('broadcast and custom commands reach the room, not other rooms', async () => {
    const hub = makeHub();
    const { pub, player, third, stranger } = await room(hub);
    const r = await pub.ok({ t: 'broadcast', message: 'hi all' });
    assert.equal(typeof r.messageID, 'number');
    for (const c of [player, third]) {
      const [b] = c.of('broadcast');
      assert.equal(b?.message, 'hi all');
      assert.equal((b?.from as { userID: string }).userID, 'pub');
      assert.equal(b?.messageID, r.messageID);
    }
    assert.equal(pub.of('broadcast').length, 0);
    assert.equal(stranger.of('broadcast').length, 0);
    await pub.ok({ t: 'command', command: 'raise-hand', to: ['third', 'stranger'] });
    assert.equal(third.of('command').length, 1);
    assert.equal(player.of('command').length, 0);
    assert.equal(stranger.of('command').length, 0, 'a command never crosses rooms');
  });
});

describe('hub: heartbeats, disconnects, resume', () => {
  it('a silent session is dropped after the timeout: streams DELETE reason 2, users DELETE, kicked 1102001', async () => {
    const hub = makeHub({ heartbeatTimeout: 10_000 });
    const silent = new TestClient(hub, 'silent');
    const alive = new TestClient(hub, 'alive');
    await silent.login('r', 'silent');
    await alive.login('r', 'alive');
    await silent.ok({ t: 'publish', streamID: 'sil' });
    alive.clear();

    clock.advance(6_000);
    await alive.hb();
    hub.sweep();
    clock.advance(3_000); // silent: 9 s
    hub.sweep();
    assert.equal(alive.streams().length + alive.users().length, 0, 'not yet timed out');
    clock.advance(2_000); // silent: 11 s, alive: 5 s
    hub.sweep();
    const del = alive.streams('DELETE');
    assert.deepEqual(del.map(streamIDs), [['sil']]);
    assert.equal(del[0]!.reason, StreamDeleteReason.HEARTBEAT_TIMEOUT);
    assert.deepEqual(alive.users('DELETE').map(userIDs), [['silent']]);
    assert.equal(silent.of('kicked')[0]?.code, ZegoErrorCode.HEARTBEAT_TIMEOUT);
    assert.ok(silent.closed);
    assert.deepEqual(
      hub.roomView('r').users.map((u) => u.userID),
      ['alive'],
    );
    assert.equal(alive.of('kicked').length, 0);
  });

  it('a connection that closes without logout keeps its session until the timeout, then it is dropped with reason 2', async () => {
    const hub = makeHub({ heartbeatTimeout: 10_000 });
    const gone = new TestClient(hub, 'gone');
    const alive = new TestClient(hub, 'alive');
    await gone.login('r', 'gone');
    await alive.login('r', 'alive');
    await gone.ok({ t: 'publish', streamID: 'g1' });
    alive.clear();
    gone.disconnect();
    assert.deepEqual(
      hub.roomView('r').streams.map((s) => s.streamID),
      ['g1'],
    );
    clock.advance(8_000);
    await alive.hb();
    hub.sweep();
    assert.equal(alive.streams().length + alive.users().length, 0, 'kept while within the timeout');
    assert.deepEqual(
      hub
        .roomView('r')
        .users.map((u) => u.userID)
        .sort(),
      ['alive', 'gone'],
    );
    clock.advance(3_000);
    hub.sweep();
    const del = alive.streams('DELETE');
    assert.deepEqual(del.map(streamIDs), [['g1']]);
    assert.equal(del[0]!.reason, StreamDeleteReason.HEARTBEAT_TIMEOUT);
    assert.deepEqual(alive.users('DELETE').map(userIDs), [['gone']]);
    assert.deepEqual(
      hub.roomView('r').users.map((u) => u.userID),
      ['alive'],
    );
  });

  it('resume re-attaches a session within the timeout; after it fails with 1102001', async () => {
    const hub = makeHub({ heartbeatTimeout: 10_000 });
    const a = new TestClient(hub, 'a');
    const b = new TestClient(hub, 'b');
    await a.login('r', 'alice');
    await b.login('r', 'bob');
    await a.ok({ t: 'publish', streamID: 'a1' });
    await b.ok({ t: 'publish', streamID: 'b1' });
    b.clear();
    a.disconnect();
    clock.advance(7_000);
    await b.hb();
    const a2 = new TestClient(hub, 'a2');
    const r = await a2.ok({ t: 'resume', v: 1, session: a.session });
    assert.equal(r.session, a.session);
    assert.deepEqual(userIDs(r), ['bob']);
    assert.deepEqual(streamIDs(r), ['b1']);
    hub.sweep();
    clock.advance(7_000); // 14 s after the disconnect, 7 s after the resume
    await b.hb();
    hub.sweep();
    assert.equal(b.streams().length + b.users().length, 0, 'the resumed session survived the old deadline');
    // The resumed connection acts as alice.
    await a2.ok({ t: 'media', streamID: 'a1', camera: 'MUTE' });
    assert.equal(b.of('media').length, 1);
    await a2.ok({ t: 'signal', to: 'bob', streamID: 'b1', data: { type: 'play' } });
    assert.equal(b.of('signal')[0]?.from, 'alice');

    // Resuming a live session elsewhere moves it and closes the old connection.
    const a3 = new TestClient(hub, 'a3');
    await a3.ok({ t: 'resume', v: 1, session: a.session });
    assert.equal(a2.closed?.code, 4001);

    // After the timeout the session is gone.
    a3.disconnect();
    clock.advance(11_000);
    await b.hb();
    hub.sweep();
    assert.deepEqual(
      b.streams('DELETE').map((m) => m.reason),
      [StreamDeleteReason.HEARTBEAT_TIMEOUT],
    );
    const a4 = new TestClient(hub, 'a4');
    await a4.fails({ t: 'resume', v: 1, session: a.session }, ZegoErrorCode.HEARTBEAT_TIMEOUT);
    await a4.fails({ t: 'resume', v: 1, session: 'f'.repeat(32) }, ZegoErrorCode.HEARTBEAT_TIMEOUT);
    await a4.fails({ t: 'publish', streamID: 'x' }, ZegoErrorCode.NOT_LOGGED_IN);
  });

  /** Alice publishes a1 and her connection closes; Bob stays. */
  async function aliceAway(hub: Hub) {
    const a = new TestClient(hub, 'a');
    const b = new TestClient(hub, 'b');
    await a.login('r', 'alice');
    await b.login('r', 'bob');
    await a.ok({ t: 'publish', streamID: 'a1' });
    a.disconnect();
    return { a, b };
  }

  it('signals, commands and broadcasts for a reconnecting session are held and follow its resume reply, in order', async () => {
    const { a, b } = await aliceAway(makeHub({ heartbeatTimeout: 10_000 }));
    await b.ok({ t: 'signal', to: 'alice', streamID: 'a1', data: { type: 'offer', sdp: 'v=0 one' } });
    await b.ok({ t: 'command', command: 'ping', to: ['alice'] });
    await b.ok({ t: 'broadcast', message: 'hello' });
    await b.ok({ t: 'signal', to: 'alice', streamID: 'a1', data: { type: 'candidate', candidate: null } });
    const a2 = new TestClient(b.hub, 'a2');
    await a2.ok({ t: 'resume', v: 1, session: a.session });
    const after = a2.messages.slice(a2.messages.findIndex((m) => m.t === 'reply') + 1);
    assert.deepEqual(
      after.map((m) => `${m.t}:${(m.data as { type?: string } | undefined)?.type ?? m.command ?? m.message}`),
      ['signal:offer', 'command:ping', 'broadcast:hello', 'signal:candidate'],
    );
    // Held once: a later resume elsewhere gets nothing again.
    const a3 = new TestClient(b.hub, 'a3');
    await a3.ok({ t: 'resume', v: 1, session: a.session });
    assert.equal(a3.of('signal').length, 0);
  });

  it('at most 256 messages are held for a reconnecting session; the rest are dropped', async () => {
    const hub = makeHub({ heartbeatTimeout: 10_000, maxMessagesPerSecond: 1000 });
    const { a, b } = await aliceAway(hub);
    for (let i = 0; i < 300; i++) b.raw({ t: 'signal', to: 'alice', streamID: 'a1', data: { type: 'stop' } });
    await b.hb();
    const a2 = new TestClient(hub, 'a2');
    await a2.ok({ t: 'resume', v: 1, session: a.session });
    assert.equal(a2.of('signal').length, 256);
  });

  it('at most 1 MiB of messages is held for a reconnecting session', async () => {
    const hub = makeHub({ heartbeatTimeout: 10_000, maxMessagesPerSecond: 1000 });
    const { a, b } = await aliceAway(hub);
    const sdp = 'x'.repeat(30_000);
    for (let i = 0; i < 60; i++) b.raw({ t: 'signal', to: 'alice', streamID: 'a1', data: { type: 'offer', sdp } });
    await b.hb();
    assert.equal(b.of('error').length, 0);
    const a2 = new TestClient(hub, 'a2');
    await a2.ok({ t: 'resume', v: 1, session: a.session });
    const held = a2.of('signal');
    const size = JSON.stringify(held[0]).length;
    assert.equal(held.length, Math.floor((1 << 20) / size)); // 34 of the 60
  });

  it('a connection that never logs in is closed after the timeout', async () => {
    const hub = makeHub({ heartbeatTimeout: 5_000 });
    const idle = new TestClient(hub, 'idle');
    clock.advance(6_000);
    hub.sweep();
    assert.equal(idle.of('kicked')[0]?.code, ZegoErrorCode.LOGIN_TIMEOUT);
    assert.ok(idle.closed);
    assert.equal(hub.stats().connections, 0);
  });

  it('rate limit: a flooding client gets 1100002, other clients are unaffected, the budget refills', async () => {
    const hub = makeHub({ maxMessagesPerSecond: 5 });
    const flood = new TestClient(hub, 'flood');
    const calm = new TestClient(hub, 'calm');
    await flood.login('r', 'flood');
    await calm.login('r', 'calm');
    clock.advance(10_000); // full budget: burst of 2 × 5
    flood.clear();
    for (let i = 0; i < 30; i++) flood.raw({ t: 'hb' });
    for (let i = 0; i < 50; i++) await tick();
    const limited = flood.of('error').filter((m) => m.code === ZegoErrorCode.RATE_LIMITED);
    assert.ok(limited.length >= 15, `only ${limited.length} rate-limit errors`);
    assert.ok(flood.of('hb').length <= 10, `${flood.of('hb').length} heartbeats got through`);
    // The other client still works.
    await calm.ok({ t: 'publish', streamID: 'calm-cam' });
    await calm.hb();
    assert.deepEqual(flood.streams('ADD').map(streamIDs), [['calm-cam']], 'pushes to the flooder still arrive');
    // After a second the budget has refilled.
    clock.advance(1_000);
    await flood.ok({ t: 'publish', streamID: 'flood-cam' });
    assert.deepEqual(calm.streams('ADD').map(streamIDs), [['flood-cam']]);
  });
});

describe('hub: token04 verification', () => {
  const tokenHub = (o: HubOptions = {}) =>
    makeHub({ appID: APP_ID, serverSecret: SECRET, heartbeatTimeout: 3_600_000, ...o });
  const token = (userID: string, ttl = 3600, payload: unknown = '', now = clock.seconds()) =>
    generateToken04(APP_ID, userID, SECRET, ttl, typeof payload === 'string' ? payload : JSON.stringify(payload), {
      now,
    });

  it('a valid token logs in and the reply carries its expiry; bad tokens are refused with ZEGO codes', async () => {
    const hub = tokenHub();
    const a = new TestClient(hub, 'a');
    const tok = await token('alice', 600);
    const r = await a.login('r', 'alice', { token: tok });
    assert.equal(r.expire, clock.seconds() + 600);

    const cbc = await generateToken04(APP_ID, 'cbc', SECRET, 600, '', { now: clock.seconds(), variant: 'cbc' });
    await new TestClient(hub, 'cbc').login('r', 'cbc', { token: cbc });

    const b = new TestClient(hub, 'b');
    await b.fails(
      loginMsg('r', 'bob', { token: await token('bob', 10, '', clock.seconds() - 20) }),
      ZegoErrorCode.TOKEN_EXPIRED,
    );
    await b.fails(loginMsg('r', 'bob', { token: await token('alice') }), ZegoErrorCode.TOKEN_USER_MISMATCH);
    await b.fails(loginMsg('r', 'bob', { token: 'garbage' }), ZegoErrorCode.TOKEN_ERROR);
    await b.fails(loginMsg('r', 'bob', { token: '04' + 'A'.repeat(64) }), ZegoErrorCode.TOKEN_ERROR);
    const otherSecret = await generateToken04(APP_ID, 'bob', 'ffffffffffffffffffffffffffffffff', 600, '', {
      now: clock.seconds(),
    });
    await b.fails(loginMsg('r', 'bob', { token: otherSecret }), ZegoErrorCode.TOKEN_ERROR);
    const otherApp = await generateToken04(APP_ID + 1, 'bob', SECRET, 600, '', { now: clock.seconds() });
    await b.fails(loginMsg('r', 'bob', { token: otherApp }), ZegoErrorCode.TOKEN_ERROR);
    await b.fails(
      loginMsg('r', 'bob', { token: await token('bob', 600, { room_id: 'another' }) }),
      ZegoErrorCode.TOKEN_ERROR,
    );
    await b.fails(
      loginMsg('r', 'bob', { token: await token('bob', 600, { room_id: 'r', privilege: { 1: 0, 2: 1 } }) }),
      ZegoErrorCode.TOKEN_ERROR,
    );
    assert.equal(a.users('ADD').filter((m) => userIDs(m).includes('bob')).length, 0, 'no refused login was announced');
    await b.login('r', 'bob', { token: await token('bob', 600, { room_id: 'r', privilege: { 1: 1, 2: 1 } }) });
    assert.deepEqual(a.users('ADD').map(userIDs), [['cbc'], ['bob']]);
  });

  it('a connection that closes while its token is being verified leaves no ghost user behind', async () => {
    const hub = tokenHub();
    const w = new TestClient(hub, 'w');
    await w.login('r', 'w', { token: await token('w') });
    const ghost = new TestClient(hub, 'ghost');
    ghost.raw({ ...loginMsg('r', 'ghost', { token: await token('ghost') }), id: 1 });
    await Promise.resolve();
    await Promise.resolve(); // the login is now waiting for WebCrypto
    ghost.disconnect(); // the tab closed right after "join"
    await new Promise((r) => setTimeout(r, 150)); // let the verification finish
    await w.hb();
    assert.deepEqual(w.users('ADD'), [], 'nobody is told about a user whose connection is gone');
    assert.deepEqual(
      hub.roomView('r').users.map((u) => u.userID),
      ['w'],
    );
    assert.equal(hub.stats().users, 1);
  });

  it('token privileges: {"2":0} forbids publishing (1002082); stream_id_list restricts stream IDs', async () => {
    const hub = tokenHub();
    const watcher = new TestClient(hub, 'watcher');
    await watcher.login('r', 'w', { token: await token('w') });
    const viewer = new TestClient(hub, 'viewer');
    await viewer.login('r', 'viewer', {
      token: await token('viewer', 600, { room_id: 'r', privilege: { 1: 1, 2: 0 } }),
    });
    await viewer.fails({ t: 'publish', streamID: 'v1' }, ZegoErrorCode.TOKEN_NO_PUBLISH);
    const limited = new TestClient(hub, 'limited');
    await limited.login('r', 'limited', {
      token: await token('limited', 600, { room_id: 'r', privilege: { 1: 1, 2: 1 }, stream_id_list: ['allowed'] }),
    });
    await limited.fails({ t: 'publish', streamID: 'other' }, ZegoErrorCode.TOKEN_NO_PUBLISH);
    await limited.ok({ t: 'publish', streamID: 'allowed' });
    assert.deepEqual(watcher.streams('ADD').map(streamIDs), [['allowed']]);
  });

  it('token expiry: `expiring` 30 s before, kicked with 1102018 at expiry unless renewed', async () => {
    const hub = tokenHub();
    const a = new TestClient(hub, 'a');
    const b = new TestClient(hub, 'b');
    const w = new TestClient(hub, 'w');
    await a.login('r', 'alice', { token: await token('alice', 60) });
    await b.login('r', 'bob', { token: await token('bob', 60) });
    await w.login('r', 'w', { token: await token('w', 3600) });
    await a.ok({ t: 'publish', streamID: 'a1' });
    w.clear();

    clock.advance(29_000);
    hub.sweep();
    assert.equal(a.of('expiring').length + b.of('expiring').length, 0, 'too early for expiring');
    clock.advance(2_000); // 29 s left
    hub.sweep();
    hub.sweep();
    assert.equal(a.of('expiring').length, 1);
    assert.equal(b.of('expiring').length, 1);
    assert.equal(w.of('expiring').length, 0);

    // Bob renews: a token with 120 s more from now.
    const renewed = await b.ok({ t: 'renew', token: await token('bob', 120) });
    assert.equal(renewed.expire, clock.seconds() + 120);
    // A renew with someone else's or an expired token is refused and changes nothing.
    await b.fails({ t: 'renew', token: await token('alice', 600) }, ZegoErrorCode.TOKEN_USER_MISMATCH);
    await b.fails({ t: 'renew', token: await token('bob', 600, { room_id: 'elsewhere' }) }, ZegoErrorCode.TOKEN_ERROR);

    clock.advance(29_000); // 60 s after login
    hub.sweep();
    assert.equal(a.of('kicked')[0]?.code, ZegoErrorCode.TOKEN_EXPIRED);
    assert.ok(a.closed);
    assert.equal(b.of('kicked').length, 0, 'bob renewed in time');
    assert.deepEqual(w.users('DELETE').map(userIDs), [['alice']]);
    const del = w.streams('DELETE');
    assert.deepEqual(del.map(streamIDs), [['a1']]);
    assert.equal(del[0]!.reason, StreamDeleteReason.KICKED);

    // Bob's renewed token warns again 30 s before its new expiry, then expires.
    clock.advance(62_000); // 120 - 29 - 62 = 29 s left
    hub.sweep();
    assert.equal(b.of('expiring').length, 2);
    clock.advance(30_000);
    hub.sweep();
    assert.equal(b.of('kicked')[0]?.code, ZegoErrorCode.TOKEN_EXPIRED);
  });
});

describe('hub: bookkeeping', () => {
  it('stats() and roomView() are back to zero after everyone leaves', async () => {
    const hub = makeHub({ heartbeatTimeout: 10_000 });
    const clients = ['a', 'b', 'c', 'd'].map((n) => new TestClient(hub, n));
    await clients[0]!.login('r1', 'a');
    await clients[1]!.login('r1', 'b');
    await clients[2]!.login('r2', 'c');
    await clients[3]!.login('r2', 'a');
    for (const c of clients) await c.ok({ t: 'publish', streamID: `s-${c.name}` });
    assert.deepEqual(hub.stats(), { connections: 4, rooms: 2, users: 4, streams: 4 });
    assert.equal(hub.roomView('r1').users.length, 2);

    await clients[0]!.ok({ t: 'logout' });
    clients[0]!.disconnect();
    clients[1]!.disconnect(); // vanished: dropped by the sweep
    await clients[2]!.ok({ t: 'logout' });
    clients[2]!.disconnect();
    clients[3]!.disconnect();
    assert.equal(hub.stats().connections, 0);
    clock.advance(11_000);
    hub.sweep();
    assert.deepEqual(hub.stats(), { connections: 0, rooms: 0, users: 0, streams: 0 });
    assert.deepEqual(hub.roomView('r1'), { users: [], streams: [] });
    assert.deepEqual(hub.roomView('r2'), { users: [], streams: [] });
  });

  it('close() closes every connection without a kick (clients come back to the next server) and empties the hub', async () => {
    const hub = makeHub();
    const a = new TestClient(hub, 'a');
    const b = new TestClient(hub, 'b');
    await a.login('r', 'a');
    await a.ok({ t: 'publish', streamID: 'x' });
    hub.close();
    for (const c of [a, b]) {
      assert.deepEqual(c.of('kicked'), []);
      assert.ok(c.closed);
    }
    assert.deepEqual(hub.stats(), { connections: 0, rooms: 0, users: 0, streams: 0 });
  });
});

describe('hub: chat history for late joiners', () => {
  /** What `c` received after its login reply, as `sender:message`. */
  const afterReply = (c: TestClient): string[] => {
    const i = c.messages.findIndex((m) => m.t === 'reply' && typeof m.session === 'string');
    return c.messages
      .slice(i + 1)
      .map((m) => `${m.t}:${String((m.from as { userID?: string } | undefined)?.userID)}:${String(m.message)}`);
  };

  it('a user logging in gets the room’s broadcast messages right after the login reply, in order, as they were', async () => {
    const hub = makeHub();
    const a = new TestClient(hub, 'a');
    const b = new TestClient(hub, 'b');
    await a.login('r', 'alice', { userName: 'Alice' });
    await b.login('r', 'bob');
    const first = await a.ok({ t: 'broadcast', message: 'hello' });
    clock.advance(1000);
    await b.ok({ t: 'broadcast', message: '你好 😀' });
    await a.ok({ t: 'broadcast', message: 'third' });
    const stranger = new TestClient(hub, 'stranger');
    await stranger.login('elsewhere', 'stranger');
    await stranger.ok({ t: 'broadcast', message: 'another room' });

    const late = new TestClient(hub, 'late');
    await late.login('r', 'carol');
    assert.deepEqual(afterReply(late), ['broadcast:alice:hello', 'broadcast:bob:你好 😀', 'broadcast:alice:third']);
    const [hello, nihao] = late.of('broadcast');
    assert.deepEqual(hello, {
      t: 'broadcast',
      from: { userID: 'alice', userName: 'Alice' },
      message: 'hello',
      sendTime: T0,
      messageID: first.messageID,
    });
    assert.equal(nihao?.sendTime, T0 + 1000);
    // The senders themselves were not sent their own messages, then or now.
    assert.deepEqual(
      a.of('broadcast').map((m) => m.message),
      ['你好 😀'],
    );
    // Logging in again (after a logout, or on another device) gets the history again, own messages included.
    const again = new TestClient(hub, 'again');
    await again.login('r', 'alice');
    assert.deepEqual(afterReply(again), ['broadcast:alice:hello', 'broadcast:bob:你好 😀', 'broadcast:alice:third']);
  });

  it('keeps the last 100 messages', async () => {
    const hub = makeHub({ maxMessagesPerSecond: 1000 });
    const a = new TestClient(hub, 'a');
    await a.login('r', 'alice');
    for (let i = 1; i <= 130; i++) a.raw({ t: 'broadcast', id: 1000 + i, message: `m${i}` });
    await a.hb();
    const late = new TestClient(hub, 'late');
    await late.login('r', 'bob');
    const got = late.of('broadcast').map((m) => m.message);
    assert.equal(got.length, 100);
    assert.deepEqual(
      got,
      Array.from({ length: 100 }, (_, i) => `m${i + 31}`),
    );
  });

  it('keeps at most historyBytes (128 KiB by default) of them: the oldest go first', async () => {
    const hub = makeHub({ maxMessagesPerSecond: 1000, historyBytes: 10_000 });
    const a = new TestClient(hub, 'a');
    await a.login('r', 'alice');
    const big = '€'.repeat(341); // 1,023 bytes
    for (let i = 1; i <= 20; i++) a.raw({ t: 'broadcast', id: 1000 + i, message: `${i % 10}${big}` });
    await a.hb();
    const late = new TestClient(hub, 'late');
    await late.login('r', 'bob');
    const got = late.of('broadcast');
    const bytes = got.reduce((n, m) => n + new TextEncoder().encode(JSON.stringify(m)).length, 0);
    assert.ok(bytes <= 10_000, `${bytes} bytes`);
    assert.equal(got.length, Math.floor(10_000 / new TextEncoder().encode(JSON.stringify(got[0])).length));
    assert.equal(got.at(-1)?.message, `0${big}`, 'the newest is kept');
    assert.equal(makeHub().options.historyBytes, 128 * 1024);
  });

  it('historyMessages: 0 keeps none', async () => {
    const hub = makeHub({ historyMessages: 0 });
    const a = new TestClient(hub, 'a');
    await a.login('r', 'alice');
    await a.ok({ t: 'broadcast', message: 'hello' });
    const late = new TestClient(hub, 'late');
    await late.login('r', 'bob');
    assert.deepEqual(late.of('broadcast'), []);
  });

  it('a resume is not sent the history again: only what was held for it while it was away', async () => {
    const hub = makeHub({ heartbeatTimeout: 10_000 });
    const a = new TestClient(hub, 'a');
    const b = new TestClient(hub, 'b');
    await a.login('r', 'alice');
    await b.login('r', 'bob');
    await b.ok({ t: 'broadcast', message: 'before' });
    a.disconnect();
    await b.ok({ t: 'broadcast', message: 'while away' });
    const a2 = new TestClient(hub, 'a2');
    await a2.ok({ t: 'resume', v: 1, session: a.session });
    assert.deepEqual(
      a2.of('broadcast').map((m) => m.message),
      ['while away'],
    );
  });

  it('the history goes with the room: once everyone has left, a new login to it gets none', async () => {
    const hub = makeHub({ heartbeatTimeout: 5_000 });
    const a = new TestClient(hub, 'a');
    const b = new TestClient(hub, 'b');
    await a.login('r', 'alice');
    await b.login('r', 'bob');
    await a.ok({ t: 'broadcast', message: 'hello' });
    // One member left, the room stays, and so does its history.
    await a.ok({ t: 'logout' });
    const c = new TestClient(hub, 'c');
    await c.login('r', 'carol');
    assert.deepEqual(
      c.of('broadcast').map((m) => m.message),
      ['hello'],
    );
    // Everyone gone (a logout, a timeout): the room is deleted.
    await c.ok({ t: 'logout' });
    b.disconnect();
    clock.advance(6_000);
    hub.sweep();
    assert.equal(hub.stats().rooms, 0);
    const d = new TestClient(hub, 'd');
    await d.login('r', 'dave');
    assert.deepEqual(d.of('broadcast'), []);
  });
});
