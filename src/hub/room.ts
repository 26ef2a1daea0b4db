/**
 * A room: its sessions (one per userID), the streams they publish, and the fan-out of what
 * happens in it, with ZEGO's semantics: nobody is told about themselves, and nothing leaves the room.
 */
import { ZegoError } from '../core/errors.js';
import {
  KICKED_DUPLICATE_LOGIN,
  PARAM_INVALID,
  ROOM_EXTRA_INFO_KEY_LIMIT,
  ROOM_FULL,
  STREAM_ID_EXISTS,
  STREAM_NOT_FOUND,
} from '../core/codes.js';
import { StreamDeleteReason, type ZegoDeviceStatus, type ZegoRoomExtraInfo, type ZegoUser } from '../core/engine.js';
import type { BroadcastMessage, ServerMessage, SignalData, WireStream } from './protocol.js';
import type { Session } from './session.js';
import type { Grant } from './auth.js';
import { byteLength } from './ids.js';

/** A stream as the room keeps it: what goes on the wire, who publishes it, and who plays it. */
interface Stream extends WireStream {
  owner: Session;
  /** userIDs of the players that negotiated with the publisher and have not said stop. */
  players: Set<string>;
}

const wire = (s: Stream): WireStream => ({
  streamID: s.streamID,
  user: s.user,
  extraInfo: s.extraInfo,
  camera: s.camera,
  mic: s.mic,
});

/**
 * Everything a room is, as JSON, for another node to carry it on if this one goes (a cluster
 * mirrors it in Redis): its members with their session IDs and grants, its streams with who plays
 * them, its extra info and its chat.
 */
export interface RoomState {
  roomID: string;
  maxMembers: number;
  members: { session: string; user: ZegoUser; userUpdate: boolean; grant: Grant }[];
  streams: (WireStream & { players: string[] })[];
  extra: ZegoRoomExtraInfo[];
  history: BroadcastMessage[];
}

/** How much of a room's chat it keeps for those who join later. */
export interface HistoryLimits {
  /** Messages. */
  messages: number;
  /** Their total size as JSON, in UTF-8 bytes. */
  bytes: number;
}

export class Room {
  /** By userID. */
  private readonly sessions = new Map<string, Session>();
  private readonly streams = new Map<string, Stream>();
  /** Its first member always gets in. */
  private readonly maxMembers: number;
  /** The last broadcast messages, oldest first, with their sizes. */
  private readonly kept: { message: BroadcastMessage; bytes: number }[] = [];
  private keptBytes = 0;
  /** Told after each change of what {@link state} holds. */
  onChange: (() => void) | undefined;

  constructor(
    readonly id: string,
    maxMembers: number,
    /** Streams one user may publish at once. */
    private readonly maxStreamsPerUser: number,
    private readonly historyLimits: HistoryLimits = { messages: 100, bytes: 128 * 1024 },
  ) {
    this.maxMembers = Math.max(1, maxMembers);
  }

  /** The chat it keeps, oldest first: sent to each new login right after its reply. */
  get history(): readonly BroadcastMessage[] {
    return this.kept.map((k) => k.message);
  }

  /** How many users are in it. */
  get size(): number {
    return this.sessions.size;
  }

  /** How many streams are published in it. */
  get streamCount(): number {
    return this.streams.size;
  }

  /** What it is now, as JSON. */
  state(): RoomState {
    return {
      roomID: this.id,
      maxMembers: this.maxMembers,
      members: [...this.sessions.values()].map((s) => ({
        session: s.id,
        user: s.user,
        userUpdate: s.userUpdate,
        grant: s.grant,
      })),
      streams: [...this.streams.values()].map((s) => ({ ...wire(s), players: [...s.players] })),
      extra: this.extraInfo,
      history: [...this.history],
    };
  }

  /** Takes on a state another node's room was in; `sessionOf` gives each member's session (waiting for its client). */
  restore(state: RoomState, sessionOf: (member: RoomState['members'][number]) => Session): void {
    for (const member of state.members) this.sessions.set(member.user.userID, sessionOf(member));
    for (const { players, ...stream } of state.streams) {
      const owner = this.sessions.get(stream.user.userID);
      if (owner) this.streams.set(stream.streamID, { ...stream, owner, players: new Set(players) });
    }
    for (const info of state.extra) this.extra.set(info.key, info);
    for (const message of state.history) {
      const bytes = byteLength(JSON.stringify(message));
      this.kept.push({ message, bytes });
      this.keptBytes += bytes;
    }
  }

  /** Who is in it and what they publish, as `session` sees it: everyone and everything but itself. */
  view(session?: Session): { users: ZegoUser[]; streams: WireStream[] } {
    return {
      users: [...this.sessions.values()].filter((s) => s !== session).map((s) => s.user),
      streams: [...this.streams.values()].filter((s) => s.owner !== session).map(wire),
    };
  }

