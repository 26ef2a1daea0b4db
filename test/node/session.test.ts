/**
 * `RoomSession` driven by a fake engine that implements just what the session calls (`on`, `off`,
 * login/logout, play/publish, the sound-level delegate) and records those calls. Each test emits
 * engine events the way an engine would and checks the snapshot and the topics an element would
 * be re-rendered by.
 */
import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_MESSAGES, RoomSession, SPEAKING_LEVEL, type EngineEventCall, type Topic } from '../../src/core/session.js';
import { MAX_MESSAGE_BYTES, utf8Length } from '../../src/core/chat.js';
import type {
  ZegoEngine,
  ZegoEngineEventName,
  ZegoEngineEvents,
  ZegoPlayStats,
  ZegoPublishStats,
  ZegoStreamInfo,
  ZegoUser,
} from '../../src/core/engine.js';
import { ZegoError, ZegoErrorCode } from '../../src/core/errors.js';

const ROOM = 'room-1';
const ME = { userID: 'me', userName: 'Me' };
const BOB = { userID: 'bob', userName: 'Bob' };
const CAROL = { userID: 'carol' };

type Listener = (...args: never[]) => void;

/** An engine with only the methods `RoomSession` calls; it records each call. */
class FakeEngine {
  readonly listeners = new Map<ZegoEngineEventName, Set<Listener>>();
  /** Every `on`/`off` call, in order, with the callback it was given. */
  readonly subscriptions: { call: 'on' | 'off'; event: ZegoEngineEventName; callBack: Listener | undefined }[] = [];
  /** Every other call, as `name arg`. */
  readonly calls: string[] = [];
  /** What `loginRoom` does; by default the engine reports LOGINING then LOGINED, as ZEGO's does. */
  login: () => Promise<boolean> = async () => {
    this.emit('roomStateChanged', ROOM, 'LOGINING', 0, '');
    this.emit('roomStateChanged', ROOM, 'LOGINED', 0, '');
    return true;
  };

  on(event: ZegoEngineEventName, callBack: Listener): boolean {
    this.subscriptions.push({ call: 'on', event, callBack });
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(callBack);
    return true;
  }

  off(event: ZegoEngineEventName, callBack?: Listener): boolean {
    this.subscriptions.push({ call: 'off', event, callBack });
    // ZEGO's `off` without a callback drops every listener of the event.
    if (callBack) this.listeners.get(event)?.delete(callBack);
    else this.listeners.delete(event);
    return true;
  }

