/**
 * The room logic, free of I/O: rooms, users, streams, relay of peer-to-peer signals between two
 * users of one room, heartbeats and limits, with ZEGO's semantics. A transport (the WebSocket
 * server, or `InPageTransport` in a page) hands each connection's frames to {@link HubClient}
 * and delivers what the hub sends through {@link HubPeer}.
 *
 * The hub keeps the rooms, the sessions (by ID, for resumes) and the connections; a {@link Room}
 * does what happens in it, {@link Auth} checks tokens, the {@link Sweeper} says what timed out.
 */
import { ZegoError } from '../core/errors.js';
import {
  HEARTBEAT_TIMEOUT,
  KICKED_BY_SERVER,
  LOGIN_TIMEOUT,
  PARAM_INVALID,
  ROOM_FULL,
  TOKEN_EXPIRED,
} from '../core/codes.js';
import { StreamDeleteReason, type ZegoUser } from '../core/engine.js';
import type { ClientMessage, IceServer, WireStream } from './protocol.js';
import { Auth, type Grant } from './auth.js';
import { Room, type RoomState } from './room.js';
import { Session } from './session.js';
import { Sweeper } from './sweeper.js';
import { HubClient, type HubPeer } from './hub-client.js';

export { HubClient, type HubPeer };

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
  /**
   * Broadcast messages a room keeps for those who join later (sent to each login right after its
   * reply; not again on a resume). Default 100; 0 keeps none. The room's history goes with the room.
   */
  historyMessages?: number;
  /** The most a room's history may hold, in UTF-8 bytes of JSON. Default 128 KiB. */
  historyBytes?: number;
  /** Seconds before token expiry at which `tokenWillExpire` is sent. Default 30. */
  tokenWillExpireSeconds?: number;
  /** Clock, ms. Default `Date.now`. */
  now?: () => number;
  /** Told what happens, for a transport's metrics and logs. Default: nobody. */
  observer?: HubObserver;
  /**
   * STUN/TURN servers for a user, handed over at login and resume and on request (`ice`), with how
   * many seconds their credentials last. Default: none (clients use only their own).
   */
  iceServers?: (userID: string) => { iceServers: IceServer[]; ttl?: number };
  /**
   * Told of every change of a room (with how to read its state) and of its end: a cluster keeps a
   * copy in Redis so that another node can carry the room on ({@link Hub.restoreRoom}).
   */
  mirror?: {
    changed(roomID: string, state: () => RoomState): void;
    ended(roomID: string): void;
  };
}

/**
 * What a transport may count or log. Every method is optional; a throw in one is ignored. Nothing
 * secret is passed: no tokens, no session IDs.
 */
export interface HubObserver {
  /**
   * A frame arrived: its message type (`login`, `signal`, …); `invalid` for one that is not a valid
   * message, `rejected` for one refused unread (too long, or over the rate limit).
   */
  received?(type: string): void;
  /** A user logged in to a room (not a resume). */
  loggedIn?(user: ZegoUser, roomID: string): void;
  /** A signal was sent on to its target, `ms` after its frame arrived (not counted: one held for a reconnecting target). */
  signalRelayed?(ms: number): void;
}

export class Hub {
  readonly options: Required<Omit<HubOptions, 'appID' | 'serverSecret' | 'observer' | 'iceServers' | 'mirror'>> &
    Pick<HubOptions, 'appID' | 'serverSecret' | 'observer' | 'iceServers' | 'mirror'>;
  /** @internal */
  readonly auth: Auth;
  private readonly sweeper: Sweeper;
  private readonly rooms = new Map<string, Room>();
  private readonly sessions = new Map<string, Session>();
  private readonly clients = new Set<HubClient>();
  /**
   * The last broadcast message ID. It starts from the clock, so IDs stay unique across restarts too:
   * a client that rejoins a restarted hub keeps the messages it had, told apart from new ones.
   */
  private messageSeq: number;

  constructor(options: HubOptions = {}) {
    if (options.serverSecret !== undefined && !(Number.isSafeInteger(options.appID) && (options.appID as number) > 0))
      throw new ZegoError(PARAM_INVALID, 'a server secret needs a positive integer appID');
    this.options = {
      heartbeatInterval: 5000,
      heartbeatTimeout: 12000,
      maxMessageBytes: 64 * 1024,
      maxUsersPerRoom: 50,
      maxRooms: 1000,
      maxStreamsPerUser: 4,
      maxMessagesPerSecond: 100,
      tokenWillExpireSeconds: 30,
      historyMessages: 100,
      historyBytes: 128 * 1024,
      now: Date.now,
      ...options,
    };
    this.messageSeq = this.options.now();
    this.auth = new Auth(this.options);
    this.sweeper = new Sweeper(this.options);
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
    for (const r of this.rooms.values()) streams += r.streamCount;
    return { connections: this.clients.size, rooms: this.rooms.size, users: this.sessions.size, streams };
  }

  /** The hub's view of one room: who is in it and what they publish. */
  roomView(roomID: string): { users: ZegoUser[]; streams: WireStream[] } {
    return this.rooms.get(roomID)?.view() ?? { users: [], streams: [] };
  }

