/**
 * What this engine knows of the room it is in: the other users and their streams, kept in step
 * with the hub's messages and reported as ZEGO's events (`roomUserUpdate`, `roomStreamUpdate`,
 * `remoteCameraStatusUpdate`, `remoteMicStatusUpdate`). Never holds ourselves.
 */
import type { ZegoDeviceStatus, ZegoStreamInfo, ZegoUpdateType, ZegoUser } from '../core/engine.js';
import type { LoginReply, WireStream } from '../hub/protocol.js';
import type { Emitter } from './emitter.js';

const streamInfo = (s: WireStream): ZegoStreamInfo => ({ streamID: s.streamID, user: s.user, extraInfo: s.extraInfo });

/** ZEGO's stream delete reason for streams found gone after a reconnect. */
const GONE_WHILE_AWAY = 5;

export class RoomMirror {
  private readonly users = new Map<string, ZegoUser>();
  private readonly streams = new Map<string, WireStream>();

  constructor(
    readonly roomID: string,
    /** Whether the app asked for `roomUserUpdate` (ZEGO's `userUpdate` login option). */
    private readonly userUpdate: boolean,
    private readonly events: Emitter,
    /** A stream left the room: whoever plays it must stop. */
    private readonly streamGone: (streamID: string) => void,
  ) {}

  /** The stream's publisher, if the stream is in the room. */
  ownerOf(streamID: string): string | undefined {
    return this.streams.get(streamID)?.user.userID;
  }

  /** Takes the hub's whole view (login or resume), reporting what changed as ADD and DELETE. */
  apply(reply: LoginReply): void {
    const users = new Set(reply.users.map((u) => u.userID));
    const gone = [...this.users.values()].filter((u) => !users.has(u.userID));
    const added = reply.users.filter((u) => !this.users.has(u.userID));
    if (gone.length) this.usersChanged('DELETE', gone);
    if (added.length) this.usersChanged('ADD', added);
    const streams = new Set(reply.streams.map((s) => s.streamID));
    const lost = [...this.streams.values()].filter((s) => !streams.has(s.streamID));
    if (lost.length) this.streamsChanged('DELETE', lost, GONE_WHILE_AWAY);
    const fresh = reply.streams.filter((s) => !this.streams.has(s.streamID));
    if (fresh.length) this.streamsChanged('ADD', fresh);
  }

  usersChanged(type: ZegoUpdateType, list: ZegoUser[]): void {
    for (const u of list) {
      if (type === 'ADD') this.users.set(u.userID, u);
      else this.users.delete(u.userID);
    }
    if (this.userUpdate) this.events.emit('roomUserUpdate', this.roomID, type, list);
  }

  streamsChanged(type: ZegoUpdateType, list: WireStream[], reason = 1): void {
    if (type === 'ADD') {
      for (const s of list) this.streams.set(s.streamID, { ...s });
      this.events.emit('roomStreamUpdate', this.roomID, 'ADD', list.map(streamInfo), '');
      for (const s of list) {
        if (s.camera === 'MUTE') this.events.emit('remoteCameraStatusUpdate', s.streamID, 'MUTE');
        if (s.mic === 'MUTE') this.events.emit('remoteMicStatusUpdate', s.streamID, 'MUTE');
      }
      return;
    }
    for (const s of list) this.streams.delete(s.streamID);
    const extended = JSON.stringify({
      stream_delete_reason: list.map((s) => ({ stream_id: s.streamID, code: reason })),
    });
    this.events.emit('roomStreamUpdate', this.roomID, 'DELETE', list.map(streamInfo), extended);
    for (const s of list) this.streamGone(s.streamID);
  }

  /** A publisher's camera or microphone changed. */
  media(streamID: string, camera: ZegoDeviceStatus, mic: ZegoDeviceStatus): void {
    const s = this.streams.get(streamID);
    if (!s) return;
    if (s.camera !== camera) this.events.emit('remoteCameraStatusUpdate', streamID, (s.camera = camera));
    if (s.mic !== mic) this.events.emit('remoteMicStatusUpdate', streamID, (s.mic = mic));
  }
}