  /** Calls every listener of `event`, as the engine would. */
  emit<K extends ZegoEngineEventName>(event: K, ...args: Parameters<ZegoEngineEvents[K]>): void {
    for (const cb of [...(this.listeners.get(event) ?? [])]) (cb as unknown as (...a: typeof args) => void)(...args);
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  loginRoom(roomID: string): Promise<boolean> {
    this.calls.push(`loginRoom ${roomID}`);
    return this.login();
  }
  logoutRoom(roomID?: string): void {
    this.calls.push(`logoutRoom ${roomID}`);
  }
  setSoundLevelDelegate(enable: boolean): void {
    this.calls.push(`setSoundLevelDelegate ${enable}`);
  }
  startPlayingStream(streamID: string): Promise<MediaStream> {
    this.calls.push(`startPlayingStream ${streamID}`);
    return Promise.resolve(fakeMedia());
  }
  stopPlayingStream(streamID: string): void {
    this.calls.push(`stopPlayingStream ${streamID}`);
  }
  startPublishingStream(streamID: string): boolean {
    this.calls.push(`startPublishingStream ${streamID}`);
    return true;
  }
  stopPublishingStream(streamID: string): boolean {
    this.calls.push(`stopPublishingStream ${streamID}`);
    return true;
  }
  /** What `sendBroadcastMessage` does; by default the message is sent and gets the next ID. */
  broadcast: (message: string) => Promise<{ errorCode: number; messageID?: number }> = async () => ({
    errorCode: 0,
    messageID: 100 + this.calls.length,
  });
  sendBroadcastMessage(roomID: string, message: string): Promise<{ errorCode: number; messageID?: number }> {
    this.calls.push(`sendBroadcastMessage ${roomID} ${message}`);
    return this.broadcast(message);
  }
}

// Node has no MediaStream: the session only stores and compares them.
const fakeMedia = () => ({}) as MediaStream;

const stream = (streamID: string, user: ZegoUser = BOB): ZegoStreamInfo => ({ streamID, user, extraInfo: '' });

function playStats(videoQuality: number, audioQuality: number): ZegoPlayStats {
  return {
    video: {
      videoBitrate: 500,
      videoFPS: 20,
      videoRenderFPS: 20,
      videoTransferFPS: 20,
      frameWidth: 640,
      frameHeight: 480,
      videoPacketsLost: 0,
      videoPacketsLostRate: 0,
      videoQuality,
      videoFramesDecoded: 100,
      videoFramesDropped: 0,
      videoCumulativeDecodeTime: 200,
      videoCumulativeBreakTime: 0,
      videoCumulativeBreakRate: 0,
      googCodecName: 'VP8',
      muteState: '0',
    },
    audio: {
      audioBitrate: 32,
      audioCodec: 'opus',
      googCodecName: 'opus',
      audioFPS: 50,
      audioLevel: 40,
      audioSamplingRate: 48000,
      audioPacketsLost: 0,
      audioPacketsLostRate: 0,
      audioQuality,
      audioJitter: 0,
      audioCumulativeDecodeTime: 5000,
      audioCumulativeBreakTime: 0,
      audioCumulativeBreakRate: 0,
      muteState: '0',
    },
    peerToPeerDelay: 20,
    peerToPeerPacketLostRate: 0,
  };
}

function publishStats(videoQuality: number, audioQuality: number): ZegoPublishStats {
  const { video, audio } = playStats(videoQuality, audioQuality);
  return { video, audio };
}

/** A session on a fake engine, attached, plus a log of every topic notified. */
function setup() {
  const engine = new FakeEngine();
  const session = new RoomSession(engine as unknown as ZegoEngine, ROOM, ME);
  session.attach();
  const notified: Topic[] = [];
  const watch = (...topics: Topic[]) => {
    for (const t of topics) session.subscribe(t, () => notified.push(t));
  };
  /** The topics notified while `run` runs. */
  const during = (run: () => void): Topic[] => {
    notified.length = 0;
    run();
    return [...notified];
  };
  return { engine, session, watch, during };
}

/** A connected session with Bob's streams `a` and `b` in the room, every topic of interest watched. */
async function connected() {
  const s = setup();
  await s.session.login('token');
  s.engine.emit('roomUserUpdate', ROOM, 'ADD', [BOB]);
  s.engine.emit('roomStreamUpdate', ROOM, 'ADD', [stream('a'), stream('b')], '');
  s.watch(
    'state',
    'users',
    'streams',
    'stream:a',
    'stream:b',
    'publish:me_main',
    'local',
    'speaker',
    'token-expiring',
    'screen-ended',
    'leave',
  );
  return s;
}

describe('RoomSession with a fake engine', () => {
  describe('engine listeners', () => {
    it('listens to each event once, however often attach is called', () => {
      const { engine, session } = setup();
      session.attach();
      const events = engine.subscriptions.map((s) => s.event);
      assert.ok(events.length > 0);
      assert.equal(new Set(events).size, events.length, `one listener per event: ${events.join(', ')}`);
      for (const event of ['roomStateChanged', 'roomUserUpdate', 'roomStreamUpdate', 'playQualityUpdate'] as const)
        assert.ok(events.includes(event), `listens to ${event}`);
    });

    it('detach removes every listener it added, always passing the callback', () => {
      const { engine, session } = setup();
      const added = engine.subscriptions.filter((s) => s.call === 'on');
      session.detach();
      session.detach();
      const removed = engine.subscriptions.filter((s) => s.call === 'off');
      assert.equal(engine.listenerCount(), 0);
      assert.equal(removed.length, added.length);
      for (const off of removed) {
        assert.equal(typeof off.callBack, 'function', `off('${off.event}') gets a callback`);
        assert.ok(
          added.some((on) => on.event === off.event && on.callBack === off.callBack),
          `off('${off.event}') gets the callback on() got`,
        );
      }
    });

    it('after logout and detach, engine events change nothing and notify no one', async () => {
      const { engine, session, watch, during } = await connected();
      session.logout();
      session.detach();
      watch('state', 'users', 'streams', 'stream:c');
      const topics = during(() => {
        engine.emit('roomStateChanged', ROOM, 'LOGINED', 0, '');
        engine.emit('roomUserUpdate', ROOM, 'ADD', [CAROL]);
        engine.emit('roomStreamUpdate', ROOM, 'ADD', [stream('c', CAROL)], '');
      });
      assert.deepEqual(topics, []);
      assert.equal(session.status.phase, 'left');
      assert.equal(session.users.size, 0);
      assert.equal(session.streams.size, 0);
    });
  });

  describe('login and logout', () => {
    it('login reports connecting then connected, asks for user updates and sound levels', async () => {
      const { engine, session } = setup();
      const phases: string[] = [];
      session.subscribe('state', () => phases.push(session.status.phase));
      let config: unknown;
      const login = engine.login;
      engine.loginRoom = (_room: string, ...rest: unknown[]) => ((config = rest[2]), login());
      await session.login('token');
      assert.deepEqual([...new Set(phases)], ['connecting', 'connected']);
      assert.deepEqual(session.status, { phase: 'connected', state: 'CONNECTED', reason: 'LOGINED', errorCode: 0 });
      assert.deepEqual(config, { userUpdate: true });
      assert.ok(engine.calls.includes('setSoundLevelDelegate true'));
    });

    it('a refused login rejects with the engine’s code and leaves the state failed', async () => {
      const { engine, session } = setup();
      engine.login = () => Promise.reject({ code: ZegoErrorCode.TOKEN_ERROR, msg: 'bad token' });
      await assert.rejects(session.login('token'), (err: unknown) => {
        assert.ok(err instanceof ZegoError);
        assert.equal(err.code, ZegoErrorCode.TOKEN_ERROR);
        return true;
      });
      assert.equal(session.status.phase, 'failed');
      assert.equal(session.status.errorCode, ZegoErrorCode.TOKEN_ERROR);
    });

    it('a login with no answer times out with LOGIN_TIMEOUT and logs out', async () => {
      const { engine, session } = setup();
      engine.login = () => new Promise(() => undefined);
      await assert.rejects(session.login('token', {}, 10), { code: ZegoErrorCode.LOGIN_TIMEOUT });
      assert.equal(session.status.phase, 'failed');
      assert.ok(engine.calls.includes(`logoutRoom ${ROOM}`));
    });

    it('logout stops publishing and playing, logs out once and clears the room', async () => {
      const { engine, session } = await connected();
      session.publish('me_main', fakeMedia());
      await session.acquire('a');
      engine.calls.length = 0;
      session.logout();
      session.logout();
      assert.deepEqual(engine.calls.sort(), [
        `logoutRoom ${ROOM}`,
        'stopPlayingStream a',
        'stopPublishingStream me_main',
      ]);
      assert.equal(session.status.phase, 'left');
      assert.equal(session.streams.size, 0);
      assert.equal(session.users.size, 0);
      assert.equal(session.published.size, 0);
    });
  });

  describe('snapshot', () => {
    it('holds users, online count and streams with their defaults', async () => {
      const { engine, session } = await connected();
      engine.emit('roomUserUpdate', ROOM, 'ADD', [CAROL]);
      engine.emit('roomOnlineUserCountUpdate', ROOM, 3);
      assert.deepEqual([...session.users.keys()], ['bob', 'carol']);
      assert.equal(session.onlineCount, 3);
      assert.deepEqual(session.streams.get('a'), {
        streamID: 'a',
        user: BOB,
        extraInfo: '',
        playState: 'NO_PLAY',
        playError: 0,
        camera: 'OPEN',
        mic: 'OPEN',
        soundLevel: 0,
        quality: -1,
        stats: undefined,
      });
      engine.emit('roomUserUpdate', ROOM, 'DELETE', [BOB]);
      engine.emit('roomStreamUpdate', ROOM, 'DELETE', [stream('a')], '');
      assert.deepEqual([...session.users.keys()], ['carol']);
      assert.deepEqual([...session.streams.keys()], ['b']);
    });

    it('follows a stream’s player state, quality (the worse of video and audio), camera, mic and sound level', async () => {
      const { engine, session } = await connected();
      engine.emit('playerStateUpdate', { streamID: 'a', state: 'PLAYING', errorCode: 0, extendedData: '' });
      const stats = playStats(1, 3);
      engine.emit('playQualityUpdate', 'a', stats);
      engine.emit('remoteCameraStatusUpdate', 'a', 'MUTE');
      engine.emit('remoteMicStatusUpdate', 'a', 'MUTE');
      engine.emit('soundLevelUpdate', [{ streamID: 'a', soundLevel: 40, type: 'pull' }]);
      const a = session.streams.get('a')!;
      assert.equal(a.playState, 'PLAYING');
      assert.equal(a.quality, 3);
      assert.equal(a.stats, stats);
      assert.equal(a.camera, 'MUTE');
      assert.equal(a.mic, 'MUTE');
      assert.equal(a.soundLevel, 40);
      assert.equal(session.activeSpeaker, 'a');
      assert.equal(session.streams.get('b')!.quality, -1, 'the other stream is untouched');
    });

    it('follows own published streams: state, quality and sound level', async () => {
      const { engine, session } = await connected();
      assert.equal(session.publish('me_main', fakeMedia()), true);
      assert.equal(session.published.get('me_main')!.state, 'PUBLISH_REQUESTING');
      engine.emit('publisherStateUpdate', { streamID: 'me_main', state: 'PUBLISHING', errorCode: 0, extendedData: '' });
      engine.emit('publishQualityUpdate', 'me_main', publishStats(2, 0));
      engine.emit('soundLevelUpdate', [{ streamID: 'me_main', soundLevel: 50, type: 'push' }]);
      const p = session.published.get('me_main')!;
      assert.equal(p.state, 'PUBLISHING');
      assert.equal(p.quality, 2);
      assert.equal(p.soundLevel, 50);
      assert.equal(session.activeSpeaker, 'me_main');
    });

    it('a stream added before an element subscribed is in the snapshot; later changes reach it', async () => {
      const { engine, session } = await connected();
      const late: number[] = [];
      assert.ok(session.streams.has('a'));
      session.subscribe('stream:a', () => late.push(session.streams.get('a')?.quality ?? -2));
      engine.emit('playQualityUpdate', 'a', playStats(0, 0));
      assert.deepEqual(late, [0]);
    });
  });

  describe('topics', () => {
    it('each engine event notifies its topics', async () => {
      const { engine, session, during } = await connected();
      const cases: [string, () => void, Topic[]][] = [
        ['a user joins', () => engine.emit('roomUserUpdate', ROOM, 'ADD', [CAROL]), ['users']],
        ['the online count', () => engine.emit('roomOnlineUserCountUpdate', ROOM, 4), ['users']],
        ['a stream is added', () => engine.emit('roomStreamUpdate', ROOM, 'ADD', [stream('c')], ''), ['streams']],
        [
          'a stream is deleted',
          () => engine.emit('roomStreamUpdate', ROOM, 'DELETE', [stream('b')], ''),
          ['stream:b', 'streams'],
        ],
        [
          'player state',
          () => engine.emit('playerStateUpdate', { streamID: 'a', state: 'PLAYING', errorCode: 0, extendedData: '' }),
          ['stream:a'],
        ],
        ['remote camera', () => engine.emit('remoteCameraStatusUpdate', 'a', 'MUTE'), ['stream:a']],
        ['remote mic', () => engine.emit('remoteMicStatusUpdate', 'a', 'MUTE'), ['stream:a']],
        [
          'a remote speaker',
          () => engine.emit('soundLevelUpdate', [{ streamID: 'a', soundLevel: 60, type: 'pull' }]),
          ['stream:a', 'speaker'],
        ],
        [
          'the same speaker a bit louder',
          () => engine.emit('soundLevelUpdate', [{ streamID: 'a', soundLevel: 62, type: 'pull' }]),
          [],
        ],
        ['own voice starts', () => engine.emit('capturedSoundLevelUpdate', SPEAKING_LEVEL + 5), ['local']],
        ['own voice a bit louder', () => engine.emit('capturedSoundLevelUpdate', SPEAKING_LEVEL + 20), []],
        ['own media switches', () => session.setLocal({ camera: false }), ['local']],
        ['publishing starts', () => session.publish('me_main', fakeMedia()), ['publish:me_main']],
        [
          'publisher state',
          () =>
            engine.emit('publisherStateUpdate', {
              streamID: 'me_main',
              state: 'PUBLISHING',
              errorCode: 0,
              extendedData: '',
            }),
          ['publish:me_main'],
        ],
        [
          'publish quality',
          () => engine.emit('publishQualityUpdate', 'me_main', publishStats(1, 1)),
          ['publish:me_main'],
        ],
        ['the token expires soon', () => engine.emit('tokenWillExpire', ROOM), ['token-expiring']],
        ['an element asks to leave', () => session.requestLeave(), ['leave']],
        ['reconnecting', () => engine.emit('roomStateChanged', ROOM, 'RECONNECTING', 0, ''), ['state']],
      ];
      for (const [what, run, topics] of cases) assert.deepEqual(during(run), topics, what);
    });

    it('a quality update for one stream notifies only that stream’s topic', async () => {
      const { engine, during } = await connected();
      assert.deepEqual(
        during(() => engine.emit('playQualityUpdate', 'a', playStats(2, 1))),
        ['stream:a'],
      );
    });

    it('the browser ending the shared screen notifies screen-ended; another stream ending does not', async () => {
      const { engine, session, during } = await connected();
      const screen = fakeMedia();
      session.setLocal({ screen });
      assert.deepEqual(
        during(() => engine.emit('screenSharingEnded', fakeMedia())),
        [],
      );
      assert.deepEqual(
        during(() => engine.emit('screenSharingEnded', screen)),
        ['screen-ended'],
      );
    });

    it('a disconnect clears the room and notifies every stream, the lists and the state', async () => {
      const { engine, session, during } = await connected();
      const topics = during(() => engine.emit('roomStateChanged', ROOM, 'KICKOUT', 1002050, ''));
      assert.deepEqual(topics.sort(), ['state', 'stream:a', 'stream:b', 'streams', 'users']);
      assert.deepEqual(session.status, {
        phase: 'kicked',
        state: 'DISCONNECTED',
        reason: 'KICKOUT',
        errorCode: 1002050,
      });
    });

    it('tap sees each event with its arguments after the snapshot is updated', async () => {
      const { engine, session } = await connected();
      const seen: [string, number][] = [];
      session.tap = (...[event, args]: EngineEventCall) => {
        if (event === 'roomStreamUpdate') seen.push([args[2][0]!.streamID, session.streams.size]);
      };
      engine.emit('roomStreamUpdate', ROOM, 'ADD', [stream('c')], '');
      assert.deepEqual(seen, [['c', 3]]);
    });
  });

  describe('guards', () => {
    it('ignores events for another room', async () => {
      const { engine, session, during } = await connected();
      const topics = during(() => {
        engine.emit('roomStateChanged', 'other', 'LOGOUT', 0, '');
        engine.emit('roomUserUpdate', 'other', 'ADD', [CAROL]);
        engine.emit('roomStreamUpdate', 'other', 'ADD', [stream('c', CAROL)], '');
        engine.emit('roomOnlineUserCountUpdate', 'other', 9);
        engine.emit('tokenWillExpire', 'other');
      });
      assert.deepEqual(topics, []);
      assert.equal(session.onlineCount, 0);
      assert.equal(session.status.phase, 'connected');
      assert.deepEqual([...session.users.keys()], ['bob']);
      assert.deepEqual([...session.streams.keys()], ['a', 'b']);
    });

    it('ignores updates for streams not in the room and not published', async () => {
      const { engine, session, watch, during } = await connected();
      watch('stream:x', 'publish:x');
      const topics = during(() => {
        engine.emit('playerStateUpdate', { streamID: 'x', state: 'PLAYING', errorCode: 0, extendedData: '' });
        engine.emit('playQualityUpdate', 'x', playStats(1, 1));
        engine.emit('remoteCameraStatusUpdate', 'x', 'MUTE');
        engine.emit('remoteMicStatusUpdate', 'x', 'MUTE');
        engine.emit('publisherStateUpdate', { streamID: 'x', state: 'PUBLISHING', errorCode: 0, extendedData: '' });
        engine.emit('publishQualityUpdate', 'x', publishStats(1, 1));
        engine.emit('soundLevelUpdate', [{ streamID: 'x', soundLevel: 5, type: 'pull' }]);
      });
      assert.deepEqual(topics, []);
      assert.equal(session.streams.has('x'), false);
      assert.equal(session.published.has('x'), false);
    });

    it('a late LOGINING or LOGOUT does not hide a failure or a kick; a renewal failure keeps the call', async () => {
      const { engine, session } = await connected();
      engine.emit('roomStateChanged', ROOM, 'LOGINED', ZegoErrorCode.TOKEN_ERROR, '');
      assert.equal(session.status.phase, 'connected');
      engine.emit('roomStateChanged', ROOM, 'KICKOUT', 1002050, '');
      engine.emit('roomStateChanged', ROOM, 'LOGINING', 0, '');
      engine.emit('roomStateChanged', ROOM, 'LOGOUT', 0, '');
      assert.equal(session.status.phase, 'kicked');
    });
  });

  describe('subscriptions', () => {
    it('unsubscribing stops notifications and is counted', async () => {
      const { engine, session } = await connected();
      const before = session.subscriptionCount();
      let calls = 0;
      const off = session.subscribe('stream:a', () => calls++);
      assert.equal(session.subscriptionCount('stream:a'), 2);
      assert.equal(session.subscriptionCount(), before + 1);
      engine.emit('remoteMicStatusUpdate', 'a', 'MUTE');
      off();
      off();
      engine.emit('remoteMicStatusUpdate', 'a', 'OPEN');
      assert.equal(calls, 1);
      assert.equal(session.subscriptionCount('stream:a'), 1);
      assert.equal(session.subscriptionCount(), before);
    });

    it('a subscriber that throws does not keep the others from being notified', async () => {
      const { engine, session } = await connected();
      const error = mock.method(console, 'error', () => undefined);
      try {
        let reached = false;
        session.subscribe('users', () => {
          throw new Error('boom');
        });
        session.subscribe('users', () => (reached = true));
        engine.emit('roomUserUpdate', ROOM, 'ADD', [CAROL]);
        assert.equal(reached, true);
        assert.equal(error.mock.callCount(), 1);
      } finally {
        error.mock.restore();
      }
    });
  });

  describe('playback sharing', () => {
    it('two acquires of a stream play it once; the last release stops it', async () => {
      const { engine, session } = await connected();
      const [m1, m2] = await Promise.all([session.acquire('a'), session.acquire('a')]);
      assert.equal(m1, m2);
      assert.equal(engine.calls.filter((c) => c === 'startPlayingStream a').length, 1);
      session.release('a');
      assert.ok(!engine.calls.includes('stopPlayingStream a'));
      session.release('a');
      assert.equal(engine.calls.filter((c) => c === 'stopPlayingStream a').length, 1);
    });
  });

  describe('chat', () => {
    const said = (messageID: number, message: string, fromUser: ZegoUser = BOB, sendTime = 1000 + messageID) => ({
      fromUser,
      message,
      sendTime,
      messageID,
    });

    it('keeps what arrives for its room, in order, notifying `messages`; another room’s chat is not its', async () => {
      const { engine, session, watch, during } = await connected();
      watch('messages');
      const topics = during(() => {
        engine.emit('IMRecvBroadcastMessage', ROOM, [said(1, 'hi'), said(2, 'there', CAROL)]);
        engine.emit('IMRecvBroadcastMessage', 'other-room', [said(3, 'elsewhere')]);
      });
      assert.deepEqual(topics, ['messages']);
      assert.deepEqual(
        session.messages.map((m) => [m.fromUser.userID, m.message, m.own]),
        [
          ['bob', 'hi', false],
          ['carol', 'there', false],
        ],
      );
    });

    it('a message told twice (a rejoin replays the room’s history) is kept once; your own from an earlier login is yours', async () => {
      const { engine, session } = await connected();
      engine.emit('IMRecvBroadcastMessage', ROOM, [said(1, 'hi'), said(2, 'me before', ME)]);
      engine.emit('IMRecvBroadcastMessage', ROOM, [said(1, 'hi'), said(2, 'me before', ME), said(3, 'new')]);
      assert.deepEqual(
        session.messages.map((m) => `${m.message}${m.own ? ' (own)' : ''}`),
        ['hi', 'me before (own)', 'new'],
      );
    });

    it(`keeps the last ${MAX_MESSAGES}`, async () => {
      const { engine, session } = await connected();
      for (let i = 1; i <= MAX_MESSAGES + 50; i++) engine.emit('IMRecvBroadcastMessage', ROOM, [said(i, `m${i}`)]);
      assert.equal(session.messages.length, MAX_MESSAGES);
      assert.equal(session.messages[0]?.message, 'm51');
      assert.equal(session.messages.at(-1)?.message, `m${MAX_MESSAGES + 50}`);
      // An evicted message told again is new again (it is not remembered forever).
      engine.emit('IMRecvBroadcastMessage', ROOM, [said(1, 'm1')]);
      assert.equal(session.messages.at(-1)?.message, 'm1');
    });

    it('sendMessage sends to the room and keeps your message with the engine’s ID and the time now', async () => {
      const { engine, session, watch, during } = await connected();
      watch('messages');
      engine.broadcast = async () => ({ errorCode: 0, messageID: 42 });
      const before = Date.now();
      let sent: Promise<unknown> = Promise.resolve();
      const topics = during(() => void (sent = session.sendMessage('hello')));
      assert.deepEqual(topics, [], 'nothing is kept before the engine accepted it');
      const m = (await sent) as { messageID: number; sendTime: number };
      assert.ok(engine.calls.includes(`sendBroadcastMessage ${ROOM} hello`));
      assert.deepEqual(
        session.messages.map((x) => [x.messageID, x.fromUser.userID, x.message, x.own]),
        [[42, 'me', 'hello', true]],
      );
      assert.ok(m.sendTime >= before && m.sendTime <= Date.now());
    });

    it('an engine that gives no message ID (ZEGO’s typings promise none) still keeps each message', async () => {
      const { engine, session } = await connected();
      engine.broadcast = async () => ({ errorCode: 0 });
      await session.sendMessage('one');
      await session.sendMessage('two');
      assert.deepEqual(
        session.messages.map((m) => m.message),
        ['one', 'two'],
      );
    });

    it(`refuses more than ${MAX_MESSAGE_BYTES} UTF-8 bytes with 1009013 before sending anything`, async () => {
      const { engine, session } = await connected();
      const euros = '€'.repeat(341); // 1,023 bytes
      assert.equal(utf8Length(`${euros}a`), 1024);
      await assert.rejects(session.sendMessage(`${euros}ab`), (err: unknown) => {
        assert.ok(err instanceof ZegoError);
        assert.equal(err.code, ZegoErrorCode.MESSAGE_TOO_LONG);
        return true;
      });
      await assert.rejects(session.sendMessage('😀'.repeat(257)), { code: ZegoErrorCode.MESSAGE_TOO_LONG });
      assert.equal(engine.calls.filter((c) => c.startsWith('sendBroadcastMessage')).length, 0, 'nothing was sent');
      assert.deepEqual(session.messages, []);
      await session.sendMessage(`${euros}a`);
      assert.equal(session.messages.length, 1, 'exactly 1,024 bytes go');
    });

    it('a send the engine refuses or fails rejects with its code and keeps nothing', async () => {
      const { engine, session } = await connected();
      engine.broadcast = async () => ({ errorCode: ZegoErrorCode.RATE_LIMITED });
      await assert.rejects(session.sendMessage('hi'), { code: ZegoErrorCode.RATE_LIMITED });
      engine.broadcast = () => Promise.reject({ code: ZegoErrorCode.NOT_LOGGED_IN, msg: 'not logged in' });
      await assert.rejects(session.sendMessage('hi'), { code: ZegoErrorCode.NOT_LOGGED_IN });
      assert.deepEqual(session.messages, []);
    });

    it('leaving clears the chat; a failure keeps it to read', async () => {
      const { engine, session, watch, during } = await connected();
      engine.emit('IMRecvBroadcastMessage', ROOM, [said(1, 'hi')]);
      engine.emit('roomStateChanged', ROOM, 'RECONNECT_FAILED', ZegoErrorCode.NETWORK_BROKEN, '');
      assert.equal(session.messages.length, 1);
      watch('messages');
      assert.ok(during(() => session.logout()).includes('messages'));
      assert.deepEqual(session.messages, []);
      // A send still under way when you left is not kept.
      await session.sendMessage('late');
      assert.deepEqual(session.messages, []);
    });
  });

  describe('UTF-8 length', () => {
    it('counts as TextEncoder does', () => {
      for (const text of ['', 'abc', 'é', '€', '中文', '😀', 'a😀b', '\ud800', '\udc00x', 'x\ud83d'])
        assert.equal(utf8Length(text), new TextEncoder().encode(text).length, JSON.stringify(text));
    });
  });
});
