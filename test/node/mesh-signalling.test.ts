/**
 * The mesh engine's signalling and its publication/playback state machines, in Node against the
 * real `Hub` through `InPageTransport`. Node has no WebRTC: peer connections and media streams
 * are a stand-in (test/node/support/webrtc-stand-in.ts), named so in each test; the browser tests
 * run the same paths on real WebRTC.
 */
import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { StandIn, StandInPeerConnection, StandInStream, StandInTrack } from './support/webrtc-stand-in.js';
import { Hub } from '../../src/hub/hub.js';
import { generateToken04 } from '../../src/hub/token04.js';
import { PROTOCOL_VERSION, type LoginReply } from '../../src/hub/protocol.js';
import { ZegoErrorCode } from '../../src/core/errors.js';
import { InPageTransport } from '../../src/mesh/in-page-transport.js';
import type { TransportHandlers } from '../../src/mesh/transport.js';
import { SignallingClient, type PushMessage } from '../../src/mesh/signalling.js';
import { MeshEngine } from '../../src/mesh/mesh-engine.js';
import type {
  ZegoBarrageMessageInfo,
  ZegoRoomExtraInfo,
  ZegoBroadcastMessageInfo,
  ZegoPlayerState,
  ZegoPublisherState,
} from '../../src/core/engine.js';
import { RoomSession } from '../../src/core/session.js';

StandIn.install();

