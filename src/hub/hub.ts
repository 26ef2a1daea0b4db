/**
 * The room logic, free of I/O: rooms, users, streams, relay of peer-to-peer signals between two
 * users of one room, heartbeats and limits, with ZEGO's semantics. A transport (the WebSocket
 * server, or `InPageTransport` in a page) hands each connection's frames to {@link HubClient}
 * and delivers what the hub sends through {@link HubPeer}.
 */
import { ZegoErrorCode, ZegoError, errorCodeOf } from '../core/errors.js';
import { StreamDeleteReason, type ZegoDeviceStatus, type ZegoUser } from '../core/engine.js';
import {
  PROTOCOL_VERSION,
  isInvalid,
  parseClientMessage,
  type ClientMessage,
  type LoginReply,
  type ServerMessage,
  type WireStream,
} from './protocol.js';
import type { Token04Privileges } from './token04.js';
import { Auth, checkPublish } from './auth.js';
import { byteLength } from './ids.js';

/** Where the hub sends one connection's messages. */
export interface HubPeer {
  send(message: ServerMessage): void;
  /** Ends the connection (the hub has already said why). */
  close(code: number, reason: string): void;
}

export interface HubOptions {
  /** With `serverSecret`: verify token04s for this app. Without a secret any non-empty token is accepted. */
  appID?: number;
  serverSecret?: string;
  /** How often clients send heartbeats, ms (told to them at login). Default 5000. */
  heartbeatInterval?: number;
  /** A session silent this long is dropped and its streams deleted with reason 2, ms. Default 12000. */
  heartbeatTimeout?: number;
  /** Largest inbound frame, bytes. Default 64 KiB. */
  maxMessageBytes?: number;
  /** Default 50. */
  maxUsersPerRoom?: number;
  /** Default 1000. */
  maxRooms?: number;
  /** Streams one user may publish at once. Default 4. */
  maxStreamsPerUser?: number;
  /** Sustained inbound messages per second per connection. Default 100 (burst 2×). */
  maxMessagesPerSecond?: number;
  /** Seconds before token expiry at which `tokenWillExpire` is sent. Default 30. */
  tokenWillExpireSeconds?: number;
  /** Clock, ms. Default `Date.now`. */
  now?: () => number;
}

interface Stream extends WireStream {
  owner: Session;
}

interface Session {
  id: string;
  room: Room;
  user: ZegoUser;
  userUpdate: boolean;
  client: HubClient | null;
  lastSeen: number;
  streams: Set<string>;
  privileges: Token04Privileges;
  /** Token expiry, unix seconds; 0 when tokens are not verified. */
  expire: number;
  warned: boolean;
  /** What arrived for it while it was reconnecting and must not be lost (signals, messages). */
  held: ServerMessage[];
  /** Their size as JSON, in characters. */
  heldSize: number;
}

/** At most this many messages, and this much JSON, are held for a reconnecting session; more is dropped. */
const MAX_HELD = 256;
const MAX_HELD_SIZE = 1 << 20;

interface Room {
  id: string;
  sessions: Map<string, Session>;
  streams: Map<string, Stream>;
  maxMembers: number;
}

const wire = (s: Stream): WireStream => ({
  streamID: s.streamID,
  user: s.user,
  extraInfo: s.extraInfo,
  camera: s.camera,
  mic: s.mic,
});

