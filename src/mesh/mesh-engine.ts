/**
 * `MeshEngine`: the embedded engine. Implements the {@link ZegoEngine} contract with real WebRTC,
 * one RTCPeerConnection per (stream, player), in a full mesh, signalling through a hub.
 *
 * This class is the facade: it checks the app's arguments and reports ZEGO's events. The work is
 * done by small parts: {@link SignallingClient} (the hub session), {@link RoomMirror} (users and
 * streams), {@link Publication} and {@link Playback} (one per stream, each with its peer links),
 * {@link LocalDevices} (capture) and {@link Monitors} (quality and sound levels).
 */
import 'webrtc-adapter';
import type {
  ZegoBroadcastMessageResponse,
  ZegoEngine,
  ZegoPlayOption,
  ZegoPlayState,
  ZegoPublishOption,
  ZegoPublishState,
  ZegoRoomConfig,
  ZegoRoomState,
  ZegoRoomStateChangedReason,
  ZegoServerResponse,
  ZegoUser,
} from '../core/engine.js';
import { ZegoError, errorCodeOf, toErrorInfo } from '../core/errors.js';
import {
  ALREADY_IN_ROOM,
  ALREADY_PLAYING,
  BROWSER_UNSUPPORTED,
  LOGIN_TIMEOUT,
  NETWORK_BROKEN,
  NOT_LOGGED_IN,
  PARAM_INVALID,
  PLAY_STREAM_NOT_FOUND,
  STREAM_ID_EXISTS,
  TOKEN_ERROR,
} from '../core/codes.js';
import { PROTOCOL_VERSION, checkLogin, checkStreamID } from '../hub/ids.js';
import type { LoginReply, SignalData } from '../hub/protocol.js';
import { LocalMediaEngine, mediaOf, type LocalStream } from './local-media-engine.js';
import { Monitors } from './monitors.js';
import { watchPage } from './page-events.js';
import { Playback } from './playback.js';
import { Publication } from './publication.js';
import { RoomMirror } from './room-mirror.js';
import { SignallingClient, type PushMessage } from './signalling.js';
import { WebSocketTransport, type Transport } from './transport.js';

export interface MeshEngineOptions {
  /**
   * ICE servers for the peer connections, before those the server hands over at login (its STUN and
   * TURN, with credentials of their own). Default none: host candidates (same machine or LAN) and
   * whatever the server gives.
   */
  iceServers?: RTCIceServer[];
  /** `relay` forces every connection through TURN (strict networks; tests). Default `all`. */
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** How long to keep trying to get back after the connection drops (resume, then rejoin), ms; 0 disables. Default 300000, as ZEGO's. */
  reconnectTimeout?: number;
  /** Login gives up after this long, ms (1002031). Default 10000. */
  loginTimeout?: number;
  /** Playing gives up when no media arrives after this long, ms (1104031). Default 15000. */
  playTimeout?: number;
  /** Interval of quality callbacks, ms. Default 3000 as ZEGO's. */
  qualityInterval?: number;
  /**
   * Gets a new token for a rejoin (after a server restart, say) when the hub refuses the old one.
   * `<zego-room>` sets it from its `tokenProvider` or dev-mode token fetch. Also settable later.
   */
  fetchToken?: (roomID: string, userID: string) => Promise<string>;
}

/** Whether this browser can send video in `codec` (unknown: assumed so). */
const sends = (codec: string): boolean => {
  const codecs = globalThis.RTCRtpSender?.getCapabilities?.('video')?.codecs;
  return !codecs || codecs.some((c) => c.mimeType.toLowerCase() === `video/${codec.toLowerCase()}`);
};

/** After a rejoin, users and streams the hub lacks are kept this long: the others may be rejoining too. */
const REJOIN_GRACE = 15000;

const extended = (msg: string): string => (msg ? JSON.stringify({ msg }) : '');

export class MeshEngine extends LocalMediaEngine implements ZegoEngine {
  readonly appID: number;
  /** The connection to the hub. */
  readonly transport: Transport;
  /** The hub session; also what publications and playbacks signal through. */
  readonly signalling: SignallingClient;
  /** The ICE servers in use: the app's, then the server's (refreshed before their credentials expire). */
  readonly iceServers: RTCIceServer[] = [];
  #iceTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #opts: Required<Omit<MeshEngineOptions, 'fetchToken'>>;
  readonly #monitors: Monitors;
  /** The room while logging in or in it. */
  #room: RoomMirror | undefined;
  #user: ZegoUser | undefined;
  #loggingIn = false;
  readonly #publications = new Map<string, Publication>();
  readonly #playbacks = new Map<string, Playback>();
  #destroyed = false;
  #unwatchPage = (): void => {};
  /** See {@link MeshEngineOptions.fetchToken}. */
  fetchToken: ((roomID: string, userID: string) => Promise<string>) | undefined;