/** Resolves once `test()` holds, checking after every macrotask; fails after `ms`. */
async function until(test: () => unknown, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Every client a test made, closed after it (a client left open keeps reconnecting). */
const made: SignallingClient[] = [];
afterEach(() => {
  for (const c of made.splice(0)) c.close();
});

/** A signalling client with everything it reports recorded. */
function client(hub: Hub, reconnectTimeout = 2000) {
  const seen = {
    pushed: [] as PushMessage[],
    reconnecting: 0,
    resumed: [] as LoginReply[],
    lost: [] as number[],
  };
  const transport = new InPageTransport(hub);
  const c = new SignallingClient(
    transport,
    {
      push: (m) => seen.pushed.push(m),
      reconnecting: () => seen.reconnecting++,
      resumed: (r) => seen.resumed.push(r),
      lost: (code) => seen.lost.push(code),
    },
    { reconnectTimeout },
  );
  made.push(c);
  const login = (userID: string, roomID = 'r1') =>
    c.login(
      {
        t: 'login',
        v: PROTOCOL_VERSION,
        roomID,
        token: 't',
        user: { userID, userName: userID },
        config: { userUpdate: true },
      },
      3000,
    );
  return { c, seen, transport, login };
}

describe('SignallingClient against the real hub (in-page transport)', () => {
  it('logs in, and a second user of the room is pushed to the first', async () => {
    const hub = new Hub();
    const a = client(hub);
    const reply = await a.login('alice');
    assert.equal(a.c.state, 'open');
    assert.ok(reply.session);
    assert.deepEqual(reply.users, []);
    const b = client(hub);
    const replyB = await b.login('bob');
    assert.deepEqual(
      replyB.users.map((u) => u.userID),
      ['alice'],
    );
    await until(() => a.seen.pushed.some((m) => m.t === 'users' && m.type === 'ADD'), 'alice told of bob');
    hub.close();
  });

  it('a request resolves with its typed reply, and a refused one rejects with the hub’s ZEGO code', async () => {
    const hub = new Hub();
    const a = client(hub);
    await a.login('alice');
    const sent = await a.c.request({ t: 'broadcast', message: 'hello' });
    assert.equal(typeof sent.messageID, 'number');
    await a.c.request({ t: 'publish', streamID: 's1', extraInfo: '' });
    // Asking again for one's own stream is fine (a drop may have cut the first answer short)…
    await a.c.request({ t: 'publish', streamID: 's1', extraInfo: '' });
    // …another user's stream ID is not.
    const b = client(hub);
    await b.login('bob');
    await assert.rejects(b.c.request({ t: 'publish', streamID: 's1', extraInfo: '' }), {
      code: ZegoErrorCode.STREAM_ID_EXISTS,
    });
    hub.close();
  });

  it('a login the hub refuses rejects with its code and leaves the client closed', async () => {
    const hub = new Hub({ appID: 1, serverSecret: '0123456789abcdef0123456789abcdef' });
    const a = client(hub);
    await assert.rejects(a.login('alice'), { code: ZegoErrorCode.TOKEN_ERROR });
    assert.equal(a.c.state, 'closed');
    hub.close();
  });

  it('a dropped link resumes the same session, and signals made meanwhile arrive after the resume, in order', async () => {
    const hub = new Hub();
    const a = client(hub);
    const b = client(hub);
    await a.login('alice');
    await b.login('bob');
    // The hub relays negotiation about a stream between its publisher and a player only.
    await a.c.request({ t: 'publish', streamID: 's1', extraInfo: '' });
    await a.c.request({ t: 'publish', streamID: 's2', extraInfo: '' });
    a.transport.drop();
    assert.equal(a.c.state, 'reconnecting');
    assert.equal(a.seen.reconnecting, 1);
    a.c.signal('bob', 's1', { type: 'stop' });
    a.c.signal('bob', 's2', { type: 'stop' });
    await until(() => a.seen.resumed.length === 1, 'the resume');
    assert.equal(a.c.state, 'open');
    assert.deepEqual(
      a.seen.resumed[0]?.users.map((u) => u.userID),
      ['bob'],
    );
    await until(() => b.seen.pushed.filter((m) => m.t === 'signal').length === 2, 'both signals at bob');
    const signals = b.seen.pushed.filter((m) => m.t === 'signal');
    assert.deepEqual(
      signals.map((m) => m.t === 'signal' && m.streamID),
      ['s1', 's2'],
    );
    // Bob never saw alice leave.
    assert.ok(!b.seen.pushed.some((m) => m.t === 'users' && m.type === 'DELETE'));
    hub.close();
  });

  it('when the hub no longer knows the session (it restarted), the client logs in afresh (rejoin) as the same user', async () => {
    const hub = new Hub();
    const a = client(hub, 60_000);
    await a.login('alice');
    // The hub restarts: a new one, knowing nothing, behind the same address.
    const restarted = new Hub();
    Object.assign(a.transport, { hub: restarted });
    hub.close();
    await until(() => a.seen.resumed.length === 1, 'the rejoin');
    assert.equal(a.c.state, 'open');
    assert.deepEqual(a.seen.lost, []);
    assert.deepEqual(
      restarted.roomView('r1').users.map((u) => u.userID),
      ['alice'],
    );
    restarted.close();
  });

  it('a rejoin refused for its token asks for a new one; with none to be had, it gives up with the refusal', async () => {
    const secret = '0123456789abcdef0123456789abcdef';
    let now = Date.now();
    const hub = new Hub({ appID: 1, serverSecret: secret, now: () => now, heartbeatTimeout: 1000 });
    const token = (ttl: number) => generateToken04(1, 'alice', secret, ttl, '');
    for (const fresh of [true, false]) {
      const seen = { resumed: 0, lost: [] as number[] };
      const transport = new InPageTransport(hub);
      const c = new SignallingClient(
        transport,
        {
          push: () => undefined,
          reconnecting: () => undefined,
          resumed: () => seen.resumed++,
          lost: (code) => seen.lost.push(code),
        },
        { reconnectTimeout: 60_000, refreshToken: async () => (fresh ? await token(3600) : undefined) },
      );
      await c.login(
        { t: 'login', v: PROTOCOL_VERSION, roomID: 'r1', token: await token(60), user: { userID: 'alice' } },
        3000,
      );
      // The token expires and the session ends while the link is down.
      transport.drop();
      now += 120_000;
      hub.sweep();
      await until(() => seen.resumed + seen.lost.length > 0, 'the ladder to end');
      if (fresh) assert.equal(seen.resumed, 1, 'rejoined with the new token');
      else assert.deepEqual(seen.lost, [ZegoErrorCode.TOKEN_EXPIRED]);
      c.close();
      now = Date.now();
    }
    hub.close();
  });

  it('logout waits for the hub: the other user sees the leave at once, not after a heartbeat timeout', async () => {
    const hub = new Hub({ heartbeatTimeout: 60_000 });
    const a = client(hub);
    const b = client(hub);
    await a.login('alice');
    await b.login('bob');
    await a.c.logout();
    assert.equal(a.c.state, 'closed');
    await until(
      () => b.seen.pushed.some((m) => m.t === 'users' && m.type === 'DELETE' && m.users[0]?.userID === 'alice'),
      'bob told alice left',
    );
    hub.close();
  });
});

/** A MeshEngine on the in-page hub with its publisher and player states recorded. */
async function engine(hub: Hub, userID: string, options: ConstructorParameters<typeof MeshEngine>[2] = {}) {
  const e = new MeshEngine(1, new InPageTransport(hub), { qualityInterval: 60_000, ...options });
  const published: ZegoPublisherState[] = [];
  const played: ZegoPlayerState[] = [];
  const streams: { type: string; ids: string[] }[] = [];
  e.on('publisherStateUpdate', (s) => published.push(s));
  e.on('playerStateUpdate', (s) => played.push(s));
  e.on('roomStreamUpdate', (_r, type, list) => streams.push({ type, ids: list.map((s) => s.streamID) }));
  await e.loginRoom('r1', 'token', { userID, userName: userID });
  return { e, published, played, streams };
}

const camera = () =>
  new StandInStream([new StandInTrack('video'), new StandInTrack('audio')]) as unknown as MediaStream;

describe('MeshEngine publication and playback state machines (WebRTC stand-in, real hub)', () => {
  beforeEach(() => {
    StandIn.connect = true;
  });

  it('publish → PUBLISH_REQUESTING → PUBLISHING; the other user gets ADD, plays it to PLAYING with both tracks', async () => {
    const hub = new Hub();
    const alice = await engine(hub, 'alice');
    const bob = await engine(hub, 'bob');
    assert.equal(alice.e.startPublishingStream('alice-cam', camera()), true);
    await until(() => alice.published.some((s) => s.state === 'PUBLISHING'), 'PUBLISHING');
    assert.deepEqual(
      alice.published.map((s) => s.state),
      ['PUBLISH_REQUESTING', 'PUBLISHING'],
    );
    await until(() => bob.streams.some((s) => s.type === 'ADD'), 'ADD at bob');
    const media = await bob.e.startPlayingStream('alice-cam');
    assert.deepEqual(
      media
        .getTracks()
        .map((t) => t.kind)
        .sort(),
      ['audio', 'video'],
    );
    await until(() => bob.played.some((s) => s.state === 'PLAYING'), 'PLAYING');
    assert.deepEqual(
      bob.played.map((s) => s.state),
      ['PLAY_REQUESTING', 'PLAYING'],
    );
    // Alice answered with her live tracks on a send-only connection.
    const answering = StandInPeerConnection.all.find((pc) =>
      pc.getTransceivers().some((t) => t.direction === 'sendonly'),
    );
    assert.ok(answering);
    assert.ok(answering.getSenders().every((s) => s.track?.readyState === 'live'));
    alice.e.destroyEngine();
    bob.e.destroyEngine();
    hub.close();
  });

  it('stopping the publication ends the playback (NO_PLAY), deletes the stream and closes both connections', async () => {
    const hub = new Hub();
    const alice = await engine(hub, 'alice');
    const bob = await engine(hub, 'bob');
    const before = StandInPeerConnection.all.length;
    alice.e.startPublishingStream('alice-cam', camera());
    await until(() => bob.streams.some((s) => s.type === 'ADD'), 'ADD');
    await bob.e.startPlayingStream('alice-cam');
    await until(() => bob.played.some((s) => s.state === 'PLAYING'), 'PLAYING');
    alice.e.stopPublishingStream('alice-cam');
    await until(() => bob.played.at(-1)?.state === 'NO_PLAY', 'NO_PLAY');
    await until(() => bob.streams.some((s) => s.type === 'DELETE'), 'DELETE');
    const made = StandInPeerConnection.all.slice(before);
    assert.equal(made.length, 2);
    assert.ok(made.every((pc) => pc.isClosed));
    assert.equal(alice.published.at(-1)?.state, 'NO_PUBLISH');
    alice.e.destroyEngine();
    bob.e.destroyEngine();
    hub.close();
  });

  it('refusals: a stream ID already in the room (1003028), a stream not in the room (1104039), before login (1000002)', async () => {
    const hub = new Hub();
    const alice = await engine(hub, 'alice');
    const bob = await engine(hub, 'bob');
    alice.e.startPublishingStream('same', camera());
    await until(() => alice.published.some((s) => s.state === 'PUBLISHING'), 'PUBLISHING');
    bob.e.startPublishingStream('same', camera());
    await until(() => bob.published.at(-1)?.state === 'NO_PUBLISH', 'NO_PUBLISH');
    assert.equal(bob.published.at(-1)?.errorCode, ZegoErrorCode.STREAM_ID_EXISTS);
    await assert.rejects(bob.e.startPlayingStream('nobody-has-this'), { code: ZegoErrorCode.PLAY_STREAM_NOT_FOUND });
    const outside = new MeshEngine(1, new InPageTransport(hub));
    assert.equal(outside.startPublishingStream('x', camera()), false);
    await assert.rejects(outside.startPlayingStream('same'), { code: ZegoErrorCode.NOT_LOGGED_IN });
    for (const e of [alice.e, bob.e, outside]) e.destroyEngine();
    hub.close();
  });

  it('no media in time: the playback ends with 1104031 and its connection is closed', async () => {
    StandIn.connect = false;
    const hub = new Hub();
    const alice = await engine(hub, 'alice');
    const bob = await engine(hub, 'bob', { playTimeout: 200 });
    alice.e.startPublishingStream('alice-cam', camera());
    await until(() => bob.streams.some((s) => s.type === 'ADD'), 'ADD');
    const before = StandInPeerConnection.all.length;
    await assert.rejects(bob.e.startPlayingStream('alice-cam'), { code: ZegoErrorCode.PLAY_RETRY_TIMEOUT });
    assert.equal(bob.played.at(-1)?.state, 'NO_PLAY');
    assert.equal(bob.played.at(-1)?.errorCode, ZegoErrorCode.PLAY_RETRY_TIMEOUT);
    assert.ok(StandInPeerConnection.all[before]?.isClosed);
    alice.e.destroyEngine();
    bob.e.destroyEngine();
    hub.close();
  });

  it('kicked by a second login of the same user: every publication and playback ends with 1002050', async () => {
    const hub = new Hub();
    const alice = await engine(hub, 'alice');
    const bob = await engine(hub, 'bob');
    const states: string[] = [];
    bob.e.on('roomStateChanged', (_r, reason, code) => states.push(`${reason}:${code}`));
    bob.e.startPublishingStream('bob-cam', camera());
    alice.e.startPublishingStream('alice-cam', camera());
    await until(() => bob.streams.some((s) => s.type === 'ADD'), 'ADD');
    await bob.e.startPlayingStream('alice-cam');
    const bob2 = await engine(hub, 'bob');
    await until(() => states.includes(`KICKOUT:${ZegoErrorCode.KICKED_DUPLICATE_LOGIN}`), 'the kick');
    assert.equal(bob.published.at(-1)?.errorCode, ZegoErrorCode.KICKED_DUPLICATE_LOGIN);
    assert.equal(bob.played.at(-1)?.errorCode, ZegoErrorCode.KICKED_DUPLICATE_LOGIN);
    for (const e of [alice.e, bob.e, bob2.e]) e.destroyEngine();
    hub.close();
  });
});

describe('MeshEngine chat against the real hub: messages and the room’s history', () => {
  /** An in-page transport that notes the hub session its login got (a hub's session IDs are known only to their clients). */
  class NotingTransport extends InPageTransport {
    sessionID = '';
    override open(handlers: TransportHandlers): Promise<void> {
      return super.open({
        ...handlers,
        message: (m) => {
          if (m.t === 'reply' && m.ok && typeof m.session === 'string') this.sessionID = m.session;
          handlers.message(m);
        },
      });
    }
  }

  /** An engine logged in to `r1` as `userID`, with every broadcast message it reports and a RoomSession over it. */
  async function chatter(hub: Hub, userID: string) {
    const transport = new NotingTransport(hub);
    const e = new MeshEngine(1, transport, { qualityInterval: 60_000 });
    const received: ZegoBroadcastMessageInfo[][] = [];
    e.on('IMRecvBroadcastMessage', (roomID, list) => {
      assert.equal(roomID, 'r1');
      received.push(list);
    });
    const session = new RoomSession(e, 'r1', { userID, userName: `${userID}'s name` });
    session.attach();
    await e.loginRoom('r1', 'token', { userID, userName: `${userID}'s name` }, { userUpdate: true });
    const texts = () => received.flat().map((m) => `${m.fromUser.userID}:${m.message}`);
    return { e, transport, session, received, texts };
  }

  it('sendBroadcastMessage resolves with the hub’s message ID; the others get it through IMRecvBroadcastMessage', async () => {
    const hub = new Hub();
    const alice = await chatter(hub, 'alice');
    const bob = await chatter(hub, 'bob');
    const sent = await alice.session.sendMessage('hello');
    await until(() => bob.received.length === 1, 'bob got it');
    const [got] = bob.received[0]!;
    assert.equal(got?.messageID, sent.messageID);
    assert.deepEqual(got?.fromUser, { userID: 'alice', userName: "alice's name" });
    assert.deepEqual(
      bob.session.messages.map((m) => [m.message, m.own]),
      [['hello', false]],
    );
    assert.deepEqual(
      alice.session.messages.map((m) => [m.message, m.own, m.messageID]),
      [['hello', true, sent.messageID]],
    );
    assert.deepEqual(alice.received, [], 'nobody is sent their own message');
    // Too long: refused by the session before anything is sent (the hub would refuse it too).
    await assert.rejects(alice.session.sendMessage('€'.repeat(342)), { code: ZegoErrorCode.MESSAGE_TOO_LONG });
    assert.deepEqual(await alice.e.sendBroadcastMessage('r1', '€'.repeat(342)), {
      errorCode: ZegoErrorCode.MESSAGE_TOO_LONG,
    });
    for (const c of [alice, bob]) c.e.destroyEngine();
    hub.close();
  });

  it('sendBarrageMessage: the others get IMRecvBarrageMessage with a string ID, the sender does not; no history, not in the chat', async () => {
    const hub = new Hub();
    const alice = await chatter(hub, 'alice');
    const bob = await chatter(hub, 'bob');
    const barrages = new Map<string, ZegoBarrageMessageInfo[]>();
    for (const [name, c] of [
      ['alice', alice],
      ['bob', bob],
    ] as const)
      c.e.on('IMRecvBarrageMessage', (roomID, list) => {
        assert.equal(roomID, 'r1');
        barrages.set(name, [...(barrages.get(name) ?? []), ...list]);
      });
    const sent = await alice.e.sendBarrageMessage('r1', 'fly by');
    assert.equal(sent.errorCode, 0);
    assert.equal(typeof sent.messageID, 'string');
    await until(() => barrages.get('bob')?.length === 1, 'bob got the barrage');
    const [got] = barrages.get('bob')!;
    assert.deepEqual(
      { ...got, sendTime: typeof got!.sendTime },
      {
        fromUser: { userID: 'alice', userName: "alice's name" },
        message: 'fly by',
        sendTime: 'number',
        messageID: sent.messageID,
      },
    );
    assert.equal(barrages.get('alice'), undefined, 'nobody is sent their own barrage');
    assert.deepEqual([bob.received, bob.session.messages], [[], []], 'a barrage is not a chat message');
    // ZEGO's limits: 1,024 bytes; not in the room.
    assert.deepEqual(await alice.e.sendBarrageMessage('r1', '€'.repeat(342)), {
      errorCode: ZegoErrorCode.MESSAGE_TOO_LONG,
    });
    assert.deepEqual(await alice.e.sendBarrageMessage('elsewhere', 'x'), { errorCode: ZegoErrorCode.NOT_LOGGED_IN });
    // A late joiner gets no barrage history.
    const carol = await chatter(hub, 'carol');
    const late: ZegoBarrageMessageInfo[] = [];
    carol.e.on('IMRecvBarrageMessage', (_r, list) => late.push(...list));
    await alice.e.sendBarrageMessage('r1', 'after carol');
    await until(() => late.length === 1, 'carol got the new one');
    assert.deepEqual(
      late.map((m) => m.message),
      ['after carol'],
    );
    for (const c of [alice, bob, carol]) c.e.destroyEngine();
    hub.close();
  });

  it('setRoomExtraInfo: the others get roomExtraInfoUpdate, a later joiner right after login; ZEGO’s limits and codes', async () => {
    const hub = new Hub();
    const alice = await chatter(hub, 'alice');
    const bob = await chatter(hub, 'bob');
    const seen: ZegoRoomExtraInfo[][] = [];
    bob.e.on('roomExtraInfoUpdate', (roomID, list) => {
      assert.equal(roomID, 'r1');
      seen.push(list);
    });
    assert.deepEqual(await alice.e.setRoomExtraInfo('r1', 'topic', 'standup'), { errorCode: 0 });
    await until(() => seen.length === 1, 'bob told');
    assert.deepEqual(
      seen[0]!.map((i) => [i.key, i.value, i.updateUser.userID, typeof i.updateTime]),
      [['topic', 'standup', 'alice', 'number']],
    );
    const codes = await Promise.all([
      alice.e.setRoomExtraInfo('r1', 'agenda', 'x'),
      alice.e.setRoomExtraInfo('r1', '', 'x'),
      alice.e.setRoomExtraInfo('r1', 'k'.repeat(11), 'x'),
      alice.e.setRoomExtraInfo('r1', 'topic', 'v'.repeat(101)),
      alice.e.setRoomExtraInfo('elsewhere', 'topic', 'x'),
    ]);
    assert.deepEqual(
      codes.map((c) => c.errorCode),
      [
        ZegoErrorCode.ROOM_EXTRA_INFO_KEY_LIMIT,
        ZegoErrorCode.ROOM_EXTRA_INFO_KEY_EMPTY,
        ZegoErrorCode.ROOM_EXTRA_INFO_KEY_TOO_LONG,
        ZegoErrorCode.ROOM_EXTRA_INFO_VALUE_TOO_LONG,
        ZegoErrorCode.NOT_LOGGED_IN,
      ],
    );
    // Carol joins later: the current value arrives right after her login.
    const transport = new InPageTransport(hub);
    const carol = new MeshEngine(1, transport, { qualityInterval: 60_000 });
    const late: ZegoRoomExtraInfo[] = [];
    carol.on('roomExtraInfoUpdate', (_r, list) => late.push(...list));
    await carol.loginRoom('r1', 'token', { userID: 'carol' });
    await until(() => late.length === 1, 'carol told at login');
    assert.deepEqual([late[0]!.key, late[0]!.value], ['topic', 'standup']);
    assert.deepEqual(await alice.e.setStreamExtraInfo('nobody_main', 'x'), {
      errorCode: ZegoErrorCode.STREAM_NOT_FOUND,
    });
    for (const e of [alice.e, bob.e, carol]) e.destroyEngine();
    hub.close();
  });

  it('a late joiner’s engine reports the history right after login, in order; a resume does not report it again', async () => {
    const hub = new Hub();
    const alice = await chatter(hub, 'alice');
    const bob = await chatter(hub, 'bob');
    await alice.session.sendMessage('one');
    await bob.session.sendMessage('two');
    await alice.session.sendMessage('three');
    const carol = await chatter(hub, 'carol');
    await until(() => carol.texts().length === 3, 'the history at carol');
    assert.deepEqual(carol.texts(), ['alice:one', 'bob:two', 'alice:three']);
    assert.deepEqual(
      carol.session.messages.map((m) => m.message),
      ['one', 'two', 'three'],
    );
    // Carol's link drops and her session resumes: nothing is told twice, and what was said meanwhile arrives.
    const states: string[] = [];
    carol.e.on('roomStateChanged', (_r, reason) => states.push(reason));
    carol.transport.drop();
    await bob.session.sendMessage('four');
    await until(() => states.includes('RECONNECTED'), 'carol back');
    await alice.session.sendMessage('five');
    await until(() => carol.texts().length >= 5, 'four and five at carol');
    assert.deepEqual(carol.texts(), ['alice:one', 'bob:two', 'alice:three', 'bob:four', 'alice:five']);
    for (const c of [alice, bob, carol]) c.e.destroyEngine();
    hub.close();
  });

  it('a rejoin (the hub lost the session) may be told the history again; the session keeps each message once', async () => {
    const hub = new Hub({ heartbeatTimeout: 60_000 });
    const alice = await chatter(hub, 'alice');
    const bob = await chatter(hub, 'bob');
    await alice.session.sendMessage('one');
    await until(() => bob.session.messages.length === 1, 'one at bob');
    // Bob's session ends on the hub while his link is down (as after a long cut): he logs in afresh.
    bob.transport.drop();
    assert.equal(hub.logoutSession(bob.transport.sessionID), true);
    const states: string[] = [];
    bob.e.on('roomStateChanged', (_r, reason) => states.push(reason));
    await until(() => states.includes('RECONNECTED'), 'bob back');
    await alice.session.sendMessage('two');
    await until(() => bob.session.messages.length === 2, 'two at bob');
    assert.deepEqual(bob.texts(), ['alice:one', 'alice:one', 'alice:two'], 'the engine told "one" again (the history)');
    assert.deepEqual(
      bob.session.messages.map((m) => m.message),
      ['one', 'two'],
    );
    for (const c of [alice, bob]) c.e.destroyEngine();
    hub.close();
  });
});