function randomId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Hub {
  readonly options: Required<Omit<HubOptions, 'appID' | 'serverSecret'>> & Pick<HubOptions, 'appID' | 'serverSecret'>;
  private readonly rooms = new Map<string, Room>();
  private readonly sessions = new Map<string, Session>();
  private readonly clients = new Set<HubClient>();
  private messageSeq = 0;
  private readonly auth: Auth;

  constructor(options: HubOptions = {}) {
    if (options.serverSecret !== undefined && !(Number.isSafeInteger(options.appID) && (options.appID as number) > 0))
      throw new ZegoError(ZegoErrorCode.PARAM_INVALID, 'a server secret needs a positive integer appID');
    this.options = {
      heartbeatInterval: 5000,
      heartbeatTimeout: 12000,
      maxMessageBytes: 64 * 1024,
      maxUsersPerRoom: 50,
      maxRooms: 1000,
      maxStreamsPerUser: 4,
      maxMessagesPerSecond: 100,
      tokenWillExpireSeconds: 30,
      now: Date.now,
      ...options,
    };
    this.auth = new Auth(this.options);
  }

  /** A new connection. Feed its frames to `receive`, and call `disconnect` when it closes. */
  connect(peer: HubPeer): HubClient {
    const client = new HubClient(this, peer);
    this.clients.add(client);
    return client;
  }

  /** Counts, for monitoring and tests. */
  stats(): { connections: number; rooms: number; users: number; streams: number } {
    let streams = 0;
    for (const r of this.rooms.values()) streams += r.streams.size;
    return { connections: this.clients.size, rooms: this.rooms.size, users: this.sessions.size, streams };
  }

  /** The hub's view of one room: who is in it and what they publish. */
  roomView(roomID: string): { users: ZegoUser[]; streams: WireStream[] } {
    const room = this.rooms.get(roomID);
    if (!room) return { users: [], streams: [] };
    return { users: [...room.sessions.values()].map((s) => s.user), streams: [...room.streams.values()].map(wire) };
  }

  /**
   * Drops what timed out: sessions silent longer than the heartbeat timeout (their streams are
   * deleted with reason 2), connections that never logged in, and sessions whose token expired.
   * The transport calls this periodically (every second is plenty).
   */
  sweep(): void {
    const now = this.options.now();
    const timeout = this.options.heartbeatTimeout;
    for (const session of [...this.sessions.values()]) {
      if (now - session.lastSeen > timeout) {
        session.client?.kick(ZegoErrorCode.HEARTBEAT_TIMEOUT, 'heartbeat timed out');
        this.removeSession(session, StreamDeleteReason.HEARTBEAT_TIMEOUT);
      } else if (session.expire) {
        const left = session.expire * 1000 - now;
        if (left <= 0) {
          session.client?.kick(ZegoErrorCode.TOKEN_EXPIRED, 'token expired');
          this.removeSession(session, StreamDeleteReason.KICKED);
        } else if (!session.warned && left <= this.options.tokenWillExpireSeconds * 1000) {
          session.warned = true;
          session.client?.send({ t: 'expiring' });
        }
      }
    }
    for (const client of [...this.clients]) {
      if (!client.session && now - client.lastSeen > timeout) client.kick(ZegoErrorCode.LOGIN_TIMEOUT, 'no login');
    }
  }

  /** Ends every connection (server shutdown). Sessions are dropped as disconnected. */
  close(): void {
    for (const client of [...this.clients]) client.kick(ZegoErrorCode.KICKED_BY_SERVER, 'server is shutting down');
    for (const session of [...this.sessions.values()])
      this.removeSession(session, StreamDeleteReason.REMOVED_BY_SERVER);
  }

  // ---- used by HubClient ----

  /** @internal */
  forgetClient(client: HubClient): void {
    this.clients.delete(client);
  }

  /** @internal */
  async login(client: HubClient, m: Extract<ClientMessage, { t: 'login' }>): Promise<LoginReply> {
    if (client.session) throw new ZegoError(ZegoErrorCode.ALREADY_IN_ROOM, 'already logged in to a room');
    const { privileges, expire } = await this.auth.grant(m.token, m.user.userID, m.roomID);
    // The connection may have closed while the token was being verified: no session for it.
    if (!this.clients.has(client))
      throw new ZegoError(ZegoErrorCode.NETWORK_BROKEN, 'the connection closed during login');
    if (client.session) throw new ZegoError(ZegoErrorCode.ALREADY_IN_ROOM, 'already logged in to a room');
    let room = this.rooms.get(m.roomID);
    const previous = room?.sessions.get(m.user.userID);
    if (!room) {
      if (this.rooms.size >= this.options.maxRooms) throw new ZegoError(ZegoErrorCode.ROOM_FULL, 'too many rooms');
      const max = Math.min(m.config?.maxMemberCount ?? Infinity, this.options.maxUsersPerRoom);
      room = { id: m.roomID, sessions: new Map(), streams: new Map(), maxMembers: max };
      this.rooms.set(room.id, room);
    } else if (!previous && room.sessions.size >= room.maxMembers) {
      throw new ZegoError(ZegoErrorCode.ROOM_FULL, 'the room is full');
    }
    if (previous) {
      // Same userID logged in again: ZEGO kicks the earlier session.
      previous.client?.kick(ZegoErrorCode.KICKED_DUPLICATE_LOGIN, 'the same userID logged in elsewhere');
      this.removeSession(previous, StreamDeleteReason.REPEATED_LOGIN, false);
      // removeSession forgets a room it leaves empty; the new session lives on in this one.
      this.rooms.set(room.id, room);
    }
    const session: Session = {
      id: randomId(),
      room,
      user: m.user,
      userUpdate: m.config?.userUpdate ?? false,
      client,
      lastSeen: this.options.now(),
      streams: new Set(),
      privileges,
      expire,
      warned: false,
      held: [],
      heldSize: 0,
    };
    room.sessions.set(m.user.userID, session);
    this.sessions.set(session.id, session);
    client.session = session;
    if (!previous) this.toRoom(room, session, { t: 'users', type: 'ADD', users: [session.user] }, true);
    this.sendCounts(room);
    return this.loginReply(session);
  }

  /** @internal */
  resume(client: HubClient, sessionID: string): LoginReply {
    const session = this.sessions.get(sessionID);
    if (!session || this.options.now() - session.lastSeen > this.options.heartbeatTimeout)
      throw new ZegoError(ZegoErrorCode.HEARTBEAT_TIMEOUT, 'the session has ended; log in again');
    if (client.session) throw new ZegoError(ZegoErrorCode.ALREADY_IN_ROOM, 'already logged in to a room');
    if (session.client && session.client !== client) session.client.detach();
    session.client = client;
    session.lastSeen = this.options.now();
    client.session = session;
    return this.loginReply(session);
  }

  /** @internal */
  logout(session: Session): void {
    this.removeSession(session, StreamDeleteReason.STOPPED);
  }

  /** @internal */
  publish(session: Session, m: Extract<ClientMessage, { t: 'publish' }>): void {
    checkPublish({ privileges: session.privileges, expire: session.expire }, m.streamID);
    const room = session.room;
    if (room.streams.has(m.streamID))
      throw new ZegoError(ZegoErrorCode.STREAM_ID_EXISTS, 'streamID already exists in the room');
    if (session.streams.size >= this.options.maxStreamsPerUser)
      throw new ZegoError(
        ZegoErrorCode.PARAM_INVALID,
        `a user may publish at most ${this.options.maxStreamsPerUser} streams`,
      );
    const stream: Stream = {
      streamID: m.streamID,
      user: session.user,
      extraInfo: m.extraInfo ?? '',
      camera: m.camera ?? 'OPEN',
      mic: m.mic ?? 'OPEN',
      owner: session,
    };
    room.streams.set(stream.streamID, stream);
    session.streams.add(stream.streamID);
    this.toRoom(room, session, { t: 'streams', type: 'ADD', streams: [wire(stream)] });
  }

  /** @internal */
  unpublish(session: Session, streamID: string): void {
    const stream = this.ownStream(session, streamID);
    this.deleteStreams(session.room, [stream], StreamDeleteReason.STOPPED);
  }

  /** @internal */
  media(session: Session, streamID: string, camera?: ZegoDeviceStatus, mic?: ZegoDeviceStatus): void {
    const stream = this.ownStream(session, streamID);
    if (camera) stream.camera = camera;
    if (mic) stream.mic = mic;
    this.toRoom(session.room, session, { t: 'media', streamID, camera: stream.camera, mic: stream.mic });
  }

  /** @internal */
  signal(session: Session, m: Extract<ClientMessage, { t: 'signal' }>): void {
    const room = session.room;
    const target = room.sessions.get(m.to);
    if (!target || target === session)
      throw new ZegoError(ZegoErrorCode.PARAM_INVALID, `user ${m.to} is not in this room`);
    const stream = room.streams.get(m.streamID);
    if (!stream) throw new ZegoError(ZegoErrorCode.STREAM_NOT_FOUND, `stream ${m.streamID} is not in this room`);
    if (stream.owner !== session && stream.owner !== target)
      throw new ZegoError(ZegoErrorCode.PARAM_INVALID, 'signals go between a stream’s publisher and a player');
    this.deliver(target, { t: 'signal', from: session.user.userID, streamID: m.streamID, data: m.data });
  }

  /** @internal */
  async renew(session: Session, token: string): Promise<{ expire?: number }> {
    const { privileges, expire } = await this.auth.grant(token, session.user.userID, session.room.id);
    if (!expire) return {};
    session.privileges = privileges;
    session.expire = expire;
    session.warned = false;
    return { expire };
  }

  /** @internal */
  broadcast(session: Session, message: string): number {
    const messageID = ++this.messageSeq;
    const sendTime = this.options.now();
    const msg: ServerMessage = { t: 'broadcast', from: session.user, message, sendTime, messageID };
    for (const s of session.room.sessions.values()) if (s !== session) this.deliver(s, msg);
    return messageID;
  }

  /** @internal */
  command(session: Session, command: string, to: string[]): void {
    const targets = to.length ? to : [...session.room.sessions.keys()];
    for (const userID of targets) {
      const target = session.room.sessions.get(userID);
      if (target && target !== session) this.deliver(target, { t: 'command', from: session.user, command });
    }
  }

  // ---- internals ----

  private loginReply(session: Session): LoginReply {
    const room = session.room;
    const users = [...room.sessions.values()].filter((s) => s !== session).map((s) => s.user);
    const streams = [...room.streams.values()].filter((s) => s.owner !== session).map(wire);
    const reply: LoginReply = {
      session: session.id,
      users,
      streams,
      heartbeatInterval: this.options.heartbeatInterval,
    };
    if (session.expire) reply.expire = session.expire;
    return reply;
  }

  private ownStream(session: Session, streamID: string): Stream {
    const stream = session.room.streams.get(streamID);
    if (!stream || stream.owner !== session)
      throw new ZegoError(ZegoErrorCode.STREAM_NOT_FOUND, `you are not publishing stream ${streamID}`);
    return stream;
  }

  private deleteStreams(room: Room, streams: Stream[], reason: number): void {
    if (!streams.length) return;
    for (const s of streams) {
      room.streams.delete(s.streamID);
      s.owner.streams.delete(s.streamID);
    }
    this.toRoom(room, streams[0]!.owner, { t: 'streams', type: 'DELETE', streams: streams.map(wire), reason });
  }

  private removeSession(session: Session, reason: number, announceUser = true): void {
    const room = session.room;
    if (room.sessions.get(session.user.userID) !== session) return;
    const streams = [...session.streams].map((id) => room.streams.get(id)).filter((s): s is Stream => !!s);
    this.deleteStreams(room, streams, reason);
    room.sessions.delete(session.user.userID);
    this.sessions.delete(session.id);
    if (session.client) {
      session.client.session = null;
      session.client = null;
    }
    if (announceUser) this.toRoom(room, session, { t: 'users', type: 'DELETE', users: [session.user] }, true);
    if (room.sessions.size === 0) this.rooms.delete(room.id);
    else if (announceUser) this.sendCounts(room);
  }

  private toRoom(room: Room, except: Session, message: ServerMessage, onlyUserUpdate = false): void {
    for (const s of room.sessions.values()) {
      if (s === except || !s.client) continue;
      if (onlyUserUpdate && !s.userUpdate) continue;
      s.client.send(message);
    }
  }

  /**
   * Sends to a session, or holds the message while the session is reconnecting; `resume` hands it
   * over after its reply. Room state (users, streams, counts) is not held: the resume reply carries it.
   */
  private deliver(s: Session, message: ServerMessage): void {
    if (s.client) return s.client.send(message);
    const size = JSON.stringify(message).length;
    if (s.held.length >= MAX_HELD || s.heldSize + size > MAX_HELD_SIZE) return;
    s.held.push(message);
    s.heldSize += size;
  }

  /** @internal Hands a resumed session what was held for it. */
  deliverHeld(session: Session): void {
    const held = session.held;
    session.held = [];
    session.heldSize = 0;
    for (const m of held) session.client?.send(m);
  }

  private sendCounts(room: Room): void {
    const msg: ServerMessage = { t: 'count', count: room.sessions.size };
    for (const s of room.sessions.values()) s.client?.send(msg);
  }

  /** @internal */
  touch(session: Session | null, client: HubClient): void {
    const now = this.options.now();
    client.lastSeen = now;
    if (session) session.lastSeen = now;
  }
}