  /**
   * Drops what timed out: sessions silent longer than the heartbeat timeout (their streams are
   * deleted with reason 2), connections that never logged in, and sessions whose token expired.
   * The transport calls this periodically (every second is plenty).
   */
  sweep(): void {
    const now = this.options.now();
    for (const session of [...this.sessions.values()]) {
      const due = this.sweeper.due(session, now);
      if (due === 'silent') {
        session.kick(HEARTBEAT_TIMEOUT, 'heartbeat timed out');
        this.end(session, StreamDeleteReason.HEARTBEAT_TIMEOUT);
      } else if (due === 'expired') {
        session.kick(TOKEN_EXPIRED, 'token expired');
        this.end(session, StreamDeleteReason.KICKED);
      } else if (due === 'expiring') session.warnExpiring();
    }
    for (const client of [...this.clients]) {
      if (!client.session && this.sweeper.timedOut(client.lastSeen, now)) client.kick(LOGIN_TIMEOUT, 'no login');
    }
  }

  /**
   * Logs out the session of that ID, as its own `logout` would: for a page that is closing and can
   * only send a beacon. The session ID is known only to its client. Returns whether it was there.
   */
  logoutSession(sessionID: string): boolean {
    const session = this.sessions.get(sessionID);
    if (!session) return false;
    session.kick(KICKED_BY_SERVER, 'logged out');
    this.end(session, StreamDeleteReason.STOPPED);
    return true;
  }

  /**
   * Ends every connection (server shutdown), with no kick: to a client this is a server restart,
   * and its engine gets back to the room (on this server's successor) by itself.
   */
  close(): void {
    for (const client of [...this.clients]) client.goAway();
    for (const session of [...this.sessions.values()]) this.end(session, StreamDeleteReason.REMOVED_BY_SERVER);
  }

  // ---- for HubClient ----

  /** @internal A new session for `client`, whose token granted `grant`, in the room it asked for. */
  admit(client: HubClient, m: Extract<ClientMessage, { t: 'login' }>, grant: Grant): Session {
    let room = this.rooms.get(m.roomID);
    if (!room) {
      if (this.rooms.size >= this.options.maxRooms) throw new ZegoError(ROOM_FULL, 'too many rooms');
      const max = Math.min(m.config?.maxMemberCount ?? Infinity, this.options.maxUsersPerRoom);
      room = this.#newRoom(m.roomID, max);
    }
    const session = new Session(room, m.user, m.config?.userUpdate ?? false, client, grant, this.options.now());
    const previous = room.join(session);
    if (previous) this.sessions.delete(previous.id);
    this.rooms.set(room.id, room);
    this.sessions.set(session.id, session);
    return session;
  }

  /**
   * Carries on a room another node held (a cluster's node that went away): its members' sessions
   * wait for their clients to resume them here, as after a dropped connection; those nobody resumes
   * within the heartbeat timeout end, their streams deleted with reason 2. A room this hub has
   * already is left as it is. Returns whether it was restored.
   */
  restoreRoom(state: RoomState): boolean {
    if (this.rooms.has(state.roomID)) return false;
    const room = this.#newRoom(state.roomID, state.maxMembers);
    const now = this.options.now();
    room.restore(state, (m) => {
      const session = new Session(room, m.user, m.userUpdate, null, m.grant, now, m.session);
      this.sessions.set(session.id, session);
      return session;
    });
    if (!room.size) return false;
    this.rooms.set(room.id, room);
    return true;
  }

  #newRoom(roomID: string, maxMembers: number): Room {
    const room = new Room(roomID, maxMembers, this.options.maxStreamsPerUser, {
      messages: this.options.historyMessages,
      bytes: this.options.historyBytes,
    });
    const mirror = this.options.mirror;
    if (mirror) room.onChange = () => mirror.changed(room.id, () => room.state());
    return room;
  }

  /** @internal The session of that ID, if it may still be resumed. */
  resumable(sessionID: string): Session {
    const session = this.sessions.get(sessionID);
    if (!session || this.sweeper.timedOut(session.lastSeen, this.options.now()))
      throw new ZegoError(HEARTBEAT_TIMEOUT, 'the session has ended; log in again');
    return session;
  }

  /** @internal A logout. */
  leave(session: Session): void {
    this.end(session, StreamDeleteReason.STOPPED);
  }

  /** @internal The connection closed. */
  forget(client: HubClient): void {
    this.clients.delete(client);
  }

  /** @internal IDs of broadcast messages, unique in the hub. */
  nextMessageID(): number {
    return ++this.messageSeq;
  }

  /** Ends a session: it leaves its room (streams deleted with `reason`), and an empty room is forgotten. */
  private end(session: Session, reason: number): void {
    const room = session.room;
    room.leave(session, reason);
    this.sessions.delete(session.id);
    if (!room.size && this.rooms.get(room.id) === room) {
      this.rooms.delete(room.id);
      this.options.mirror?.ended(room.id);
    }
  }
}
