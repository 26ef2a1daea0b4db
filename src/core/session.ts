/**
 * `RoomSession`: one subscription per engine event, a snapshot of the room, and notifications by
 * topic. `<zego-room>` creates one per login and provides it to its descendants; elements mounted
 * late read the snapshot, so they never miss a stream added before they existed.
 *
 * Topics ({@link Topic}): `state`, `users`, `streams` (the list changed), `stream:<id>` (one remote
 * stream's player state, quality, camera/mic or sound level), `publish:<id>` (one own stream),
 * `local` (own camera/mic switches, devices and captured sound level), `speaker` (the active
 * speaker changed), `token-expiring` (the engine asks for a new token), `screen-ended` (the
 * browser ended the screen share), `messages` (the room's chat changed), `gestures` (a hand went up
 * or down, a reaction came or went: `zego-elements/gestures`) and `leave` (an element asked to leave).
 *
 * No DOM at import; safe under SSR.
 */
import type {
  ZegoDeviceStatus,
  ZegoEngine,
  ZegoEngineEventName,
  ZegoEngineEvents,
  ZegoPlayState,
  ZegoPlayStats,
  ZegoPublishState,
  ZegoPublishStats,
  ZegoPublishStreamAudioConfig,
  ZegoRoomConfig,
  ZegoRoomState,
  ZegoRoomStateChangedReason,
  ZegoUser,
} from './engine.js';
import { ZegoError, errorCodeOf, messageOf } from './errors.js';
import { SPEAKING_LEVEL, isActive } from './phase.js';
import { LOGIN_TIMEOUT, MESSAGE_TOO_LONG, NETWORK_BROKEN } from './codes.js';
import { detectCapabilities, type Capabilities } from './capabilities.js';
import { MAX_MESSAGE_BYTES, utf8Length, type ChatMessage } from './chat.js';
import type { Gestures } from './gestures.js';

export interface RemoteStreamState {
  streamID: string;
  user: ZegoUser;
  extraInfo: string;
  playState: ZegoPlayState;
  playError: number;
  camera: ZegoDeviceStatus;
  mic: ZegoDeviceStatus;
  /** 0..100 */
  soundLevel: number;
  /** -1 unknown, 0 excellent … 4 die. */
  quality: number;
  stats: ZegoPlayStats | undefined;
}

export interface PublishedStreamState {
  streamID: string;
  stream: MediaStream;
  state: ZegoPublishState;
  errorCode: number;
  soundLevel: number;
  quality: number;
  stats: ZegoPublishStats | undefined;
}

/** The app's own media switches, shared by `<zego-preview>` and `<zego-call-controls>`. */
export interface LocalMedia {
  camera: boolean;
  microphone: boolean;
  /** Chosen device IDs ('' = default). */
  cameraDevice: string;
  microphoneDevice: string;
  speakerDevice: string;
  /** The camera stream `<zego-preview>` captured, once it has (audio only when the camera could not be had). */
  stream: MediaStream | undefined;
  /**
   * Why the camera could not be captured: ZEGO's code (1103064 permission denied, 1103061 none
   * found, 1103065 in use elsewhere…), 0 when it could (or was not tried yet).
   */
  cameraError: number;
  /** Why the microphone could not be captured, as `cameraError`. */
  microphoneError: number;
  /** A screen-share stream being published, if any. */
  screen: MediaStream | undefined;
  /**
   * The microphone's noise suppression, gain control and echo cancellation (ZEGO's `ANS`, `AGC`,
   * `AEC`; each on unless false), kept for every capture; the devices panel changes them live.
   */
  processing?: ZegoPublishStreamAudioConfig;
}

export type RoomPhase = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'kicked' | 'left';

export interface RoomStatus {
  phase: RoomPhase;
  state: ZegoRoomState;
  reason: ZegoRoomStateChangedReason | '';
  errorCode: number;
}

export { SPEAKING_LEVEL, isActive };

/** How many chat messages a session keeps (the oldest go first). */
export const MAX_MESSAGES = 200;

