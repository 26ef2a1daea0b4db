/**
 * A `Room` driven directly: each session is attached to a fake connection that records what it is
 * sent. Every assertion is something a user's engine would receive (or not), or an error code.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Room } from '../../src/hub/room.js';
import { Session, type Connection } from '../../src/hub/session.js';
import type { ServerMessage, WireStream } from '../../src/hub/protocol.js';
import { ZegoError, ZegoErrorCode } from '../../src/core/errors.js';
import { StreamDeleteReason } from '../../src/core/engine.js';

type Msg = ServerMessage & Record<string, unknown>;

/** A connection that records what it is sent and whether it was kicked. */
class Peer implements Connection {
  readonly messages: Msg[] = [];
  kicked: { code: number; msg: string } | undefined;
  moved = false;
  send(message: ServerMessage): void {
    this.messages.push(message as Msg);
  }
  kick(code: number, msg: string): void {
    this.kicked = { code, msg };
  }
  resumedElsewhere(): void {
    this.moved = true;
  }
  of(t: string, type?: 'ADD' | 'DELETE'): Msg[] {
    return this.messages.filter((m) => m.t === t && (type === undefined || m.type === type));
  }
  clear(): void {
    this.messages.length = 0;
  }
}

/** A session of `userID` in `room` on a fresh recording connection (not yet joined). */
function member(room: Room, userID: string, userUpdate = true): { session: Session; peer: Peer } {
  const peer = new Peer();
  const session = new Session(room, { userID }, userUpdate, peer, { privileges: {}, expire: 0 }, 0);
  return { session, peer };
}

/** A session that has joined `room`. */
function joined(room: Room, userID: string, userUpdate = true): { session: Session; peer: Peer } {
  const m = member(room, userID, userUpdate);
  room.join(m.session);
  return m;
}

const ids = (m: Msg | undefined, key: 'users' | 'streams'): string[] =>
  ((m?.[key] ?? []) as { userID?: string; streamID?: string }[]).map((x) => x.userID ?? x.streamID ?? '');

function throwsCode(fn: () => void, code: number): void {
  assert.throws(fn, (err: unknown) => err instanceof ZegoError && err.code === code);
}

