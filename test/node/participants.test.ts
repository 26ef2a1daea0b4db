/**
 * The rows of `<zego-participants>` (`people`, `matching`), read from a `RoomSession` snapshot set
 * up by hand: who is listed, in what order, and what each row says about microphone, camera,
 * speaking, presenting and network quality.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RoomSession, SPEAKING_LEVEL, type RemoteStreamState } from '../../src/core/session.js';
import type { ZegoEngine, ZegoUser } from '../../src/core/engine.js';
import { matching, people } from '../../src/components/participants/people.js';
import type { Gestures } from '../../src/core/gestures.js';

const ME = { userID: 'me', userName: 'Me' };

function session(): RoomSession {
  return new RoomSession({} as ZegoEngine, 'room', ME);
}

function join(s: RoomSession, ...users: ZegoUser[]): void {
  for (const u of users) s.users.set(u.userID, u);
}

function publish(s: RoomSession, streamID: string, user: ZegoUser, change: Partial<RemoteStreamState> = {}): void {
  s.streams.set(streamID, {
    streamID,
    user,
    extraInfo: '',
    playState: 'NO_PLAY',
    playError: 0,
    camera: 'OPEN',
    mic: 'OPEN',
    soundLevel: 0,
    quality: -1,
    stats: undefined,
    ...change,
  });
}

/** A captured stream, as `<zego-preview>` leaves in `session.local.stream` (only its presence counts). */
const captured = {} as MediaStream;