/** What a session notifies; see the module comment. */
export type Topic =
  | 'state'
  | 'users'
  | 'streams'
  | `stream:${string}`
  | `publish:${string}`
  | 'local'
  | 'speaker'
  | 'token-expiring'
  | 'screen-ended'
  | 'messages'
  | 'gestures'
  | 'leave';

/** One engine event and its callback arguments, as {@link RoomSession.tap} sees it. */
export type EngineEventCall = {
  [K in ZegoEngineEventName]: [event: K, args: Parameters<ZegoEngineEvents[K]>];
}[ZegoEngineEventName];

/** `on` and `off` as one generic signature (the contract spells them as one overload per event). */
type Listen = <K extends ZegoEngineEventName>(event: K, callBack: ZegoEngineEvents[K]) => boolean;

type Handler = () => void;

export class RoomSession {
  readonly engine: ZegoEngine;
  readonly roomID: string;
  readonly user: ZegoUser;
  status: RoomStatus = { phase: 'idle', state: 'DISCONNECTED', reason: '', errorCode: 0 };
  readonly users = new Map<string, ZegoUser>();
  readonly streams = new Map<string, RemoteStreamState>();
  readonly published = new Map<string, PublishedStreamState>();
  readonly local: LocalMedia = {
    camera: true,
    microphone: true,
    cameraDevice: '',
    microphoneDevice: '',
    speakerDevice: '',
    stream: undefined,
    cameraError: 0,
    microphoneError: 0,
    screen: undefined,
  };
  /** What this browser can do (WebRTC, capture, screen sharing, speaker selection), for apps too. */
  readonly capabilities: Capabilities = detectCapabilities();
  onlineCount = 0;
  capturedSoundLevel = 0;
  /** Your own network (ZEGO's `networkQuality` upstream grade for you): -1 unknown, 0 excellent … 4 die. */
  uplinkQuality = -1;
  /** The streamID of whoever speaks loudest now, or '' (own streams included). */
  activeSpeaker = '';
  /**
   * The room's chat, oldest first: what arrived (`IMRecvBroadcastMessage`) and what you sent, the
   * last {@link MAX_MESSAGES}. Cleared when you leave.
   */
  readonly messages: ChatMessage[] = [];
  /** Raised hands and reactions, once something loaded them (`gesturesOf(session)`). */
  declare gestures?: Gestures;
  /** Sees every engine event the session handles, after the snapshot is updated (for re-emitting). */
  tap: ((...call: EngineEventCall) => void) | undefined;

  readonly #topics = new Map<Topic, Set<Handler>>();
  /** Removes one engine listener each; empty while detached. */
  #offs: (() => void)[] = [];
  #attached = false;
  #loggingIn = false;
  readonly #plays = new Map<string, { count: number; media: Promise<MediaStream> }>();
  /** Who shows each stream's video now, and the streams whose video is not received. */
  readonly #viewers = new Map<string, Map<object, number>>();
  readonly #videoOff = new Set<string>();
  /** Streams received small (their video shown narrow by every viewer). */
  readonly #small = new Set<string>();
  /** IDs for own messages the engine gave none for. */
  #localMessageID = 0;
  /** The chat was cleared on leaving: messages that come after (until a login) are not kept. */
  #hasLeft = false;

  constructor(engine: ZegoEngine, roomID: string, user: ZegoUser) {
    this.engine = engine;
    this.roomID = roomID;
    this.user = user;
  }

  // ------------------------------------------------------------ subscriptions

  /** Calls `handler` whenever `topic` changes; returns the unsubscribe function. */
  subscribe(topic: Topic, handler: Handler): () => void {
    let set = this.#topics.get(topic);
    if (!set) this.#topics.set(topic, (set = new Set()));
    set.add(handler);
    return () => {
      const s = this.#topics.get(topic);
      if (s?.delete(handler) && s.size === 0) this.#topics.delete(topic);
    };
  }

