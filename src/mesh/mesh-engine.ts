/**
 * `MeshEngine`: the embedded engine. Implements the {@link ZegoEngine} contract with real WebRTC,
 * one RTCPeerConnection per (stream, player), in a full mesh, signalling through a hub.
 */
import 'webrtc-adapter';
import type {
  ZegoCapabilityDetection,
  ZegoDeviceInfo,
  ZegoDeviceInfos,
  ZegoDeviceStatus,
  ZegoEngine,
  ZegoEngineEventName,
  ZegoEngineEvents,
  ZegoLocalStreamConfig,
  ZegoPlayOption,
  ZegoPlayState,
  ZegoPublishOption,
  ZegoPublishState,
  ZegoRoomConfig,
  ZegoRoomState,
  ZegoRoomStateChangedReason,
  ZegoServerResponse,
  ZegoStreamInfo,
  ZegoSystemRequirement,
  ZegoUser,
} from '../core/engine.js';
import { ZegoError, ZegoErrorCode, errorCodeOf } from '../core/errors.js';
import { checkRoomID, checkStreamID, checkUserID, checkUserName } from '../hub/ids.js';
import {
  PROTOCOL_VERSION,
  type LoginReply,
  type ServerMessage,
  type SignalData,
  type WireStream,
} from '../hub/protocol.js';
import { InPageTransport, WebSocketTransport, type Transport } from './transport.js';
import { captureStream, mapMediaError } from './media.js';
import { LocalLevels, QualityMeter, soundLevelOf } from './stats.js';

export interface MeshEngineOptions {
  /** ICE servers for the peer connections. Default none (host candidates: same machine or LAN). */
  iceServers?: RTCIceServer[];
  /** How long to keep trying to reconnect after the connection drops, ms; 0 disables. Default 10000. */
  reconnectTimeout?: number;
  /** Login gives up after this long, ms (1002031). Default 10000. */
  loginTimeout?: number;
  /** Playing gives up when no media arrives after this long, ms (1104031). Default 15000. */
  playTimeout?: number;
  /** Interval of quality callbacks, ms. Default 3000 as ZEGO's. */
  qualityInterval?: number;
}

type Listener = (...args: unknown[]) => void;

interface Publication {
  streamID: string;
  stream: MediaStream;
  state: ZegoPublishState;
  /** Peer connection per playing user. */
  peers: Map<string, PeerLink>;
  meter: QualityMeter;
}

interface Playback {
  streamID: string;
  owner: string;
  link: PeerLink;
  remote: MediaStream;
  state: ZegoPlayState;
  settle?: { resolve(s: MediaStream): void; reject(e: unknown): void };
  timer: ReturnType<typeof setTimeout>;
  meter: QualityMeter;
}

/** One RTCPeerConnection with its pending ICE candidates. */
interface PeerLink {
  pc: RTCPeerConnection;
  queued: RTCIceCandidateInit[] | null;
}

interface Pending {
  resolve(data: Record<string, unknown>): void;
  reject(err: ZegoError): void;
}

const VIDEO_PRESETS: Record<1 | 2 | 3, { width: number; height: number; frameRate: number }> = {
  1: { width: 320, height: 240, frameRate: 15 },
  2: { width: 640, height: 480, frameRate: 15 },
  3: { width: 1280, height: 720, frameRate: 20 },
};

const streamInfo = (s: WireStream): ZegoStreamInfo => ({ streamID: s.streamID, user: s.user, extraInfo: s.extraInfo });

export class MeshEngine implements ZegoEngine {
  readonly appID: number;
  /** The connection to the hub. */
  readonly transport: Transport;
  private readonly opts: Required<MeshEngineOptions>;
  private readonly listeners = new Map<string, Set<Listener>>();

  private roomID = '';
  private user: ZegoUser | undefined;
  private token = '';
  private userUpdate = false;
  private session = '';
  /** 'out' → 'in' (logged in) → 'reconnecting' → 'in' | 'out' */
  private phase: 'out' | 'logging-in' | 'in' | 'reconnecting' = 'out';
  /** Signals made while reconnecting, sent once the session is resumed. */
  private outbox: { to: string; streamID: string; data: SignalData }[] = [];
  private readonly users = new Map<string, ZegoUser>();
  private readonly streams = new Map<string, WireStream>();
  private readonly localStreams = new Set<MediaStream>();
  private readonly publications = new Map<string, Publication>();
  private readonly playbacks = new Map<string, Playback>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private qualityTimer: ReturnType<typeof setInterval> | undefined;
  private soundTimer: ReturnType<typeof setInterval> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private lastHeard = 0;
  private heartbeatInterval = 5000;
  private destroyed = false;
  private readonly levels = new LocalLevels();

  /**
   * @param appID the app ID (any positive integer for a dev server).
   * @param server the server's `ws://…/ws` URL, or a transport such as `InPageTransport`.
   */
  constructor(appID: number, server: string | Transport, options: MeshEngineOptions = {}) {
    this.appID = appID;
    this.transport = typeof server === 'string' ? new WebSocketTransport(server) : server;
    this.opts = {
      iceServers: [],
      reconnectTimeout: 10000,
      loginTimeout: 10000,
      playTimeout: 15000,
      qualityInterval: 3000,
      ...options,
    };
  }