describe('Room: join and leave', () => {
  it('a join is announced to the others who want user updates, never to the joiner; everyone gets the count', () => {
    const room = new Room('r', 10, 4);
    const a = joined(room, 'alice');
    const quiet = joined(room, 'quiet', false);
    const b = joined(room, 'bob');
    assert.deepEqual(
      a.peer.of('users', 'ADD').map((m) => ids(m, 'users')),
      [['quiet'], ['bob']],
    );
    assert.deepEqual(quiet.peer.of('users'), [], 'userUpdate false: no user updates');
    assert.deepEqual(b.peer.of('users'), [], 'nobody is told about themselves');
    assert.deepEqual(
      b.peer.of('count').map((m) => m.count),
      [3],
    );
    assert.deepEqual(
      quiet.peer.of('count').map((m) => m.count),
      [2, 3],
    );
    assert.equal(room.size, 3);
    assert.deepEqual(
      room.view(b.session).users.map((u) => u.userID),
      ['alice', 'quiet'],
    );
  });

  it('a leave deletes the leaver’s streams with the given reason, then the user; the leaver hears nothing more', () => {
    const room = new Room('r', 10, 4);
    const a = joined(room, 'alice');
    const b = joined(room, 'bob');
    room.publish(a.session, { streamID: 'a1' });
    room.publish(a.session, { streamID: 'a2' });
    b.peer.clear();
    a.peer.clear();
    room.leave(a.session, StreamDeleteReason.HEARTBEAT_TIMEOUT);
    assert.deepEqual(
      b.peer.messages.map((m) => `${m.t}:${String(m.type ?? m.count)}`),
      ['streams:DELETE', 'users:DELETE', 'count:1'],
    );
    const [del] = b.peer.of('streams', 'DELETE');
    assert.deepEqual(ids(del, 'streams'), ['a1', 'a2']);
    assert.equal(del?.reason, StreamDeleteReason.HEARTBEAT_TIMEOUT);
    assert.deepEqual(ids(b.peer.of('users', 'DELETE')[0], 'users'), ['alice']);
    assert.deepEqual(room.view(), { users: [{ userID: 'bob' }], streams: [] });
    // Left: it is no longer attached, and a second leave changes nothing.
    assert.equal(a.session.isAttachedTo(a.peer), false);
    room.publish(b.session, { streamID: 'b1' });
    room.leave(a.session, StreamDeleteReason.STOPPED);
    assert.deepEqual(a.peer.messages, []);
    assert.equal(b.peer.of('users', 'DELETE').length, 1);
    room.leave(b.session, StreamDeleteReason.STOPPED);
    assert.equal(room.size, 0);
    assert.equal(room.streamCount, 0);
  });

  it('a full room refuses a new user (1002034) but lets a member’s re-login in', () => {
    const room = new Room('r', 2, 4);
    joined(room, 'alice');
    const b = joined(room, 'bob');
    throwsCode(() => room.join(member(room, 'carol').session), ZegoErrorCode.ROOM_FULL);
    assert.equal(room.size, 2);
    const again = member(room, 'bob');
    assert.equal(room.join(again.session), b.session);
    assert.equal(room.size, 2);
  });

  it('a re-login kicks the earlier session (1002050) and deletes its streams with reason 3; no user leaves or comes', () => {
    const room = new Room('r', 10, 4);
    const first = joined(room, 'alice');
    const w = joined(room, 'w');
    room.publish(first.session, { streamID: 'a1' });
    w.peer.clear();
    const second = member(room, 'alice');
    assert.equal(room.join(second.session), first.session);
    assert.equal(first.peer.kicked?.code, ZegoErrorCode.KICKED_DUPLICATE_LOGIN);
    const del = w.peer.of('streams', 'DELETE');
    assert.deepEqual(
      del.map((m) => [ids(m, 'streams'), m.reason]),
      [[['a1'], StreamDeleteReason.REPEATED_LOGIN]],
    );
    assert.deepEqual(w.peer.of('users'), []);
    assert.deepEqual(
      w.peer.of('count').map((m) => m.count),
      [2],
    );
    assert.deepEqual(second.peer.of('streams'), [], 'the new session is not told of the old one’s streams');
    assert.deepEqual(
      room.view(w.session).users.map((u) => u.userID),
      ['alice'],
    );
    // The new session acts as alice; the old one is out.
    room.publish(second.session, { streamID: 'a1' });
    assert.deepEqual(ids(w.peer.of('streams', 'ADD')[0], 'streams'), ['a1']);
    assert.equal(first.session.isAttachedTo(first.peer), false);
  });
});

describe('Room: streams', () => {
  it('publish → ADD to the others, never to the publisher; unpublish → DELETE with reason 1', () => {
    const room = new Room('r', 10, 4);
    const a = joined(room, 'alice');
    const b = joined(room, 'bob');
    room.publish(a.session, { streamID: 's1', extraInfo: 'x', camera: 'MUTE' });
    const expected: WireStream = {
      streamID: 's1',
      user: { userID: 'alice' },
      extraInfo: 'x',
      camera: 'MUTE',
      mic: 'OPEN',
    };
    assert.deepEqual(b.peer.of('streams', 'ADD')[0]?.streams, [expected]);
    assert.deepEqual(room.view(b.session).streams, [expected]);
    assert.deepEqual(room.view(a.session).streams, [], 'nobody sees their own stream');
    assert.deepEqual(a.peer.of('streams'), []);
    room.unpublish(a.session, 's1');
    const [del] = b.peer.of('streams', 'DELETE');
    assert.deepEqual(ids(del, 'streams'), ['s1']);
    assert.equal(del?.reason, StreamDeleteReason.STOPPED);
    assert.equal(room.streamCount, 0);
  });

  it('a streamID that exists fails with 1003028; more than the per-user limit fails; only the publisher may change a stream', () => {
    const room = new Room('r', 10, 2);
    const a = joined(room, 'alice');
    const b = joined(room, 'bob');
    room.publish(a.session, { streamID: 'main' });
    throwsCode(() => room.publish(b.session, { streamID: 'main' }), ZegoErrorCode.STREAM_ID_EXISTS);
    room.publish(a.session, { streamID: 'second' });
    throwsCode(() => room.publish(a.session, { streamID: 'third' }), ZegoErrorCode.PARAM_INVALID);
    throwsCode(() => room.unpublish(b.session, 'main'), ZegoErrorCode.STREAM_NOT_FOUND);
    throwsCode(() => room.media(b.session, 'main', 'MUTE'), ZegoErrorCode.STREAM_NOT_FOUND);
    assert.deepEqual(
      a.peer.of('streams').map((m) => ids(m, 'streams')),
      [],
    );
    room.media(a.session, 'main', undefined, 'MUTE');
    assert.deepEqual(b.peer.of('media'), [{ t: 'media', streamID: 'main', camera: 'OPEN', mic: 'MUTE' }]);
    assert.deepEqual(a.peer.of('media'), []);
    assert.equal(room.streamCount, 2);
  });
});