  /** Number of live subscriptions (for a topic, or all). */
  subscriptionCount(topic?: Topic): number {
    if (topic) return this.#topics.get(topic)?.size ?? 0;
    let n = 0;
    for (const s of this.#topics.values()) n += s.size;
    return n;
  }

  /** @internal */
  notify(topic: Topic): void {
    const set = this.#topics.get(topic);
    if (!set) return;
    for (const h of [...set]) {
      try {
        h();
      } catch (err) {
        console.error('zego-elements: a session subscriber threw', err);
      }
    }
  }

  // ------------------------------------------------------------ engine events

  /** Subscribes to each engine event exactly once. Idempotent. */
  attach(): void {
    if (this.#attached) return;
    this.#attached = true;
    this.#listen('roomStateChanged', this.#onRoomState);
    this.#listen('roomUserUpdate', this.#onUsers);
    this.#listen('roomStreamUpdate', this.#onStreams);
    this.#listen('roomOnlineUserCountUpdate', (roomID, count) => {
      if (roomID !== this.roomID) return;
      this.onlineCount = count;
      this.notify('users');
    });
    this.#listen('playerStateUpdate', ({ streamID, state, errorCode }) =>
      this.#updateStream(streamID, (s) => {
        s.playState = state;
        s.playError = errorCode;
      }),
    );
    this.#listen('publisherStateUpdate', ({ streamID, state, errorCode }) =>
      this.#updatePublished(streamID, (p) => {
        p.state = state;
        p.errorCode = errorCode;
      }),
    );
    this.#listen('playQualityUpdate', (streamID, stats) =>
      this.#updateStream(streamID, (s) => {
        s.stats = stats;
        s.quality = Math.max(stats.video.videoQuality, stats.audio.audioQuality);
      }),
    );
    this.#listen('publishQualityUpdate', (streamID, stats) =>
      this.#updatePublished(streamID, (p) => {
        p.stats = stats;
        p.quality = Math.max(stats.video.videoQuality, stats.audio.audioQuality);
      }),
    );
    this.#listen('remoteCameraStatusUpdate', (streamID, status) =>
      this.#updateStream(streamID, (s) => void (s.camera = status)),
    );
    this.#listen('remoteMicStatusUpdate', (streamID, status) =>
      this.#updateStream(streamID, (s) => void (s.mic = status)),
    );
    this.#listen('soundLevelUpdate', this.#onSoundLevels);
    this.#listen('capturedSoundLevelUpdate', (level) => {
      const was = this.capturedSoundLevel >= SPEAKING_LEVEL;
      this.capturedSoundLevel = level;
      if (was !== level >= SPEAKING_LEVEL) this.notify('local');
    });
    this.#listen('networkQuality', (userID, upstream) => {
      if (userID !== this.user.userID || upstream === this.uplinkQuality) return;
      this.uplinkQuality = upstream;
      this.notify('local');
    });
    this.#listen('tokenWillExpire', (roomID) => {
      if (roomID === this.roomID) this.notify('token-expiring');
    });
    this.#listen('screenSharingEnded', (stream) => {
      if (this.local.screen === stream) this.notify('screen-ended');
    });
    this.#listen('IMRecvBroadcastMessage', (roomID, list) => {
      if (roomID !== this.roomID) return;
      this.#addMessages(list.map((m) => ({ ...m, own: m.fromUser.userID === this.user.userID })));
    });
  }

  /** Removes exactly the listeners `attach` added (always passing the callback). Idempotent. */
  detach(): void {
    if (!this.#attached) return;
    this.#attached = false;
    for (const off of this.#offs) off();
    this.#offs = [];
  }

  /** Listens to one engine event: `handle` updates the snapshot, then `tap` sees the event. */
  #listen<K extends ZegoEngineEventName>(event: K, handle: ZegoEngineEvents[K]): void {
    type Args = Parameters<ZegoEngineEvents[K]>;
    const callBack = ((...args: Args) => {
      (handle as (...a: Args) => void)(...args);
      (this.tap as ((event: K, args: Args) => void) | undefined)?.(event, args);
    }) as ZegoEngineEvents[K];
    (this.engine.on as Listen)(event, callBack);
    this.#offs.push(() => (this.engine.off as Listen)(event, callBack));
  }

  readonly #onRoomState: ZegoEngineEvents['roomStateChanged'] = (roomID, reason, errorCode) => {
    if (roomID !== this.roomID) return;
    const phase: Record<ZegoRoomStateChangedReason, RoomPhase> = {
      LOGINING: 'connecting',
      LOGINED: 'connected',
      LOGIN_FAILED: 'failed',
      RECONNECTING: 'reconnecting',
      RECONNECTED: 'connected',
      RECONNECT_FAILED: 'failed',
      KICKOUT: 'kicked',
      LOGOUT: 'left',
      LOGOUT_FAILED: 'left',
    };
    // A renewal failure is reported as LOGINED with a code: it changes nothing about the connection.
    if (reason === 'LOGINED' && errorCode && this.status.phase === 'connected') return;
    // Engines may report a login's start or a logout after the session already gave up on it
    // (ZEGO's SDK emits asynchronously): the failure or kick stays what the user sees.
    if (reason === 'LOGINING' && !this.#loggingIn) return;
    if (
      (reason === 'LOGOUT' || reason === 'LOGOUT_FAILED') &&
      (this.status.phase === 'failed' || this.status.phase === 'kicked')
    )
      return;
    const state: ZegoRoomState =
      phase[reason] === 'connected'
        ? 'CONNECTED'
        : phase[reason] === 'connecting' || phase[reason] === 'reconnecting'
          ? 'CONNECTING'
          : 'DISCONNECTED';
    this.status = { phase: phase[reason], state, reason, errorCode };
    if (state === 'DISCONNECTED') this.#clearRoom();
    if (this.status.phase === 'left') this.#clearMessages();
    this.notify('state');
  };

  readonly #onUsers: ZegoEngineEvents['roomUserUpdate'] = (roomID, type, list) => {
    if (roomID !== this.roomID) return;
    for (const u of list) {
      if (type === 'ADD') this.users.set(u.userID, u);
      else this.users.delete(u.userID);
    }
    this.notify('users');
  };

  readonly #onStreams: ZegoEngineEvents['roomStreamUpdate'] = (roomID, type, list) => {
    if (roomID !== this.roomID) return;
    for (const s of list) {
      if (type === 'ADD') {
        this.streams.set(s.streamID, {
          streamID: s.streamID,
          user: s.user,
          extraInfo: s.extraInfo,
          playState: 'NO_PLAY',
          playError: 0,
          camera: 'OPEN',
          mic: 'OPEN',
          soundLevel: 0,
          quality: -1,
          stats: undefined,
        });
      } else {
        this.streams.delete(s.streamID);
      }
      this.notify(`stream:${s.streamID}`);
    }
    this.notify('streams');
  };

  readonly #onSoundLevels: ZegoEngineEvents['soundLevelUpdate'] = (list) => {
    let loudest = '';
    let max = SPEAKING_LEVEL - 1;
    for (const { streamID, soundLevel, type } of list) {
      if (soundLevel > max) {
        max = soundLevel;
        loudest = streamID;
      }
      if (type === 'pull') {
        const s = this.streams.get(streamID);
        // Re-render a tile only when its speaking indicator would change or the level moved a lot.
        if (
          s &&
          (s.soundLevel >= SPEAKING_LEVEL !== soundLevel >= SPEAKING_LEVEL || Math.abs(s.soundLevel - soundLevel) >= 10)
        )
          this.#updateStream(streamID, (st) => void (st.soundLevel = soundLevel));
        else if (s) s.soundLevel = soundLevel;
      } else {
        const p = this.published.get(streamID);
        if (p && p.soundLevel >= SPEAKING_LEVEL !== soundLevel >= SPEAKING_LEVEL) {
          p.soundLevel = soundLevel;
          this.notify(`publish:${streamID}`);
        } else if (p) p.soundLevel = soundLevel;
      }
    }
    if (loudest && loudest !== this.activeSpeaker) {
      this.activeSpeaker = loudest;
      this.notify('speaker');
    }
  };

  #updateStream(streamID: string, change: (s: RemoteStreamState) => void): void {
    const s = this.streams.get(streamID);
    if (!s) return;
    change(s);
    this.notify(`stream:${streamID}`);
  }

  #updatePublished(streamID: string, change: (p: PublishedStreamState) => void): void {
    const p = this.published.get(streamID);
    if (!p) return;
    change(p);
    this.notify(`publish:${streamID}`);
  }

  #clearRoom(): void {
    const ids = [...this.streams.keys()];
    this.users.clear();
    this.streams.clear();
    for (const id of ids) this.notify(`stream:${id}`);
    for (const id of this.#plays.keys()) this.engine.stopPlayingStream(id);
    this.#plays.clear();
    if (ids.length) this.notify('streams');
    this.notify('users');
  }

  /**
   * Keeps new messages, the last {@link MAX_MESSAGES}; one already kept (the same sender and message
   * ID: a rejoin may be told the room's history again) is skipped.
   */
  #addMessages(list: ChatMessage[]): void {
    // Left (a send may finish after): the chat was cleared, and stays so.
    if (this.#hasLeft) return;
    const kept = this.messages;
    let added = false;
    for (const m of list)
      if (!kept.some((k) => k.messageID === m.messageID && k.fromUser.userID === m.fromUser.userID)) {
        kept.push(m);
        added = true;
      }
    if (!added) return;
    kept.splice(0, kept.length - MAX_MESSAGES);
    this.notify('messages');
  }

  #clearMessages(): void {
    this.#hasLeft = true;
    if (!this.messages.length) return;
    this.messages.length = 0;
    this.notify('messages');
  }

  // ------------------------------------------------------------ actions

  /** Logs in with ZEGO's `userUpdate: true`. Resolves when connected; rejects with `{code, msg}`. */
  /**
   * Joining failed (`code`), also where the engine could not say so: no token could be had, or the
   * engine did not report LOGIN_FAILED. The state becomes `failed`; capture and controls follow it.
   */
  fail(code: number): void {
    if (this.status.phase !== 'failed') this.#onRoomState(this.roomID, 'LOGIN_FAILED', code, '');
  }

  async login(token: string, config: ZegoRoomConfig = {}, timeout = 30000): Promise<void> {
    this.attach();
    this.#hasLeft = false;
    this.status = { phase: 'connecting', state: 'CONNECTING', reason: 'LOGINING', errorCode: 0 };
    this.notify('state');
    this.#loggingIn = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // An engine that keeps retrying (ZEGO's retries for minutes) still ends in a clear failure.
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          this.engine.logoutRoom(this.roomID);
          reject(new ZegoError(LOGIN_TIMEOUT, `no answer from the server in ${timeout} ms`));
        }, timeout);
      });
      await Promise.race([
        this.engine.loginRoom(this.roomID, token, this.user, { userUpdate: true, ...config }),
        expired,
      ]);
      this.engine.setSoundLevelDelegate(true, 500);
    } catch (err) {
      const code = errorCodeOf(err) ?? NETWORK_BROKEN;
      // Engines report LOGIN_FAILED themselves; make sure the state says so even if one did not.
      this.#loggingIn = false;
      this.fail(code);
      throw err instanceof ZegoError ? err : new ZegoError(code, messageOf(err));
    } finally {
      this.#loggingIn = false;
      clearTimeout(timer);
    }
  }

  /** Stops everything this session started and logs out. The session can be detached after. */
  logout(): void {
    for (const id of [...this.published.keys()]) this.unpublish(id);
    for (const id of [...this.#plays.keys()]) this.engine.stopPlayingStream(id);
    this.#plays.clear();
    if (this.status.phase === 'connected' || this.status.phase === 'connecting' || this.status.phase === 'reconnecting')
      this.engine.logoutRoom(this.roomID);
    if (this.status.phase !== 'left') this.#onRoomState(this.roomID, 'LOGOUT', 0, '');
    this.#clearMessages();
  }

  /**
   * Plays a remote stream, shared: two elements showing one stream share one playback, which stops
   * when the last one releases it.
   */
  acquire(streamID: string): Promise<MediaStream> {
    const entry = this.#plays.get(streamID);
    if (entry) {
      entry.count++;
      return entry.media;
    }
    const media = this.engine.startPlayingStream(streamID);
    const record = { count: 1, media };
    this.#plays.set(streamID, record);
    media.catch(() => {
      if (this.#plays.get(streamID) === record) this.#plays.delete(streamID);
    });
    return media;
  }

  /** Releases one `acquire`; the last release stops playing. */
  release(streamID: string): void {
    const entry = this.#plays.get(streamID);
    if (!entry) return;
    if (--entry.count > 0) return;
    this.#plays.delete(streamID);
    this.#viewers.delete(streamID);
    this.#videoOff.delete(streamID);
    this.#small.delete(streamID);
    this.engine.stopPlayingStream(streamID);
  }

  /**
   * `viewer` (an element) shows `streamID`'s video now, `width` device pixels wide, or not. The
   * video of a stream nobody shows is not received (the engine's `mutePlayStreamVideo`), its sound
   * is: a tile on another page, scrolled away, in a tab in the background. One that every viewer
   * shows narrower than 360 device pixels (a thumbnail) is received small, at half its width and
   * height (`setPlayStreamVideoType`); from 400 it is whole again.
   */
  view(streamID: string, viewer: object, visible: boolean, width = Infinity): void {
    const viewers = this.#viewers.get(streamID) ?? new Map<object, number>();
    this.#viewers.set(streamID, viewers);
    if (visible) viewers.set(viewer, width);
    else viewers.delete(viewer);
    const off = !viewers.size;
    if (off !== this.#videoOff.has(streamID)) {
      this.#videoOff[off ? 'add' : 'delete'](streamID);
      void this.engine.mutePlayStreamVideo(streamID, off).catch(() => undefined);
    }
    if (off) return;
    const was = this.#small.has(streamID);
    const small = Math.max(...viewers.values()) < (was ? 400 : 360);
    if (small === was) return;
    this.#small[small ? 'add' : 'delete'](streamID);
    void this.engine.setPlayStreamVideoType(streamID, small ? 0 : 1).catch(() => undefined);
  }

  /** Publishes an own stream and tracks its state under `publish:<id>`. */
  publish(streamID: string, stream: MediaStream): boolean {
    if (this.published.has(streamID)) return true;
    this.published.set(streamID, {
      streamID,
      stream,
      state: 'PUBLISH_REQUESTING',
      errorCode: 0,
      soundLevel: 0,
      quality: -1,
      stats: undefined,
    });
    const sent = this.engine.startPublishingStream(streamID, stream);
    if (!sent) this.published.delete(streamID);
    this.notify(`publish:${streamID}`);
    return sent;
  }

  unpublish(streamID: string): void {
    if (!this.published.delete(streamID)) return;
    this.engine.stopPublishingStream(streamID);
    this.notify(`publish:${streamID}`);
  }

  /** Changes own media switches (camera, microphone, devices); `<zego-preview>` applies them. */
  setLocal(change: Partial<LocalMedia>): void {
    Object.assign(this.local, change);
    this.notify('local');
  }

  /**
   * Sends a chat message to everyone in the room (`sendBroadcastMessage`) and keeps it in
   * {@link messages} once the engine accepted it. A message longer than ZEGO's 1,024 UTF-8 bytes is
   * refused (a `ZegoError` 1009013) before anything is sent.
   *
   * @returns the message as kept.
   * @throws ZegoError with the code the engine answered, or what the engine rejected with
   *   (`{code, msg}`); nothing is kept then.
   */
  async sendMessage(text: string): Promise<ChatMessage> {
    if (utf8Length(text) > MAX_MESSAGE_BYTES)
      throw new ZegoError(MESSAGE_TOO_LONG, `message over ${MAX_MESSAGE_BYTES} bytes`);
    const { errorCode, messageID = --this.#localMessageID } = await this.engine.sendBroadcastMessage(this.roomID, text);
    if (errorCode) throw new ZegoError(errorCode, 'message not sent');
    const message: ChatMessage = { messageID, fromUser: this.user, message: text, sendTime: Date.now(), own: true };
    this.#addMessages([message]);
    return message;
  }

  /** Asks the owner (`<zego-room>`) to leave. */
  requestLeave(): void {
    this.notify('leave');
  }
}