  /**
   * @param appID the app ID (any positive integer for a dev server).
   * @param server the server's `ws://…/ws` URL, or a transport such as `InPageTransport` (from `zego-elements/mesh`).
   */
  constructor(appID: number, server: string | Transport, options: MeshEngineOptions = {}) {
    super();
    this.appID = appID;
    this.transport = typeof server === 'string' ? new WebSocketTransport(server) : server;
    this.#opts = {
      iceServers: [],
      iceTransportPolicy: 'all',
      reconnectTimeout: 300000,
      loginTimeout: 10000,
      playTimeout: 15000,
      qualityInterval: 3000,
      ...options,
    };
    this.iceServers.push(...this.#opts.iceServers);
    this.fetchToken = options.fetchToken;
    this.signalling = new SignallingClient(
      this.transport,
      {
        push: this.#onPush,
        reconnecting: () => this.#roomState('CONNECTING', 'RECONNECTING'),
        resumed: (reply, rejoined) => this.#resumed(reply, rejoined),
        lost: (code) => this.#leave('RECONNECT_FAILED', code, ''),
      },
      {
        reconnectTimeout: this.#opts.reconnectTimeout,
        refreshToken: async () =>
          this.#room && this.#user ? this.fetchToken?.(this.#room.roomID, this.#user.userID) : undefined,
      },
    );
    this.#monitors = new Monitors(
      {
        publications: () => this.#publications.values(),
        playbacks: () => this.#playbacks.values(),
        localStreams: () => this.devices.streams,
        self: () => (this.signalling.state === 'open' ? this.#user?.userID : undefined),
      },
      this.events,
      this.#opts.qualityInterval,
    );
  }