describe('participants: people()', () => {
  it('lists you first, then the others in the order they joined, with or without streams', () => {
    const s = session();
    join(s, { userID: 'bob', userName: 'Bob' }, { userID: 'carol' }, { userID: 'dave', userName: 'Dave' });
    publish(s, 'dave_main', { userID: 'dave', userName: 'Dave' });
    const list = people(s);
    assert.deepEqual(
      list.map((p) => [p.key, p.name, p.self]),
      [
        ['self', 'Me', true],
        ['user:bob', 'Bob', false],
        ['user:carol', 'carol', false],
        ['user:dave', 'Dave', false],
      ],
    );
    // No stream: no microphone, no camera.
    assert.deepEqual(
      list.map((p) => [p.microphone, p.camera]),
      [
        [false, false],
        [false, false],
        [false, false],
        [true, true],
      ],
    );
  });

  it('a publisher the user list lacks is listed after the others; you are never listed twice', () => {
    const s = session();
    join(s, { userID: 'bob' });
    publish(s, 'eve_main', { userID: 'eve', userName: 'Eve' });
    publish(s, 'me_main', ME);
    assert.deepEqual(
      people(s).map((p) => p.key),
      ['self', 'user:bob', 'user:eve'],
    );
  });

  it('microphone, camera and speaking come from the camera stream; a screen share makes them presenting', () => {
    const s = session();
    const bob = { userID: 'bob.smith@x', userName: 'Bob' };
    join(s, bob);
    // `bob.smith@x` publishes `bob_2Esmith_40x_main` and `…_screen` (streamIDFor).
    publish(s, 'bob_2Esmith_40x_screen', bob, { soundLevel: 90, quality: 4 });
    let [, row] = people(s);
    assert.deepEqual([row!.microphone, row!.camera, row!.speaking, row!.presenting], [false, false, false, true]);
    publish(s, 'bob_2Esmith_40x_main', bob, { mic: 'MUTE', soundLevel: 90, quality: 1 });
    [, row] = people(s);
    // Loud but muted is not speaking; quality is the camera stream's.
    assert.deepEqual([row!.microphone, row!.camera, row!.speaking, row!.quality], [false, true, false, 1]);
    s.streams.get('bob_2Esmith_40x_main')!.mic = 'OPEN';
    s.streams.get('bob_2Esmith_40x_main')!.camera = 'MUTE';
    [, row] = people(s);
    assert.deepEqual([row!.microphone, row!.camera, row!.speaking], [true, false, true]);
    s.streams.get('bob_2Esmith_40x_main')!.soundLevel = SPEAKING_LEVEL - 1;
    assert.equal(people(s)[1]!.speaking, false);
  });

  it('someone whose camera stream has another ID: their first stream that is not a screen', () => {
    const s = session();
    const bob = { userID: 'bob' };
    join(s, bob);
    publish(s, 'bob_screen', bob);
    publish(s, 'bob-camera', bob, { mic: 'MUTE' });
    const [, row] = people(s);
    assert.deepEqual([row!.microphone, row!.camera, row!.presenting], [false, true, true]);
  });

  it('your row: the switches, a device that could not be captured, your sound level and uplink', () => {
    const s = session();
    // Nothing captured yet: off.
    assert.deepEqual([people(s)[0]!.microphone, people(s)[0]!.camera], [false, false]);
    s.local.stream = captured;
    s.capturedSoundLevel = 50;
    s.uplinkQuality = 2;
    let [you] = people(s);
    assert.deepEqual([you!.microphone, you!.camera, you!.speaking, you!.quality], [true, true, true, 2]);
    s.local.microphone = false;
    [you] = people(s);
    assert.deepEqual([you!.microphone, you!.speaking], [false, false]);
    s.local.microphone = true;
    s.local.cameraError = 1103064;
    [you] = people(s);
    assert.deepEqual([you!.microphone, you!.camera], [true, false]);
    s.local.microphoneError = 1103061;
    assert.equal(people(s)[0]!.microphone, false);
    assert.equal(people(s)[0]!.presenting, false);
    s.local.screen = captured;
    assert.equal(people(s)[0]!.presenting, true);
  });

  it('network quality is unknown (-1) until measured', () => {
    const s = session();
    join(s, { userID: 'bob' });
    publish(s, 'bob_main', { userID: 'bob' });
    assert.deepEqual(
      people(s).map((p) => p.quality),
      [-1, -1],
    );
  });
  it('raised hands come right after you, first raised first; the others keep their join order', () => {
    const s = session();
    join(
      s,
      { userID: 'bob', userName: 'Bob' },
      { userID: 'carol' },
      { userID: 'dave', userName: 'Dave' },
      { userID: 'eve' },
    );
    // As `zego-elements/gestures` keeps them: userID → when raised.
    s.gestures = {
      hands: new Map([
        ['eve', 2000],
        ['me', 500],
        ['carol', 1000],
      ]),
    } as Gestures;
    const list = people(s);
    assert.deepEqual(
      list.map((p) => [p.name, p.hand]),
      [
        ['Me', 500],
        ['carol', 1000],
        ['eve', 2000],
        ['Bob', 0],
        ['Dave', 0],
      ],
    );
    // Without gestures loaded nobody's hand is up and the order is the join order.
    delete s.gestures;
    assert.deepEqual(
      people(s).map((p) => [p.name, p.hand]),
      [
        ['Me', 0],
        ['Bob', 0],
        ['carol', 0],
        ['Dave', 0],
        ['eve', 0],
      ],
    );
  });
});

describe('participants: matching()', () => {
  const s = session();
  join(
    s,
    { userID: 'a', userName: 'Ada Lovelace' },
    { userID: 'g', userName: 'Grace' },
    { userID: 'z', userName: '张伟' },
  );
  const list = people(s);

  it('finds names holding the text, ignoring case and surrounding spaces', () => {
    assert.deepEqual(
      matching(list, ' LOVE ').map((p) => p.name),
      ['Ada Lovelace'],
    );
    assert.deepEqual(
      matching(list, 'a').map((p) => p.name),
      ['Ada Lovelace', 'Grace'],
    );
    assert.deepEqual(
      matching(list, '伟').map((p) => p.name),
      ['张伟'],
    );
  });

  it('an empty search finds everyone; a search no name holds, no one', () => {
    assert.equal(matching(list, '').length, 4);
    assert.equal(matching(list, '  ').length, 4);
    assert.deepEqual(matching(list, 'zzz'), []);
  });
});
