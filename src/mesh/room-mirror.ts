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
  readonly #users = new Map<string, ZegoUser>();
  readonly #streams = new Map<string, WireStream>();
  /** Users and streams missing after a rejoin, kept for a while: the others may be rejoining too. */
  readonly #unconfirmed = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    readonly roomID: string,
    /** Whether the app asked for `roomUserUpdate` (ZEGO's `userUpdate` login option). */
    private readonly userUpdate: boolean,
    private readonly events: Emitter,
    /** A stream left the room: whoever plays it must stop. */
    private readonly streamGone: (streamID: string) => void,
    /** A stream we knew is (still, or again) in the room: whoever plays it may tell the hub. */
    private readonly added: (streamID: string) => void = () => undefined,
  ) {}

  /** The stream's publisher, if the stream is in the room. */
  ownerOf(streamID: string): string | undefined {
    return this.#streams.get(streamID)?.user.userID;
  }

  /**
   * Takes the hub's whole view (login or resume), reporting what changed as ADD and DELETE.
   * With `grace` (after a rejoin, when the hub may have restarted and the others be on their way
   * back), users and streams it lacks are deleted only if they have not come back within `grace` ms.
   */
  apply(reply: LoginReply, grace = 0): void {
    const users = new Set(reply.users.map((u) => u.userID));
    const streams = new Set(reply.streams.map((s) => s.streamID));
    const gone = [...this.#users.values()].filter((u) => !users.has(u.userID));
    const lost = [...this.#streams.values()].filter((s) => !streams.has(s.streamID));
    if (grace > 0) {
      for (const u of gone) this.#await(`u:${u.userID}`, grace, () => this.usersChanged('DELETE', [u]));
      for (const s of lost)
        this.#await(`s:${s.streamID}`, grace, () => this.streamsChanged('DELETE', [s], GONE_WHILE_AWAY));
    } else {
      if (gone.length) this.usersChanged('DELETE', gone);
      if (lost.length) this.streamsChanged('DELETE', lost, GONE_WHILE_AWAY);
    }
    this.usersChanged('ADD', reply.users);
    this.streamsChanged('ADD', reply.streams);
  }

  /** Forgets pending deletions (leaving the room). */
  close(): void {
    for (const t of this.#unconfirmed.values()) clearTimeout(t);
    this.#unconfirmed.clear();
  }

  #await(key: string, ms: number, gone: () => void): void {
    clearTimeout(this.#unconfirmed.get(key));
    this.#unconfirmed.set(
      key,
      setTimeout(() => {
        this.#unconfirmed.delete(key);
        gone();
      }, ms),
    );
  }

  /** Whether `key` was awaited (and now is not: it came back). */
  #confirmed(key: string): boolean {
    const t = this.#unconfirmed.get(key);
    if (t === undefined) return false;
    clearTimeout(t);
    this.#unconfirmed.delete(key);
    return true;
  }

  /** Users came or went. Only news is reported: an ADD of someone known (or awaited) is not. */
  usersChanged(type: ZegoUpdateType, list: ZegoUser[]): void {
    const news = list.filter((u) =>
      type === 'ADD' ? !this.#confirmed(`u:${u.userID}`) && !this.#users.has(u.userID) : this.#users.has(u.userID),
    );
    for (const u of list) {
      if (type === 'ADD') this.#users.set(u.userID, u);
      else this.#users.delete(u.userID);
    }
    if (news.length && this.userUpdate) this.events.emit('roomUserUpdate', this.roomID, type, news);
  }

  /** Streams came or went (with ZEGO's delete `reason`). Only news is reported. */
  streamsChanged(type: ZegoUpdateType, list: WireStream[], reason = 1): void {
    if (type === 'ADD') {
      const fresh: WireStream[] = [];
      for (const s of list) {
        const known = this.#streams.get(s.streamID);
        const back = this.#confirmed(`s:${s.streamID}`);
        if (known && (back || known.user.userID === s.user.userID)) {
          // Back after a rejoin (or told again): the same stream; only its camera/mic may have changed.
          this.media(s.streamID, s.camera, s.mic);
          this.added(s.streamID);
          continue;
        }
        this.#streams.set(s.streamID, { ...s });
        fresh.push(s);
      }
      if (!fresh.length) return;
      this.events.emit('roomStreamUpdate', this.roomID, 'ADD', fresh.map(streamInfo), '');
      for (const s of fresh) {
        if (s.camera === 'MUTE') this.events.emit('remoteCameraStatusUpdate', s.streamID, 'MUTE');
        if (s.mic === 'MUTE') this.events.emit('remoteMicStatusUpdate', s.streamID, 'MUTE');
      }
      return;
    }
    const gone = list.filter((s) => this.#streams.has(s.streamID));
    for (const s of gone) {
      this.#confirmed(`s:${s.streamID}`);
      this.#streams.delete(s.streamID);
    }
    if (!gone.length) return;
    const extended = JSON.stringify({
      stream_delete_reason: gone.map((s) => ({ stream_id: s.streamID, code: reason })),
    });
    this.events.emit('roomStreamUpdate', this.roomID, 'DELETE', gone.map(streamInfo), extended);
    for (const s of gone) this.streamGone(s.streamID);
  }

  /** A publisher's camera or microphone changed. */
  media(streamID: string, camera: ZegoDeviceStatus, mic: ZegoDeviceStatus): void {
    const s = this.#streams.get(streamID);
    if (!s) return;
    if (s.camera !== camera) this.events.emit('remoteCameraStatusUpdate', streamID, (s.camera = camera));
    if (s.mic !== mic) this.events.emit('remoteMicStatusUpdate', streamID, (s.mic = mic));
  }
}