  /**
   * Lets a session in. An earlier session of the same userID is kicked (1002050) and replaced: its
   * streams are deleted with reason 3, and the others see no user leave or come.
   *
   * @returns the session it replaced.
   * @throws ZegoError `ROOM_FULL` if the room is full (a re-login of a member still gets in).
   */
  join(session: Session): Session | undefined {
    const previous = this.sessions.get(session.user.userID);
    if (!previous && this.sessions.size >= this.maxMembers) throw new ZegoError(ROOM_FULL, 'the room is full');
    if (previous) {
      previous.kick(KICKED_DUPLICATE_LOGIN, 'the same userID logged in elsewhere');
      this.deleteStreams(this.streamsOf(previous), StreamDeleteReason.REPEATED_LOGIN);
      this.stopPlayers(previous);
      previous.end();
    }
    this.sessions.set(session.user.userID, session);
    if (!previous) this.toOthers(session, { t: 'users', type: 'ADD', users: [session.user] }, true);
    this.sendCount();
    this.onChange?.();
    return previous;
  }

  /** A session leaves: its streams are deleted with `reason`, the others see it go. */
  leave(session: Session, reason: number): void {
    if (this.sessions.get(session.user.userID) !== session) return;
    this.deleteStreams(this.streamsOf(session), reason);
    this.stopPlayers(session);
    this.sessions.delete(session.user.userID);
    session.end();
    this.toOthers(session, { t: 'users', type: 'DELETE', users: [session.user] }, true);
    if (this.sessions.size) this.sendCount();
    this.onChange?.();
  }

  /** @throws ZegoError `STREAM_ID_EXISTS` if the room has a stream of that ID; `PARAM_INVALID` past the per-user limit. */
  publish(
    session: Session,
    m: { streamID: string; extraInfo?: string; camera?: ZegoDeviceStatus; mic?: ZegoDeviceStatus },
  ): void {
    const existing = this.streams.get(m.streamID);
    // Its own publisher asking again (a request a dropped link cut short): nothing new to tell.
    if (existing?.owner === session) return;
    if (existing) throw new ZegoError(STREAM_ID_EXISTS, 'streamID already exists in the room');
    if (this.streamsOf(session).length >= this.maxStreamsPerUser)
      throw new ZegoError(PARAM_INVALID, `a user may publish at most ${this.maxStreamsPerUser} streams`);
    const stream: Stream = {
      streamID: m.streamID,
      user: session.user,
      extraInfo: m.extraInfo ?? '',
      camera: m.camera ?? 'OPEN',
      mic: m.mic ?? 'OPEN',
      owner: session,
      players: new Set(),
    };
    this.streams.set(stream.streamID, stream);
    this.toOthers(session, { t: 'streams', type: 'ADD', streams: [wire(stream)] });
    this.onChange?.();
  }

  /** @throws ZegoError `STREAM_NOT_FOUND` unless `session` publishes `streamID`. */
  unpublish(session: Session, streamID: string): void {
    this.deleteStreams([this.ownStream(session, streamID)], StreamDeleteReason.STOPPED);
  }

  /** A publisher's camera or mic changed. @throws ZegoError `STREAM_NOT_FOUND` unless `session` publishes `streamID`. */
  media(session: Session, streamID: string, camera?: ZegoDeviceStatus, mic?: ZegoDeviceStatus): void {
    const stream = this.ownStream(session, streamID);
    if (camera) stream.camera = camera;
    if (mic) stream.mic = mic;
    this.toOthers(session, { t: 'media', streamID, camera: stream.camera, mic: stream.mic });
    this.onChange?.();
  }

  /**
   * Relays a peer-to-peer signal between a stream's publisher and one of its players.
   *
   * @returns whether it was sent now (not held for a reconnecting target).
   *
   * @throws ZegoError `PARAM_INVALID` for a user not in the room, yourself, or two users neither of
   *   whom publishes the stream; `STREAM_NOT_FOUND` for a stream not in the room.
   */
  signal(from: Session, to: string, streamID: string, data: SignalData): boolean {
    const target = this.sessions.get(to);
    if (!target || target === from) throw new ZegoError(PARAM_INVALID, `user ${to} is not in this room`);
    const stream = this.streams.get(streamID);
    if (!stream) throw new ZegoError(STREAM_NOT_FOUND, `stream ${streamID} is not in this room`);
    if (stream.owner !== from && stream.owner !== target)
      throw new ZegoError(PARAM_INVALID, 'signals go between a stream’s publisher and a player');
    if (stream.owner === target) {
      const had = stream.players.has(from.user.userID);
      if (data.type === 'stop') stream.players.delete(from.user.userID);
      else stream.players.add(from.user.userID);
      if (had !== stream.players.has(from.user.userID)) this.onChange?.();
    }
    return target.deliver({ t: 'signal', from: from.user.userID, streamID, data });
  }