  #roomState(state: ZegoRoomState, reason: ZegoRoomStateChangedReason, code = 0, msg = ''): void {
    const roomID = this.#room?.roomID ?? '';
    this.events.emit('roomStateUpdate', roomID, state, code, extended(msg));
    this.events.emit('roomStateChanged', roomID, reason, code, extended(msg));
  }

  /** Logged in, or in a room whose link is up. */
  get #inRoom(): boolean {
    return !!this.#room && this.signalling.state === 'open' && !this.#loggingIn;
  }

  // ---------------------------------------------------------------- room

  async loginRoom(roomID: string, token: string, user: ZegoUser, config: ZegoRoomConfig = {}): Promise<boolean> {
    const fail = (code: number, msg: string) => Promise.reject(new ZegoError(code, msg));
    if (this.#destroyed) return fail(PARAM_INVALID, 'the engine was destroyed');
    if (this.#room) return fail(ALREADY_IN_ROOM, 'already logged in to a room');
    const problem = checkLogin(roomID, user, token);
    if (problem) return fail(problem[0], problem[1]);
    const me: ZegoUser =
      user.userName === undefined ? { userID: user.userID } : { userID: user.userID, userName: user.userName };
    const room = new RoomMirror(
      roomID,
      config.userUpdate ?? false,
      this.events,
      (id) => this.#playbacks.get(id)?.end(0, 'the stream was deleted'),
      (id) => this.#playbacks.get(id)?.reconnected(),
    );
    this.#room = room;
    this.#user = me;
    this.#loggingIn = true;
    this.#roomState('CONNECTING', 'LOGINING');
    const cfg: { userUpdate?: boolean; maxMemberCount?: number } = {};
    if (config.userUpdate !== undefined) cfg.userUpdate = config.userUpdate;
    if (config.maxMemberCount !== undefined) cfg.maxMemberCount = config.maxMemberCount;
    try {
      const login = { t: 'login', v: PROTOCOL_VERSION, roomID, token, user: me, config: cfg } as const;
      const reply = await this.signalling.login(login, this.#opts.loginTimeout);
      if (this.#room !== room) throw new ZegoError(LOGIN_TIMEOUT, 'login was abandoned');
      this.#loggingIn = false;
      // A closing page logs out (a logout frame, and a beacon in case the frame never leaves), so the
      // others see it go at once; online and offline are hints to retry, or check the link, at once.
      this.#unwatchPage = watchPage({
        pagehide: () => {
          this.signalling.beacon();
          this.logoutRoom();
        },
        online: () => this.signalling.retryNow(),
        offline: () => this.signalling.probe(),
      });
      this.#monitors.startQuality();
      this.#useIce(reply);
      this.#roomState('CONNECTED', 'LOGINED');
      room.apply(reply);
      return true;
    } catch (err) {
      const { code, msg } = toErrorInfo(err, NETWORK_BROKEN);
      if (this.#room === room) {
        this.signalling.close();
        this.#roomState('DISCONNECTED', 'LOGIN_FAILED', code, msg);
        this.#forget();
      }
      throw new ZegoError(code, msg);
    }
  }

  /**
   * Takes the STUN/TURN servers the server handed over, and asks for fresh TURN credentials when
   * four fifths of their life has passed.
   */
  #useIce(got: { iceServers?: RTCIceServer[]; iceTTL?: number }): void {
    clearTimeout(this.#iceTimer);
    this.iceServers.splice(0, Infinity, ...this.#opts.iceServers, ...(got.iceServers ?? []));
    if (got.iceTTL)
      this.#iceTimer = setTimeout(
        () =>
          void this.signalling.request({ t: 'ice' }).then(
            (fresh) => this.#useIce(fresh),
            () => this.#useIce(got),
          ),
        got.iceTTL * 800,
      );
  }

  logoutRoom(roomID?: string): void {
    if (!this.#room || (roomID !== undefined && roomID !== this.#room.roomID)) return;
    for (const pub of [...this.#publications.values()]) pub.stop();
    for (const pb of [...this.#playbacks.values()]) pb.stop();
    void this.signalling.logout();
    this.#roomState('DISCONNECTED', 'LOGOUT');
    this.#forget();
  }

  /** The room is gone for us (kicked, or the link is lost for good): media stops, the room is forgotten. */
  #leave(reason: 'KICKOUT' | 'RECONNECT_FAILED', code: number, msg: string): void {
    if (!this.#room) return;
    for (const pub of [...this.#publications.values()]) pub.end(code, '');
    for (const pb of [...this.#playbacks.values()]) pb.end(code, '');
    this.signalling.close();
    this.#roomState('DISCONNECTED', reason, code, msg);
    this.#forget();
  }

  #forget(): void {
    clearTimeout(this.#iceTimer);
    this.#unwatchPage();
    this.#monitors.stopQuality();
    this.#room?.close();
    this.#room = undefined;
    this.#loggingIn = false;
  }

  /** Back in the room: the others' view is brought up to date, our streams published again if need be. */
  #resumed(reply: LoginReply, rejoined: boolean): void {
    this.#roomState('CONNECTED', 'RECONNECTED');
    for (const pub of [...this.#publications.values()]) pub.reconnected(rejoined);
    // Playbacks of streams still (or again) in the room check their links as the mirror confirms them.
    this.#room?.apply(reply, rejoined ? REJOIN_GRACE : 0);
  }

  renewToken(token: string, roomID?: string): boolean {
    const room = this.#room;
    if (!this.#inRoom || !room || (roomID !== undefined && roomID !== room.roomID) || !token) return false;
    this.signalling.token = token;
    this.signalling.request({ t: 'renew', token }).catch((err: unknown) => {
      const { code, msg } = toErrorInfo(err, TOKEN_ERROR);
      this.events.emit('roomStateChanged', room.roomID, 'LOGINED', code, extended(msg));
    });
    return true;
  }

  destroyEngine(): void {
    if (this.#destroyed) return;
    this.logoutRoom();
    for (const s of [...this.devices.streams]) this.destroyStream(s);
    this.#monitors.close();
    this.signalling.close();
    this.events.clear();
    this.#destroyed = true;
  }

  // ---------------------------------------------------------------- what the hub pushes

  readonly #onPush = (m: PushMessage): void => {
    const room = this.#room;
    if (!room) return;
    switch (m.t) {
      case 'users':
        return room.usersChanged(m.type, m.users);
      case 'streams':
        return room.streamsChanged(m.type, m.streams, m.reason);
      case 'media':
        return room.media(m.streamID, m.camera, m.mic);
      case 'signal':
        // Every failure of a negotiation is handled where it happens; nothing escapes as a rejection.
        return void this.#onSignal(m.from, m.streamID, m.data).catch(() => undefined);
      case 'count':
        return this.events.emit('roomOnlineUserCountUpdate', room.roomID, m.count);
      case 'kicked':
        return this.#leave('KICKOUT', m.code, m.msg);
      case 'expiring':
        return this.events.emit('tokenWillExpire', room.roomID);
      case 'broadcast':
        return this.events.emit('IMRecvBroadcastMessage', room.roomID, [
          { fromUser: m.from, message: m.message, sendTime: m.sendTime, messageID: m.messageID },
        ]);
      case 'roomExtra':
        return this.events.emit('roomExtraInfoUpdate', room.roomID, m.info);
      case 'streamExtra':
        return this.events.emit(
          'streamExtraInfoUpdate',
          room.roomID,
          m.streams.map((s) => ({ streamID: s.streamID, user: s.user, extraInfo: s.extraInfo })),
        );
      case 'barrage':
        return this.events.emit('IMRecvBarrageMessage', room.roomID, [
          { fromUser: m.from, message: m.message, sendTime: m.sendTime, messageID: m.messageID },
        ]);
      case 'command':
        return this.events.emit('IMRecvCustomCommand', room.roomID, m.from, m.command);
      default:
        return;
    }
  };

  /** Negotiation for one of our publications (from a player) or playbacks (from its publisher). */
  async #onSignal(from: string, streamID: string, data: SignalData): Promise<void> {
    const pub = this.#publications.get(streamID);
    if (pub) return pub.onSignal(from, data);
    const pb = this.#playbacks.get(streamID);
    if (pb && pb.owner === from) return pb.onSignal(data);
  }

  // ---------------------------------------------------------------- publishing

  startPublishingStream(streamID: string, localStream: LocalStream, publishOption: ZegoPublishOption = {}): boolean {
    const refuse = (code: number, msg: string): false => (
      this.#publisherState(streamID, 'NO_PUBLISH', code, msg),
      false
    );
    const problem = checkStreamID(streamID);
    if (problem) return refuse(problem[0], problem[1]);
    if (!this.#inRoom) return refuse(NOT_LOGGED_IN, 'log in to a room first');
    const media = mediaOf(localStream);
    if (!media) return refuse(PARAM_INVALID, 'localStream must be a MediaStream or a captured ZegoLocalStream');
    if (this.#publications.has(streamID)) return refuse(STREAM_ID_EXISTS, 'already publishing this streamID');
    if (typeof globalThis.RTCPeerConnection !== 'function')
      return refuse(BROWSER_UNSUPPORTED, 'this browser cannot publish (no RTCPeerConnection)');
    const pub = new Publication(
      streamID,
      media,
      this.#host(this.#publications, (p, code, msg) => this.#publisherState(p.streamID, p.state, code, msg)),
    );
    this.#publications.set(streamID, pub);
    // Where the browser cannot send VP8 (some Safari builds), H.264 is offered first.
    pub.videoCodec = publishOption.videoCodec ?? (sends('VP8') ? undefined : 'H264');
    pub.maxBitrate = this.devices.bitrates.get(media);
    pub.start(publishOption.extraInfo ?? '');
    return true;
  }

  #publisherState(streamID: string, state: ZegoPublishState, code: number, msg: string): void {
    this.events.emit('publisherStateUpdate', { streamID, state, errorCode: code, extendedData: extended(msg) });
  }

  /** What a publication or playback needs from the engine; `ended` forgets it in `map`. */
  #host<T extends { streamID: string }>(map: Map<string, T>, report: (item: T, code: number, msg: string) => void) {
    return {
      rtc: (): RTCConfiguration => ({ iceServers: this.iceServers, iceTransportPolicy: this.#opts.iceTransportPolicy }),
      signalling: this.signalling,
      report,
      ended: (item: T) => void (map.get(item.streamID) === item && map.delete(item.streamID)),
    };
  }

  stopPublishingStream(streamID: string): boolean {
    const pub = this.#publications.get(streamID);
    pub?.stop();
    return !!pub;
  }

  /** The stream's tracks changed: every publication of it tells the room and swaps its tracks. */
  protected tracksChanged(stream: MediaStream): void {
    for (const pub of this.#publications.values()) if (pub.stream === stream) pub.sync();
  }

  protected releasing(stream: MediaStream): void {
    for (const pub of [...this.#publications.values()]) if (pub.stream === stream) pub.stop();
  }

  // ---------------------------------------------------------------- playing

  startPlayingStream(streamID: string, playOption: ZegoPlayOption = {}): Promise<MediaStream> {
    const refuse = (code: number, msg: string) => {
      this.#playerState(streamID, 'NO_PLAY', code, msg);
      return Promise.reject(new ZegoError(code, msg));
    };
    const problem = checkStreamID(streamID);
    if (problem) return refuse(problem[0], problem[1]);
    const owner = this.#room?.ownerOf(streamID);
    if (!this.#inRoom) return refuse(NOT_LOGGED_IN, 'log in to a room first');
    if (this.#playbacks.has(streamID)) return refuse(ALREADY_PLAYING, 'already playing this stream');
    if (owner === undefined) return refuse(PLAY_STREAM_NOT_FOUND, `stream ${streamID} is not in the room`);
    if (typeof globalThis.RTCPeerConnection !== 'function')
      return refuse(BROWSER_UNSUPPORTED, 'this browser cannot play streams (no RTCPeerConnection)');
    const pb = new Playback(
      streamID,
      owner,
      playOption,
      this.#opts.playTimeout,
      this.#host(this.#playbacks, (p, code, msg) => this.#playerState(p.streamID, p.state, code, msg)),
    );
    this.#playbacks.set(streamID, pb);
    void pb.start();
    return pb.media;
  }

  #playerState(streamID: string, state: ZegoPlayState, code: number, msg: string): void {
    this.events.emit('playerStateUpdate', { streamID, state, errorCode: code, extendedData: extended(msg) });
  }

  stopPlayingStream(streamID: string): void {
    this.#playbacks.get(streamID)?.stop();
  }

  /** Whether `stream` is what `startPlayingStream` resolved with for a stream still being played. */
  isPlaying(stream: MediaStream): boolean {
    return [...this.#playbacks.values()].some((pb) => pb.remote === stream);
  }

  async mutePlayStreamVideo(streamID: string, mute: boolean): Promise<boolean> {
    const pb = this.#playbacks.get(streamID);
    if (!pb) return false;
    pb.setVideo(!mute);
    return true;
  }

  async setPlayStreamVideoType(streamID: string, streamType: 0 | 1 | 2): Promise<boolean> {
    const pb = this.#playbacks.get(streamID);
    if (!pb) return false;
    pb.setSmall(streamType === 0);
    return true;
  }

  async mutePlayStreamAudio(streamID: string, mute: boolean): Promise<boolean> {
    const pb = this.#playbacks.get(streamID);
    if (!pb) return false;
    for (const t of pb.remote.getAudioTracks()) t.enabled = !mute;
    return true;
  }

  // ---------------------------------------------------------------- sound levels

  setSoundLevelDelegate(enable: boolean, interval = 1000): void {
    this.#monitors.setSound(enable, interval);
  }

  // ---------------------------------------------------------------- messages

  sendBroadcastMessage(roomID: string, message: string): Promise<ZegoBroadcastMessageResponse> {
    return this.#message(roomID, () => this.signalling.request({ t: 'broadcast', message }));
  }

  /** Resolves with `{errorCode: 0, messageID}` (a string, as ZEGO's barrage IDs are). */
  sendBarrageMessage(roomID: string, message: string): Promise<ZegoServerResponse & { messageID?: string }> {
    return this.#message(roomID, () => this.signalling.request({ t: 'barrage', message }));
  }

  setRoomExtraInfo(roomID: string, key: string, value: string): Promise<ZegoServerResponse> {
    return this.#message(roomID, () => this.signalling.request({ t: 'roomExtra', key, value }));
  }

  async setStreamExtraInfo(streamID: string, extraInfo: string): Promise<ZegoServerResponse> {
    const answer = await this.#message(this.#room?.roomID ?? '', () =>
      this.signalling.request({ t: 'streamExtra', streamID, extraInfo }),
    );
    // A publish after a rejoin carries it too.
    const pub = this.#publications.get(streamID);
    if (!answer.errorCode && pub) pub.extraInfo = extraInfo;
    return answer;
  }

  sendCustomCommand(roomID: string, command: string, toUserIDList: string[]): Promise<ZegoServerResponse> {
    return this.#message(roomID, () => this.signalling.request({ t: 'command', command, to: toUserIDList }));
  }

  /** Sends a message through the hub (unless not in `roomID`); ZEGO's response, with the hub's message ID if any. */
  async #message<ID extends number | string = number>(
    roomID: string,
    send: () => Promise<{ messageID?: ID }>,
  ): Promise<ZegoServerResponse & { messageID?: ID }> {
    if (!this.#inRoom || roomID !== this.#room?.roomID) return { errorCode: NOT_LOGGED_IN };
    try {
      const { messageID } = await send();
      return messageID === undefined ? { errorCode: 0 } : { errorCode: 0, messageID };
    } catch (err) {
      return { errorCode: errorCodeOf(err) ?? PARAM_INVALID };
    }
  }
}

export { WebSocketTransport };