describe('Room: a room only sees its own users, streams and messages', () => {
  function twoRooms() {
    const r1 = new Room('r1', 10, 4);
    const r2 = new Room('r2', 10, 4);
    const a = joined(r1, 'alice');
    const b = joined(r1, 'bob');
    const c = joined(r2, 'carol');
    for (const p of [a.peer, b.peer, c.peer]) p.clear();
    return { r1, r2, a, b, c };
  }

  it('users, streams and media stay in their room; the same streamID may exist in both', () => {
    const { r1, r2, a, b, c } = twoRooms();
    r1.publish(a.session, { streamID: 'cam' });
    r2.publish(c.session, { streamID: 'cam' });
    r1.media(a.session, 'cam', 'MUTE');
    joined(r2, 'dave');
    assert.deepEqual(ids(b.peer.of('streams', 'ADD')[0], 'streams'), ['cam']);
    assert.equal((b.peer.of('streams', 'ADD')[0]?.streams as WireStream[])[0]?.user.userID, 'alice');
    assert.deepEqual(
      c.peer.messages.map((m) => m.t),
      ['users', 'count'],
      'carol hears only of dave',
    );
    assert.deepEqual(
      r1.view().users.map((u) => u.userID),
      ['alice', 'bob'],
    );
    assert.deepEqual(
      r2.view().streams.map((s) => s.user.userID),
      ['carol'],
    );
  });

  it('signals go between a publisher and a player of the same room only; broadcasts and commands stay in it', () => {
    const { r1, a, b, c } = twoRooms();
    r1.publish(a.session, { streamID: 'cam' });
    const third = joined(r1, 'third');
    for (const p of [a.peer, b.peer, third.peer]) p.clear();
    r1.signal(b.session, 'alice', 'cam', { type: 'play', video: true });
    assert.deepEqual(a.peer.of('signal'), [
      { t: 'signal', from: 'bob', streamID: 'cam', data: { type: 'play', video: true } },
    ]);
    throwsCode(() => r1.signal(b.session, 'carol', 'cam', { type: 'stop' }), ZegoErrorCode.PARAM_INVALID);
    throwsCode(() => r1.signal(b.session, 'bob', 'cam', { type: 'stop' }), ZegoErrorCode.PARAM_INVALID);
    throwsCode(() => r1.signal(b.session, 'alice', 'nope', { type: 'stop' }), ZegoErrorCode.STREAM_NOT_FOUND);
    throwsCode(() => r1.signal(b.session, 'third', 'cam', { type: 'stop' }), ZegoErrorCode.PARAM_INVALID);

    r1.broadcast(a.session, { t: 'broadcast', from: { userID: 'alice' }, message: 'hi', sendTime: 1, messageID: 1 });
    r1.command(a.session, 'raise-hand', ['third', 'carol', 'alice']);
    r1.command(b.session, 'all', []);
    assert.deepEqual(
      b.peer.messages.map((m) => m.t),
      ['broadcast'],
    );
    assert.deepEqual(
      third.peer.messages.map((m) => `${m.t}:${String(m.command ?? m.message)}`),
      ['broadcast:hi', 'command:raise-hand', 'command:all'],
    );
    assert.deepEqual(
      a.peer.messages.map((m) => `${m.t}:${String(m.command ?? m.message ?? m.from)}`),
      ['signal:bob', 'command:all'],
    );
    assert.deepEqual(c.peer.messages, [], 'nothing crosses rooms');
  });

  it('messages for a detached session are held and handed over on its next connection; room state is not', () => {
    const { r1, a, b } = twoRooms();
    r1.publish(a.session, { streamID: 'cam' });
    a.session.detach(a.peer);
    r1.signal(b.session, 'alice', 'cam', { type: 'offer', sdp: 'v=0' });
    r1.command(b.session, 'ping', ['alice']);
    r1.publish(b.session, { streamID: 'bcam' });
    assert.deepEqual(a.peer.messages, []);
    const next = new Peer();
    a.session.attach(next, 1);
    a.session.deliverHeld();
    assert.deepEqual(
      next.messages.map((m) => m.t),
      ['signal', 'command'],
    );
    assert.deepEqual(
      r1.view(a.session).streams.map((s) => s.streamID),
      ['bcam'],
      'what was missed is in the view a resume reply carries',
    );
  });
});