  /**
   * A session's user is gone: the publishers it played are told to stop, as if it had said so, so
   * that nobody keeps sending media to someone the room has removed.
   */
  private stopPlayers(session: Session): void {
    const userID = session.user.userID;
    for (const stream of this.streams.values()) {
      if (stream.owner === session || !stream.players.delete(userID)) continue;
      stream.owner.deliver({ t: 'signal', from: userID, streamID: stream.streamID, data: { type: 'stop' } });
    }
  }

  /** A chat message for everyone in the room but its sender; kept for those who join later. */
  broadcast(from: Session, message: BroadcastMessage): void {
    for (const s of this.sessions.values()) if (s !== from) s.deliver(message);
    const { messages, bytes: maxBytes } = this.historyLimits;
    const bytes = byteLength(JSON.stringify(message));
    if (messages <= 0 || bytes > maxBytes) return;
    this.kept.push({ message, bytes });
    this.keptBytes += bytes;
    while (this.kept.length > messages || this.keptBytes > maxBytes) this.keptBytes -= this.kept.shift()!.bytes;
    this.onChange?.();
  }

  /** The room's extra info (ZEGO allows one key), for those who join later too. */
  private readonly extra = new Map<string, ZegoRoomExtraInfo>();

  /** What joiners are told at login: the room's extra info so far. */
  get extraInfo(): ZegoRoomExtraInfo[] {
    return [...this.extra.values()];
  }

  /** @throws ZegoError `ROOM_EXTRA_INFO_KEY_LIMIT` for a second key. */
  setExtraInfo(from: Session, key: string, value: string, now: number): void {
    if (!this.extra.has(key) && this.extra.size >= 1)
      throw new ZegoError(ROOM_EXTRA_INFO_KEY_LIMIT, 'room extra info key exceed the limit');
    const info: ZegoRoomExtraInfo = { key, value, updateUser: from.user, updateTime: now };
    this.extra.set(key, info);
    for (const s of this.sessions.values()) if (s !== from) s.deliver({ t: 'roomExtra', info: [info] });
    this.onChange?.();
  }

  /** @throws ZegoError `STREAM_NOT_FOUND` unless `session` publishes `streamID`. */
  setStreamExtraInfo(session: Session, streamID: string, extraInfo: string): void {
    const stream = this.ownStream(session, streamID);
    stream.extraInfo = extraInfo;
    this.toOthers(session, { t: 'streamExtra', streams: [wire(stream)] });
    this.onChange?.();
  }

  /** A barrage message for everyone in the room but its sender (held for the reconnecting), not kept. */
  barrage(from: Session, message: ServerMessage): void {
    for (const s of this.sessions.values()) if (s !== from) s.deliver(message);
  }

  /** A custom command for the users `to` (everyone when empty) but its sender; unknown users are skipped. */
  command(from: Session, command: string, to: string[]): void {
    const targets = to.length ? to : [...this.sessions.keys()];
    for (const userID of targets) {
      const target = this.sessions.get(userID);
      if (target && target !== from) target.deliver({ t: 'command', from: from.user, command });
    }
  }

  private streamsOf(session: Session): Stream[] {
    return [...this.streams.values()].filter((s) => s.owner === session);
  }

  private ownStream(session: Session, streamID: string): Stream {
    const stream = this.streams.get(streamID);
    if (!stream || stream.owner !== session)
      throw new ZegoError(STREAM_NOT_FOUND, `you are not publishing stream ${streamID}`);
    return stream;
  }

  /** Deletes streams of one publisher and tells the others, with ZEGO's `reason`. */
  private deleteStreams(streams: Stream[], reason: number): void {
    if (!streams.length) return;
    for (const s of streams) this.streams.delete(s.streamID);
    this.toOthers(streams[0]!.owner, { t: 'streams', type: 'DELETE', streams: streams.map(wire), reason });
    this.onChange?.();
  }

  /** Sends room state to every session but `except` (with `onlyUserUpdate`, to those that asked for user updates). */
  private toOthers(except: Session, message: ServerMessage, onlyUserUpdate = false): void {
    for (const s of this.sessions.values()) if (s !== except && (!onlyUserUpdate || s.userUpdate)) s.send(message);
  }

  private sendCount(): void {
    const msg: ServerMessage = { t: 'count', count: this.sessions.size };
    for (const s of this.sessions.values()) s.send(msg);
  }
}