/** One connection to the hub. */
export class HubClient {
  /** @internal */
  session: Session | null = null;
  /** @internal */
  lastSeen: number;
  private closed = false;
  private tokens: number;
  private refill: number;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly hub: Hub,
    private readonly peer: HubPeer,
  ) {
    this.lastSeen = hub.options.now();
    this.tokens = hub.options.maxMessagesPerSecond * 2;
    this.refill = this.lastSeen;
  }

  /** Handles one inbound frame. Never throws: every problem becomes an error reply. */
  receive(raw: string): void {
    if (this.closed) return;
    const max = this.hub.options.maxMessageBytes;
    // The limit is in UTF-8 bytes; a UTF-16 code unit is at most 3 of them.
    if (raw.length > max || (raw.length * 3 > max && byteLength(raw) > max)) {
      this.send({ t: 'error', code: ZegoErrorCode.MESSAGE_INVALID, msg: `message is larger than ${max} bytes` });
      return;
    }
    if (!this.allow()) {
      this.send({ t: 'error', code: ZegoErrorCode.RATE_LIMITED, msg: 'too many messages; slow down' });
      return;
    }
    // Requests are handled in order, even those that wait for token verification.
    this.chain = this.chain.then(() => this.handle(raw)).catch(() => undefined);
  }

  /** The connection closed. Without a logout the session stays until the heartbeat timeout. */
  disconnect(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.session) {
      this.session.client = null;
      this.session = null;
    }
    this.hub.forgetClient(this);
  }

  /** @internal */
  send(message: ServerMessage): void {
    if (!this.closed) this.peer.send(message);
  }

  /** @internal Sends the reason, then closes. */
  kick(code: number, msg: string): void {
    if (this.closed) return;
    this.send({ t: 'kicked', code, msg });
    this.peer.close(4000, msg);
    this.disconnect();
  }

  /** @internal The session moved to another connection. */
  detach(): void {
    this.session = null;
    this.peer.close(4001, 'session resumed elsewhere');
    this.disconnect();
  }

  private allow(): boolean {
    const now = this.hub.options.now();
    const rate = this.hub.options.maxMessagesPerSecond;
    this.tokens = Math.min(rate * 2, this.tokens + ((now - this.refill) / 1000) * rate);
    this.refill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private async handle(raw: string): Promise<void> {
    if (this.closed) return;
    const m = parseClientMessage(raw);
    this.hub.touch(this.session, this);
    if (isInvalid(m)) {
      if (m.id === undefined) this.send({ t: 'error', code: m.code, msg: m.msg });
      else this.send({ t: 'reply', id: m.id, ok: false, code: m.code, msg: m.msg });
      return;
    }
    if (m.t === 'hb') {
      this.send({ t: 'hb' });
      return;
    }
    try {
      const data = await this.dispatch(m);
      if (m.id !== undefined) this.send({ t: 'reply', id: m.id, ok: true, ...data });
      if (m.t === 'resume' && this.session) this.hub.deliverHeld(this.session);
    } catch (err) {
      const code = errorCodeOf(err) ?? ZegoErrorCode.PARAM_INVALID;
      const msg = err instanceof ZegoError ? err.msg : 'request failed';
      if (m.id !== undefined) this.send({ t: 'reply', id: m.id, ok: false, code, msg });
      else this.send({ t: 'error', code, msg });
    }
  }

  private async dispatch(m: Exclude<ClientMessage, { t: 'hb' }>): Promise<Record<string, unknown> | undefined> {
    if (m.t === 'login') return { ...(await this.hub.login(this, m)), v: PROTOCOL_VERSION };
    if (m.t === 'resume') return { ...this.hub.resume(this, m.session), v: PROTOCOL_VERSION };
    const session = this.session;
    if (!session) throw new ZegoError(ZegoErrorCode.NOT_LOGGED_IN, 'log in to a room first');
    switch (m.t) {
      case 'logout':
        this.hub.logout(session);
        return undefined;
      case 'publish':
        this.hub.publish(session, m);
        return undefined;
      case 'unpublish':
        this.hub.unpublish(session, m.streamID);
        return undefined;
      case 'media':
        this.hub.media(session, m.streamID, m.camera, m.mic);
        return undefined;
      case 'signal':
        this.hub.signal(session, m);
        return undefined;
      case 'renew':
        return await this.hub.renew(session, m.token);
      case 'broadcast':
        return { messageID: this.hub.broadcast(session, m.message) };
      case 'command':
        this.hub.command(session, m.command, m.to);
        return undefined;
    }
  }
}