describe('Room: a removed player is removed from its publishers', () => {
  it('when a player leaves (timeout, logout) or is replaced by a re-login, each publisher it played gets a stop from it', () => {
    const room = new Room('r', 10, 4);
    const alice = joined(room, 'alice');
    const bob = joined(room, 'bob');
    const carol = joined(room, 'carol');
    room.publish(alice.session, { streamID: 'a1' });
    room.publish(carol.session, { streamID: 'c1' });
    // Bob plays both streams; carol plays alice's and then says stop.
    room.signal(bob.session, 'alice', 'a1', { type: 'offer', sdp: 'x' });
    room.signal(bob.session, 'carol', 'c1', { type: 'offer', sdp: 'x' });
    room.signal(carol.session, 'alice', 'a1', { type: 'offer', sdp: 'x' });
    room.signal(carol.session, 'alice', 'a1', { type: 'stop' });
    alice.peer.clear();
    carol.peer.clear();
    room.leave(bob.session, StreamDeleteReason.HEARTBEAT_TIMEOUT);
    const stops = (p: Peer) =>
      p.of('signal').map((m) => `${String(m.from)}:${String(m.streamID)}:${(m.data as { type: string }).type}`);
    assert.deepEqual(stops(alice.peer), ['bob:a1:stop']);
    assert.deepEqual(stops(carol.peer), ['bob:c1:stop']);
    // Carol had stopped on her own: leaving later tells alice nothing more.
    alice.peer.clear();
    room.leave(carol.session, StreamDeleteReason.STOPPED);
    assert.deepEqual(stops(alice.peer), []);
    // A re-login of a player replaces it: its publishers are told the old one stopped.
    const dave = joined(room, 'dave');
    room.signal(dave.session, 'alice', 'a1', { type: 'candidate', candidate: null });
    alice.peer.clear();
    joined(room, 'dave');
    assert.deepEqual(stops(alice.peer), ['dave:a1:stop']);
  });
});

describe('Room: extra info', () => {
  it('room extra info: one key, the others told (not the setter), later joiners read it; a second key is refused (1002017)', () => {
    const room = new Room('r', 10, 4);
    const alice = joined(room, 'alice');
    const bob = joined(room, 'bob');
    bob.peer.clear();
    room.setExtraInfo(alice.session, 'topic', 'standup', 1000);
    assert.deepEqual(bob.peer.of('roomExtra'), [
      { t: 'roomExtra', info: [{ key: 'topic', value: 'standup', updateUser: { userID: 'alice' }, updateTime: 1000 }] },
    ]);
    assert.deepEqual(alice.peer.of('roomExtra'), []);
    room.setExtraInfo(bob.session, 'topic', 'retro', 2000);
    assert.deepEqual(room.extraInfo, [
      { key: 'topic', value: 'retro', updateUser: { userID: 'bob' }, updateTime: 2000 },
    ]);
    throwsCode(() => room.setExtraInfo(alice.session, 'agenda', 'x', 3000), ZegoErrorCode.ROOM_EXTRA_INFO_KEY_LIMIT);
    assert.equal(room.extraInfo.length, 1);
  });

  it('stream extra info: its publisher sets it, the others get streamExtra with the stream; anyone else is refused', () => {
    const room = new Room('r', 10, 4);
    const alice = joined(room, 'alice');
    const bob = joined(room, 'bob');
    room.publish(alice.session, { streamID: 'alice_main', extraInfo: 'first' });
    bob.peer.clear();
    room.setStreamExtraInfo(alice.session, 'alice_main', '{"layer":2}');
    const [update] = bob.peer.of('streamExtra');
    assert.deepEqual(
      (update?.streams as WireStream[]).map((s) => [s.streamID, s.extraInfo]),
      [['alice_main', '{"layer":2}']],
    );
    assert.deepEqual(alice.peer.of('streamExtra'), []);
    // A later joiner sees the new extra info in the stream list.
    const carol = joined(room, 'carol');
    void carol;
    assert.equal(room.view(carol.session).streams[0]?.extraInfo, '{"layer":2}');
    throwsCode(() => room.setStreamExtraInfo(bob.session, 'alice_main', 'x'), ZegoErrorCode.STREAM_NOT_FOUND);
  });
});