  // ---------------------------------------------------------------- events

  on<K extends ZegoEngineEventName>(event: K, callBack: ZegoEngineEvents[K]): boolean {
    if (typeof callBack !== 'function') return false;
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(callBack as Listener);
    return true;
  }

  off<K extends ZegoEngineEventName>(event: K, callBack?: ZegoEngineEvents[K]): boolean {
    if (callBack === undefined) return this.listeners.delete(event);
    return this.listeners.get(event)?.delete(callBack as Listener) ?? false;
  }

  /** Number of listeners registered, per event or in all. */
  listenerCount(event?: ZegoEngineEventName): number {
    if (event) return this.listeners.get(event)?.size ?? 0;
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  private emit<K extends ZegoEngineEventName>(event: K, ...args: Parameters<ZegoEngineEvents[K]>): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const cb of [...set]) {
      try {
        cb(...(args as unknown[]));
      } catch (err) {
        console.error(`zego-elements: a ${event} listener threw`, err);
      }
    }
  }

  private roomState(state: ZegoRoomState, reason: ZegoRoomStateChangedReason, code = 0, extended = ''): void {
    this.emit('roomStateUpdate', this.roomID, state, code, extended);
    this.emit('roomStateChanged', this.roomID, reason, code, extended);
  }

  // ---------------------------------------------------------------- room

  async loginRoom(roomID: string, token: string, user: ZegoUser, config: ZegoRoomConfig = {}): Promise<boolean> {
    const fail = (code: number, msg: string) => Promise.reject(new ZegoError(code, msg));
    if (this.destroyed) return fail(ZegoErrorCode.PARAM_INVALID, 'the engine was destroyed');
    if (this.phase !== 'out') return fail(ZegoErrorCode.ALREADY_IN_ROOM, 'already logged in to a room');
    const problem =
      checkRoomID(roomID) ??
      checkUserID(user?.userID) ??
      checkUserName(user?.userName) ??
      (typeof token !== 'string' || token === ''
        ? ([ZegoErrorCode.PARAM_INVALID, 'token is required'] as const)
        : undefined);
    if (problem) return fail(problem[0], problem[1]);
    this.roomID = roomID;
    this.user =
      user.userName === undefined ? { userID: user.userID } : { userID: user.userID, userName: user.userName };
    this.token = token;
    this.userUpdate = config.userUpdate ?? false;
    this.phase = 'logging-in';
    this.roomState('CONNECTING', 'LOGINING');
    try {
      const reply = await this.withTimeout(this.connectAndLogin(config), this.opts.loginTimeout);
      if (this.phase !== 'logging-in') throw new ZegoError(ZegoErrorCode.LOGIN_TIMEOUT, 'login was abandoned');
      this.phase = 'in';
      this.loggedIn(reply);
      this.roomState('CONNECTED', 'LOGINED');
      this.applySnapshot(reply);
      return true;
    } catch (err) {
      const code = errorCodeOf(err) ?? ZegoErrorCode.NETWORK_BROKEN;
      const msg = err instanceof ZegoError ? err.msg : err instanceof Error ? err.message : String(err);
      if (this.phase === 'logging-in') {
        this.phase = 'out';
        this.transport.close();
        this.roomState('DISCONNECTED', 'LOGIN_FAILED', code, JSON.stringify({ msg }));
      }
      throw new ZegoError(code, msg);
    }
  }

  private async connectAndLogin(config: ZegoRoomConfig): Promise<LoginReply> {
    try {
      await this.transport.open({ message: this.onMessage, closed: this.onClosed });
    } catch (err) {
      throw new ZegoError(ZegoErrorCode.NETWORK_BROKEN, err instanceof Error ? err.message : 'cannot connect');
    }
    const cfg: { userUpdate?: boolean; maxMemberCount?: number } = {};
    if (config.userUpdate !== undefined) cfg.userUpdate = config.userUpdate;
    if (config.maxMemberCount !== undefined) cfg.maxMemberCount = config.maxMemberCount;
    const user = this.user as ZegoUser;
    return (await this.request({
      t: 'login',
      v: PROTOCOL_VERSION,
      roomID: this.roomID,
      token: this.token,
      user,
      config: cfg,
    })) as unknown as LoginReply;
  }

  private withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const t = setTimeout(() => reject(new ZegoError(ZegoErrorCode.LOGIN_TIMEOUT, 'login timed out')), ms);
      p.then(
        (v) => (clearTimeout(t), resolve(v)),
        (e: unknown) => (clearTimeout(t), reject(e)),
      );
    });
  }

  private loggedIn(reply: LoginReply): void {
    this.session = reply.session;
    this.heartbeatInterval = reply.heartbeatInterval;
    this.lastHeard = Date.now();
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(this.beat, this.heartbeatInterval);
    clearInterval(this.qualityTimer);
    this.qualityTimer = setInterval(() => void this.measureQuality(), this.opts.qualityInterval);
  }

  private readonly beat = (): void => {
    if (this.phase !== 'in') return;
    // A hub that stays silent for three beats is gone, even if the socket looks open.
    if (Date.now() - this.lastHeard > this.heartbeatInterval * 3) this.transport.drop();
    else this.transport.send({ t: 'hb' });
  };

  /** Emits ADD/DELETE for the difference between what we knew and the hub's view. */
  private applySnapshot(reply: LoginReply): void {
    const users = new Map(reply.users.map((u) => [u.userID, u]));
    const gone = [...this.users.values()].filter((u) => !users.has(u.userID));
    const added = reply.users.filter((u) => !this.users.has(u.userID));
    this.users.clear();
    for (const u of reply.users) this.users.set(u.userID, u);
    if (this.userUpdate) {
      if (gone.length) this.emit('roomUserUpdate', this.roomID, 'DELETE', gone);
      if (added.length) this.emit('roomUserUpdate', this.roomID, 'ADD', added);
    }
    const streams = new Map(reply.streams.map((s) => [s.streamID, s]));
    const lost = [...this.streams.values()].filter((s) => !streams.has(s.streamID));
    if (lost.length) this.streamsChanged('DELETE', lost, 5);
    const fresh = reply.streams.filter((s) => !this.streams.has(s.streamID));
    if (fresh.length) this.streamsChanged('ADD', fresh);
  }

  logoutRoom(roomID?: string): void {
    if (this.phase === 'out' || (roomID !== undefined && roomID !== this.roomID)) return;
    const wasIn = this.phase;
    for (const id of [...this.publications.keys()]) this.stopPublishingStream(id);
    this.stopAllPlaying(0);
    if (wasIn === 'in') this.transport.send({ t: 'logout', id: this.nextId++ });
    this.leave();
    this.roomState('DISCONNECTED', 'LOGOUT');
  }

  /** Forgets the room: timers, transport, users and streams. */
  private leave(): void {
    this.phase = 'out';
    this.outbox = [];
    clearInterval(this.heartbeat);
    clearInterval(this.qualityTimer);
    clearTimeout(this.reconnectTimer);
    this.heartbeat = this.qualityTimer = this.reconnectTimer = undefined;
    for (const p of this.pending.values()) p.reject(new ZegoError(ZegoErrorCode.NOT_LOGGED_IN, 'left the room'));
    this.pending.clear();
    // Let the logout frame go out before the socket closes.
    const transport = this.transport;
    setTimeout(() => this.phase === 'out' && transport.close(), 50);
    this.users.clear();
    this.streams.clear();
    this.session = '';
  }

  renewToken(token: string, roomID?: string): boolean {
    if (this.phase !== 'in' || (roomID !== undefined && roomID !== this.roomID) || !token) return false;
    this.token = token;
    this.request({ t: 'renew', token }).catch((err: ZegoError) =>
      this.emit('roomStateChanged', this.roomID, 'LOGINED', err.code, JSON.stringify({ msg: err.msg })),
    );
    return true;
  }

  destroyEngine(): void {
    if (this.destroyed) return;
    this.logoutRoom();
    for (const s of [...this.localStreams]) this.destroyStream(s);
    this.setSoundLevelDelegate(false);
    this.transport.close();
    this.listeners.clear();
    this.destroyed = true;
  }

  // ---------------------------------------------------------------- signalling

  private request(message: Record<string, unknown> & { t: string }): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.transport.send({ ...message, id } as never);
    });
  }

  private readonly onMessage = (m: ServerMessage): void => {
    this.lastHeard = Date.now();
    switch (m.t) {
      case 'reply': {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.ok) p.resolve(m);
        else p.reject(new ZegoError(m.code, m.msg));
        return;
      }
      case 'users':
        for (const u of m.users) {
          if (m.type === 'ADD') this.users.set(u.userID, u);
          else this.users.delete(u.userID);
        }
        if (this.userUpdate) this.emit('roomUserUpdate', this.roomID, m.type, m.users);
        return;
      case 'streams':
        this.streamsChanged(m.type, m.streams, m.reason);
        return;
      case 'media': {
        const s = this.streams.get(m.streamID);
        if (!s) return;
        if (s.camera !== m.camera) this.emit('remoteCameraStatusUpdate', m.streamID, (s.camera = m.camera));
        if (s.mic !== m.mic) this.emit('remoteMicStatusUpdate', m.streamID, (s.mic = m.mic));
        return;
      }
      case 'signal':
        void this.onSignal(m.from, m.streamID, m.data);
        return;
      case 'count':
        this.emit('roomOnlineUserCountUpdate', this.roomID, m.count);
        return;
      case 'kicked':
        this.kicked(m.code, m.msg);
        return;
      case 'expiring':
        this.emit('tokenWillExpire', this.roomID);
        return;
      case 'broadcast':
        this.emit('IMRecvBroadcastMessage', this.roomID, [
          { fromUser: m.from, message: m.message, sendTime: m.sendTime, messageID: m.messageID },
        ]);
        return;
      case 'command':
        this.emit('IMRecvCustomCommand', this.roomID, m.from, m.command);
        return;
      default:
        return;
    }
  };

  private streamsChanged(type: 'ADD' | 'DELETE', list: WireStream[], reason = 1): void {
    if (type === 'ADD') {
      for (const s of list) this.streams.set(s.streamID, { ...s });
      this.emit('roomStreamUpdate', this.roomID, 'ADD', list.map(streamInfo), '');
      for (const s of list) {
        if (s.camera === 'MUTE') this.emit('remoteCameraStatusUpdate', s.streamID, 'MUTE');
        if (s.mic === 'MUTE') this.emit('remoteMicStatusUpdate', s.streamID, 'MUTE');
      }
      return;
    }
    for (const s of list) this.streams.delete(s.streamID);
    const extended = JSON.stringify({
      stream_delete_reason: list.map((s) => ({ stream_id: s.streamID, code: reason })),
    });
    this.emit('roomStreamUpdate', this.roomID, 'DELETE', list.map(streamInfo), extended);
    for (const s of list) {
      const pb = this.playbacks.get(s.streamID);
      if (pb) this.endPlayback(pb, 0, 'the stream was deleted');
    }
  }

  private readonly onClosed = (): void => {
    if (this.phase === 'logging-in') {
      for (const p of this.pending.values()) p.reject(new ZegoError(ZegoErrorCode.NETWORK_BROKEN, 'connection lost'));
      this.pending.clear();
      return;
    }
    if (this.phase !== 'in') return;
    if (this.opts.reconnectTimeout <= 0) {
      this.connectionLost();
      return;
    }
    this.phase = 'reconnecting';
    this.roomState('CONNECTING', 'RECONNECTING');
    const deadline = Date.now() + this.opts.reconnectTimeout;
    let delay = 250;
    const attempt = async (): Promise<void> => {
      if (this.phase !== 'reconnecting') return;
      try {
        await this.transport.open({ message: this.onMessage, closed: this.onClosed });
        const reply = (await this.request({
          t: 'resume',
          v: PROTOCOL_VERSION,
          session: this.session,
        })) as unknown as LoginReply;
        if (this.phase !== 'reconnecting') return;
        this.phase = 'in';
        this.loggedIn(reply);
        this.roomState('CONNECTED', 'RECONNECTED');
        this.applySnapshot(reply);
        const outbox = this.outbox;
        this.outbox = [];
        for (const m of outbox) this.signal(m.to, m.streamID, m.data);
      } catch (err) {
        if (this.phase !== 'reconnecting') return;
        const code = errorCodeOf(err);
        if (code === ZegoErrorCode.HEARTBEAT_TIMEOUT || Date.now() + delay > deadline) {
          this.connectionLost(code ?? ZegoErrorCode.NETWORK_BROKEN);
          return;
        }
        this.reconnectTimer = setTimeout(() => void attempt(), delay);
        delay = Math.min(delay * 2, 4000);
      }
    };
    this.reconnectTimer = setTimeout(() => void attempt(), 0);
  };

  /** The connection is gone for good: stop everything and report it. */
  private connectionLost(code: number = ZegoErrorCode.NETWORK_BROKEN): void {
    this.dropMedia(code);
    this.leave();
    this.roomState('DISCONNECTED', 'RECONNECT_FAILED', code);
  }

  private kicked(code: number, msg: string): void {
    if (this.phase === 'out') return;
    this.dropMedia(code);
    this.leave();
    this.roomState('DISCONNECTED', 'KICKOUT', code, JSON.stringify({ msg }));
  }

  private dropMedia(code: number): void {
    for (const pub of [...this.publications.values()]) this.endPublication(pub, code);
    this.stopAllPlaying(code);
  }

  // ---------------------------------------------------------------- peer connections

  private newLink(onIce: (c: RTCIceCandidateInit | null) => void): PeerLink {
    const pc = new RTCPeerConnection({ iceServers: this.opts.iceServers });
    pc.onicecandidate = (e) => onIce(e.candidate ? e.candidate.toJSON() : null);
    return { pc, queued: [] };
  }

  private async addCandidate(link: PeerLink, c: RTCIceCandidateInit | null): Promise<void> {
    if (link.queued) link.queued.push(c ?? { candidate: '' });
    else if (c) await link.pc.addIceCandidate(c).catch(() => undefined);
  }

  private async flushCandidates(link: PeerLink): Promise<void> {
    const queued = link.queued ?? [];
    link.queued = null;
    for (const c of queued) if (c.candidate) await link.pc.addIceCandidate(c).catch(() => undefined);
  }

  private closeLink(link: PeerLink): void {
    link.pc.onicecandidate = link.pc.ontrack = link.pc.onconnectionstatechange = null;
    link.pc.close();
  }

  private signal(to: string, streamID: string, data: SignalData): void {
    // While reconnecting the socket is down: keep signals for after the resume, in order.
    if (this.phase === 'reconnecting') {
      if (this.outbox.length < 256) this.outbox.push({ to, streamID, data });
      return;
    }
    this.transport.send({ t: 'signal', to, streamID, data });
  }

  private async onSignal(from: string, streamID: string, data: SignalData): Promise<void> {
    const pub = this.publications.get(streamID);
    if (pub) return this.onPublisherSignal(pub, from, data);
    const pb = this.playbacks.get(streamID);
    if (!pb || pb.owner !== from) return;
    try {
      if (data.type === 'answer') {
        await pb.link.pc.setRemoteDescription({ type: 'answer', sdp: data.sdp });
        await this.flushCandidates(pb.link);
      } else if (data.type === 'candidate') {
        await this.addCandidate(pb.link, data.candidate);
      } else if (data.type === 'stop') {
        this.endPlayback(pb, ZegoErrorCode.PLAY_STREAM_NOT_FOUND, 'the publisher stopped');
      }
    } catch (err) {
      this.endPlayback(pb, ZegoErrorCode.PLAY_RETRY_TIMEOUT, String(err));
    }
  }

  /** A player asks for our stream: answer its offer with our tracks. */
  private async onPublisherSignal(pub: Publication, from: string, data: SignalData): Promise<void> {
    if (data.type === 'offer') {
      const old = pub.peers.get(from);
      if (old) this.closeLink(old);
      const link = this.newLink((candidate) => this.signal(from, pub.streamID, { type: 'candidate', candidate }));
      pub.peers.set(from, link);
      try {
        await link.pc.setRemoteDescription({ type: 'offer', sdp: data.sdp });
        for (const t of link.pc.getTransceivers()) {
          const kind = t.receiver.track.kind;
          const track = pub.stream.getTracks().find((tr) => tr.kind === kind && tr.readyState === 'live') ?? null;
          t.direction = 'sendonly';
          await t.sender.replaceTrack(track);
        }
        const answer = await link.pc.createAnswer();
        await link.pc.setLocalDescription(answer);
        await this.flushCandidates(link);
        if (pub.peers.get(from) === link) this.signal(from, pub.streamID, { type: 'answer', sdp: answer.sdp ?? '' });
      } catch {
        this.closeLink(link);
        if (pub.peers.get(from) === link) pub.peers.delete(from);
      }
    } else if (data.type === 'candidate') {
      const link = pub.peers.get(from);
      if (link) await this.addCandidate(link, data.candidate);
    } else if (data.type === 'stop') {
      const link = pub.peers.get(from);
      if (link) {
        this.closeLink(link);
        pub.peers.delete(from);
      }
    }
  }

  // ---------------------------------------------------------------- publishing

  startPublishingStream(streamID: string, localStream: MediaStream, publishOption: ZegoPublishOption = {}): boolean {
    const problem = checkStreamID(streamID);
    const publishState = (state: ZegoPublishState, errorCode = 0, msg = '') =>
      this.emit('publisherStateUpdate', {
        streamID,
        state,
        errorCode,
        extendedData: msg ? JSON.stringify({ msg }) : '',
      });
    if (problem) {
      publishState('NO_PUBLISH', problem[0], problem[1]);
      return false;
    }
    if (this.phase !== 'in') {
      publishState('NO_PUBLISH', ZegoErrorCode.NOT_LOGGED_IN, 'log in to a room first');
      return false;
    }
    if (!(localStream instanceof MediaStream)) {
      publishState('NO_PUBLISH', ZegoErrorCode.PARAM_INVALID, 'localStream must be a MediaStream');
      return false;
    }
    if (this.publications.has(streamID)) {
      publishState('NO_PUBLISH', ZegoErrorCode.STREAM_ID_EXISTS, 'already publishing this streamID');
      return false;
    }
    const pub: Publication = {
      streamID,
      stream: localStream,
      state: 'PUBLISH_REQUESTING',
      peers: new Map(),
      meter: new QualityMeter(),
    };
    this.publications.set(streamID, pub);
    publishState('PUBLISH_REQUESTING');
    const video = localStream.getVideoTracks()[0];
    const audio = localStream.getAudioTracks()[0];
    this.request({
      t: 'publish',
      streamID,
      extraInfo: publishOption.extraInfo ?? '',
      camera: video && video.enabled && video.readyState === 'live' ? 'OPEN' : 'MUTE',
      mic: audio && audio.enabled && audio.readyState === 'live' ? 'OPEN' : 'MUTE',
    }).then(
      () => {
        if (this.publications.get(streamID) !== pub) return;
        pub.state = 'PUBLISHING';
        publishState('PUBLISHING');
      },
      (err: ZegoError) => {
        if (this.publications.get(streamID) !== pub) return;
        this.publications.delete(streamID);
        publishState('NO_PUBLISH', err.code, err.msg);
      },
    );
    return true;
  }

  stopPublishingStream(streamID: string): boolean {
    const pub = this.publications.get(streamID);
    if (!pub) return false;
    if (this.phase === 'in') this.transport.send({ t: 'unpublish', id: this.nextId++, streamID });
    this.endPublication(pub, 0);
    return true;
  }

  private endPublication(pub: Publication, code: number): void {
    this.publications.delete(pub.streamID);
    for (const [user, link] of pub.peers) {
      if (code === 0) this.signal(user, pub.streamID, { type: 'stop' });
      this.closeLink(link);
    }
    pub.peers.clear();
    this.emit('publisherStateUpdate', {
      streamID: pub.streamID,
      state: 'NO_PUBLISH',
      errorCode: code,
      extendedData: '',
    });
  }

  /** Tells the room a publication's camera/mic state, and swaps tracks in its peer connections. */
  private syncPublications(stream: MediaStream): void {
    const video = stream.getVideoTracks()[0];
    const audio = stream.getAudioTracks()[0];
    const camera: ZegoDeviceStatus = video && video.enabled && video.readyState === 'live' ? 'OPEN' : 'MUTE';
    const mic: ZegoDeviceStatus = audio && audio.enabled && audio.readyState === 'live' ? 'OPEN' : 'MUTE';
    for (const pub of this.publications.values()) {
      if (pub.stream !== stream) continue;
      if (this.phase === 'in') this.transport.send({ t: 'media', streamID: pub.streamID, camera, mic });
      for (const link of pub.peers.values()) {
        for (const sender of link.pc.getSenders()) {
          const kind =
            sender.track?.kind ?? link.pc.getTransceivers().find((t) => t.sender === sender)?.receiver.track.kind;
          const track = kind === 'video' ? video : kind === 'audio' ? audio : undefined;
          const live = track && track.readyState === 'live' ? track : null;
          if (sender.track !== live) void sender.replaceTrack(live).catch(() => undefined);
        }
      }
    }
  }

  mutePublishStreamVideo(localStream: MediaStream, mute: boolean, _retain?: boolean): boolean {
    if (!(localStream instanceof MediaStream)) return false;
    for (const t of localStream.getVideoTracks()) t.enabled = !mute;
    this.syncPublications(localStream);
    return true;
  }

  mutePublishStreamAudio(localStream: MediaStream, mute: boolean): boolean {
    if (!(localStream instanceof MediaStream)) return false;
    for (const t of localStream.getAudioTracks()) t.enabled = !mute;
    this.syncPublications(localStream);
    return true;
  }

  async enableVideoCaptureDevice(localStream: MediaStream, enable = true): Promise<boolean> {
    if (!(localStream instanceof MediaStream)) throw new ZegoError(ZegoErrorCode.PARAM_INVALID, 'not a MediaStream');
    const current = localStream.getVideoTracks()[0];
    if (!enable) {
      if (current) {
        current.stop();
        localStream.removeTrack(current);
        this.cameraSettings.set(localStream, current.getSettings().deviceId ?? '');
      }
    } else if (!current || current.readyState !== 'live') {
      const deviceId = this.cameraSettings.get(localStream);
      const track = await this.openTrack('video', deviceId);
      if (current) localStream.removeTrack(current);
      localStream.addTrack(track);
    }
    this.syncPublications(localStream);
    return true;
  }

  private readonly cameraSettings = new WeakMap<MediaStream, string>();

  // ---------------------------------------------------------------- playing

  startPlayingStream(streamID: string, playOption: ZegoPlayOption = {}): Promise<MediaStream> {
    const playerState = (state: ZegoPlayState, errorCode = 0, msg = '') =>
      this.emit('playerStateUpdate', { streamID, state, errorCode, extendedData: msg ? JSON.stringify({ msg }) : '' });
    const refuse = (code: number, msg: string) => {
      playerState('NO_PLAY', code, msg);
      return Promise.reject(new ZegoError(code, msg));
    };
    const problem = checkStreamID(streamID);
    if (problem) return refuse(problem[0], problem[1]);
    if (this.phase !== 'in') return refuse(ZegoErrorCode.NOT_LOGGED_IN, 'log in to a room first');
    if (this.playbacks.has(streamID)) return refuse(ZegoErrorCode.ALREADY_PLAYING, 'already playing this stream');
    const info = this.streams.get(streamID);
    if (!info) return refuse(ZegoErrorCode.PLAY_STREAM_NOT_FOUND, `stream ${streamID} is not in the room`);
    const owner = info.user.userID;
    return new Promise<MediaStream>((resolve, reject) => {
      const link = this.newLink((candidate) => this.signal(owner, streamID, { type: 'candidate', candidate }));
      const pb: Playback = {
        streamID,
        owner,
        link,
        remote: new MediaStream(),
        state: 'PLAY_REQUESTING',
        settle: { resolve, reject },
        timer: setTimeout(
          () => this.endPlayback(pb, ZegoErrorCode.PLAY_RETRY_TIMEOUT, 'no media arrived in time'),
          this.opts.playTimeout,
        ),
        meter: new QualityMeter(),
      };
      this.playbacks.set(streamID, pb);
      playerState('PLAY_REQUESTING');
      const pc = link.pc;
      if (playOption.video !== false) pc.addTransceiver('video', { direction: 'recvonly' });
      if (playOption.audio !== false) pc.addTransceiver('audio', { direction: 'recvonly' });
      const expected = (playOption.video !== false ? 1 : 0) + (playOption.audio !== false ? 1 : 0);
      pc.ontrack = (e) => {
        if (!pb.remote.getTracks().includes(e.track)) pb.remote.addTrack(e.track);
        // The media is there to attach as soon as every track is: the first frame shows the moment
        // it is decoded. PLAYING is still reported when the connection is up.
        if (pb.remote.getTracks().length >= expected && pb.settle) {
          pb.settle.resolve(pb.remote);
          pb.settle = undefined;
        }
      };
      pc.onconnectionstatechange = () => {
        if (this.playbacks.get(streamID) !== pb) return;
        if (pc.connectionState === 'connected' && pb.state !== 'PLAYING') {
          clearTimeout(pb.timer);
          pb.state = 'PLAYING';
          pb.settle?.resolve(pb.remote);
          pb.settle = undefined;
          playerState('PLAYING');
        } else if (pc.connectionState === 'failed') {
          this.endPlayback(pb, ZegoErrorCode.PLAY_RETRY_TIMEOUT, 'the peer connection failed');
        }
      };
      void (async () => {
        try {
          const offer = await pc.createOffer();
          await pc.setLocalDescription(offer);
          if (this.playbacks.get(streamID) === pb)
            this.signal(owner, streamID, { type: 'offer', sdp: offer.sdp ?? '' });
        } catch (err) {
          this.endPlayback(pb, ZegoErrorCode.PLAY_RETRY_TIMEOUT, String(err));
        }
      })();
    });
  }

  stopPlayingStream(streamID: string): void {
    const pb = this.playbacks.get(streamID);
    if (!pb) return;
    if (this.phase === 'in') this.signal(pb.owner, streamID, { type: 'stop' });
    this.endPlayback(pb, 0, '');
  }

  private endPlayback(pb: Playback, code: number, msg: string): void {
    if (this.playbacks.get(pb.streamID) !== pb) return;
    this.playbacks.delete(pb.streamID);
    clearTimeout(pb.timer);
    this.closeLink(pb.link);
    for (const t of pb.remote.getTracks()) t.stop();
    pb.settle?.reject(new ZegoError(code || ZegoErrorCode.PLAY_STREAM_NOT_FOUND, msg || 'stopped'));
    this.emit('playerStateUpdate', {
      streamID: pb.streamID,
      state: 'NO_PLAY',
      errorCode: code,
      extendedData: msg ? JSON.stringify({ msg }) : '',
    });
  }

  private stopAllPlaying(code: number): void {
    for (const pb of [...this.playbacks.values()]) {
      if (code === 0 && this.phase === 'in') this.signal(pb.owner, pb.streamID, { type: 'stop' });
      this.endPlayback(pb, code, '');
    }
  }

  async mutePlayStreamVideo(streamID: string, mute: boolean): Promise<boolean> {
    const pb = this.playbacks.get(streamID);
    if (!pb) return false;
    for (const t of pb.remote.getVideoTracks()) t.enabled = !mute;
    return true;
  }

  async mutePlayStreamAudio(streamID: string, mute: boolean): Promise<boolean> {
    const pb = this.playbacks.get(streamID);
    if (!pb) return false;
    for (const t of pb.remote.getAudioTracks()) t.enabled = !mute;
    return true;
  }

  // ---------------------------------------------------------------- quality and sound levels

  private async measureQuality(): Promise<void> {
    let up = -1;
    for (const pub of this.publications.values()) {
      if (pub.state !== 'PUBLISHING') continue;
      const stats = await pub.meter.publish(
        pub.stream,
        [...pub.peers.values()].map((l) => l.pc),
      );
      if (this.publications.get(pub.streamID) !== pub) continue;
      up = Math.max(up, Math.max(stats.video.videoQuality, stats.audio.audioQuality));
      this.emit('publishQualityUpdate', pub.streamID, stats);
    }
    for (const pb of this.playbacks.values()) {
      if (pb.state !== 'PLAYING') continue;
      const stats = await pb.meter.play(pb.link.pc);
      if (this.playbacks.get(pb.streamID) !== pb) continue;
      this.emit('playQualityUpdate', pb.streamID, stats);
      const grade = Math.max(stats.video.videoQuality, stats.audio.audioQuality);
      this.emit('networkQuality', pb.owner, grade, -1);
    }
    if (this.user && this.phase === 'in') this.emit('networkQuality', this.user.userID, up, -1);
  }

  setSoundLevelDelegate(enable: boolean, interval = 1000): void {
    clearInterval(this.soundTimer);
    this.soundTimer = undefined;
    if (!enable) return this.levels.close();
    const ms = Math.min(3000, Math.max(500, interval));
    this.soundTimer = setInterval(() => void this.measureSound(), ms);
  }

  private async measureSound(): Promise<void> {
    const levels: { streamID: string; soundLevel: number; type: 'push' | 'pull' }[] = [];
    for (const pub of this.publications.values()) {
      levels.push({ streamID: pub.streamID, soundLevel: this.levels.level(pub.stream), type: 'push' });
    }
    for (const pb of this.playbacks.values()) {
      if (pb.state === 'PLAYING')
        levels.push({ streamID: pb.streamID, soundLevel: await soundLevelOf(pb.link.pc), type: 'pull' });
    }
    const captured = [...this.localStreams].find((s) => s.getAudioTracks().some((t) => t.readyState === 'live'));
    if (captured) this.emit('capturedSoundLevelUpdate', this.levels.level(captured));
    if (levels.length) this.emit('soundLevelUpdate', levels);
  }

  // ---------------------------------------------------------------- devices and local streams

  async createStream(source: ZegoLocalStreamConfig = { camera: {} }): Promise<MediaStream> {
    const stream = await captureStream(source, VIDEO_PRESETS);
    this.localStreams.add(stream);
    const screenTrack = source.screen ? stream.getVideoTracks()[0] : undefined;
    screenTrack?.addEventListener('ended', () => this.emit('screenSharingEnded', stream), { once: true });
    return stream;
  }

  destroyStream(localStream: MediaStream): void {
    if (!(localStream instanceof MediaStream)) return;
    for (const pub of [...this.publications.values()])
      if (pub.stream === localStream) this.stopPublishingStream(pub.streamID);
    for (const t of localStream.getTracks()) t.stop();
    this.localStreams.delete(localStream);
  }

  /** Live local streams made by `createStream` and not yet destroyed. */
  get capturedStreams(): readonly MediaStream[] {
    return [...this.localStreams];
  }

  private async openTrack(kind: 'video' | 'audio', deviceId?: string): Promise<MediaStreamTrack> {
    const constraint = deviceId ? { deviceId: { exact: deviceId } } : true;
    try {
      const s = await navigator.mediaDevices.getUserMedia(
        kind === 'video' ? { video: constraint } : { audio: constraint },
      );
      return s.getTracks()[0] as MediaStreamTrack;
    } catch (err) {
      throw mapMediaError(err);
    }
  }

  private async useDevice(
    kind: 'video' | 'audio',
    localStream: MediaStream,
    deviceID: string,
  ): Promise<ZegoServerResponse> {
    if (!(localStream instanceof MediaStream)) throw new ZegoError(ZegoErrorCode.PARAM_INVALID, 'not a MediaStream');
    const old = kind === 'video' ? localStream.getVideoTracks()[0] : localStream.getAudioTracks()[0];
    const track = await this.openTrack(kind, deviceID);
    if (old) {
      track.enabled = old.enabled;
      old.stop();
      localStream.removeTrack(old);
    }
    localStream.addTrack(track);
    this.syncPublications(localStream);
    return { errorCode: 0 };
  }

  useVideoDevice(localStream: MediaStream, deviceID: string): Promise<ZegoServerResponse> {
    return this.useDevice('video', localStream, deviceID);
  }

  useAudioDevice(localStream: MediaStream, deviceID: string): Promise<ZegoServerResponse> {
    return this.useDevice('audio', localStream, deviceID);
  }

  async useAudioOutputDevice(media: HTMLMediaElement, deviceID: string): Promise<boolean> {
    const el = media as HTMLMediaElement & { setSinkId?: (id: string) => Promise<void> };
    if (typeof el.setSinkId !== 'function')
      throw new ZegoError(ZegoErrorCode.PARAM_INVALID, 'this browser cannot choose the audio output device');
    await el.setSinkId(deviceID);
    return true;
  }

  async enumDevices(): Promise<ZegoDeviceInfos> {
    const out: ZegoDeviceInfos = { microphones: [], speakers: [], cameras: [] };
    if (!globalThis.navigator?.mediaDevices?.enumerateDevices) return out;
    for (const d of await navigator.mediaDevices.enumerateDevices()) {
      const info: ZegoDeviceInfo = { deviceName: d.label, deviceID: d.deviceId };
      if (d.kind === 'audioinput') out.microphones.push(info);
      else if (d.kind === 'audiooutput') out.speakers.push(info);
      else if (d.kind === 'videoinput') out.cameras.push(info);
    }
    return out;
  }

  async getCameras(): Promise<ZegoDeviceInfo[]> {
    return (await this.enumDevices()).cameras;
  }

  async getMicrophones(): Promise<ZegoDeviceInfo[]> {
    return (await this.enumDevices()).microphones;
  }

  async getSpeakers(): Promise<ZegoDeviceInfo[]> {
    return (await this.enumDevices()).speakers;
  }

  async checkSystemRequirements(checkType?: ZegoSystemRequirement): Promise<ZegoCapabilityDetection> {
    const devices = await this.enumDevices();
    const codecs = globalThis.RTCRtpSender?.getCapabilities?.('video')?.codecs.map((c) => c.mimeType) ?? [];
    const all: ZegoCapabilityDetection = {
      webRTC: typeof globalThis.RTCPeerConnection === 'function',
      camera: devices.cameras.length > 0,
      microphone: devices.microphones.length > 0,
      screenSharing: typeof globalThis.navigator?.mediaDevices?.getDisplayMedia === 'function',
      videoCodec: { H264: codecs.includes('video/H264'), VP8: codecs.includes('video/VP8') },
    };
    if (!checkType) return all;
    if (checkType === 'H264' || checkType === 'VP8')
      return { videoCodec: { [checkType]: all.videoCodec?.[checkType] } };
    return { [checkType]: all[checkType] };
  }

  // ---------------------------------------------------------------- messages

  async sendBroadcastMessage(roomID: string, message: string): Promise<ZegoServerResponse> {
    if (this.phase !== 'in' || roomID !== this.roomID) return { errorCode: ZegoErrorCode.NOT_LOGGED_IN };
    try {
      await this.request({ t: 'broadcast', message });
      return { errorCode: 0 };
    } catch (err) {
      return { errorCode: errorCodeOf(err) ?? ZegoErrorCode.PARAM_INVALID };
    }
  }

  async sendCustomCommand(roomID: string, command: string, toUserIDList: string[]): Promise<ZegoServerResponse> {
    if (this.phase !== 'in' || roomID !== this.roomID) return { errorCode: ZegoErrorCode.NOT_LOGGED_IN };
    try {
      await this.request({ t: 'command', command, to: toUserIDList });
      return { errorCode: 0 };
    } catch (err) {
      return { errorCode: errorCodeOf(err) ?? ZegoErrorCode.PARAM_INVALID };
    }
  }
}

export { InPageTransport, WebSocketTransport };
