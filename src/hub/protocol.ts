/**
 * The wire protocol between an engine and the hub: versioned JSON, one object per message.
 *
 * Requests carry an `id`; the hub answers each with a `reply` holding the same `id`, either
 * `ok: true` (plus data) or `ok: false` with a ZEGO error `code` and `msg`. Everything the hub
 * pushes unasked (users, streams, signals, media state, kicks) has no `id`.
 */
import { type ZegoErrorInfo } from '../core/errors.js';
import {
  MESSAGE_INVALID,
  MESSAGE_TOO_LONG,
  PARAM_INVALID,
  ROOM_EXTRA_INFO_KEY_EMPTY,
  ROOM_EXTRA_INFO_KEY_TOO_LONG,
  ROOM_EXTRA_INFO_VALUE_TOO_LONG,
  STREAM_EXTRA_INFO_NULL,
  STREAM_EXTRA_INFO_TOO_LONG,
  TOKEN_ERROR,
} from '../core/codes.js';
import type { ZegoDeviceStatus, ZegoRoomExtraInfo, ZegoUser, ZegoUpdateType } from '../core/engine.js';
import { checkLogin, checkStreamID, checkUserID, byteLength, ID_LIMITS, PROTOCOL_VERSION } from './ids.js';

export { PROTOCOL_VERSION };

/** A stream as the hub keeps it: ZEGO's stream info plus the publisher's camera/mic state. */
export interface WireStream {
  streamID: string;
  user: ZegoUser;
  extraInfo: string;
  camera: ZegoDeviceStatus;
  mic: ZegoDeviceStatus;
}

/** Peer-to-peer negotiation relayed between two users of one room, about one stream. */
export type SignalData =
  | { type: 'play'; video?: boolean; audio?: boolean }
  | { type: 'offer' | 'answer'; sdp: string }
  | { type: 'candidate'; candidate: RTCIceCandidateInit | null }
  /** The player shows the stream's video (`video: true`) or not: the publisher sends it or not. */
  | { type: 'view'; video: boolean; small?: boolean }
  | { type: 'stop' };

export type ClientMessage =
  | {
      t: 'login';
      v: number;
      id: number;
      roomID: string;
      token: string;
      user: ZegoUser;
      config?: { userUpdate?: boolean; maxMemberCount?: number };
    }
  | { t: 'resume'; v: number; id: number; session: string }
  | { t: 'logout'; id: number }
  | {
      t: 'publish';
      id: number;
      streamID: string;
      extraInfo?: string;
      camera?: ZegoDeviceStatus;
      mic?: ZegoDeviceStatus;
    }
  | { t: 'unpublish'; id: number; streamID: string }
  | { t: 'media'; id?: number; streamID: string; camera?: ZegoDeviceStatus; mic?: ZegoDeviceStatus }
  | { t: 'signal'; id?: number; to: string; streamID: string; data: SignalData }
  | { t: 'renew'; id: number; token: string }
  | { t: 'ice'; id: number }
  | { t: 'broadcast'; id: number; message: string }
  | { t: 'barrage'; id: number; message: string }
  | { t: 'roomExtra'; id: number; key: string; value: string }
  | { t: 'streamExtra'; id: number; streamID: string; extraInfo: string }
  | { t: 'command'; id: number; command: string; to: string[] }
  | { t: 'hb' };

export type ServerMessage =
  | ({ t: 'reply'; id: number; ok: true } & Record<string, unknown>)
  | ({ t: 'reply'; id: number; ok: false } & ZegoErrorInfo)
  | ({ t: 'error' } & ZegoErrorInfo)
  | { t: 'users'; type: ZegoUpdateType; users: ZegoUser[] }
  | { t: 'streams'; type: ZegoUpdateType; streams: WireStream[]; reason?: number }
  | { t: 'count'; count: number }
  | { t: 'media'; streamID: string; camera: ZegoDeviceStatus; mic: ZegoDeviceStatus }
  | { t: 'signal'; from: string; streamID: string; data: SignalData }
  | ({ t: 'kicked' } & ZegoErrorInfo)
  | { t: 'expiring' }
  | BroadcastMessage
  | { t: 'barrage'; from: ZegoUser; message: string; sendTime: number; messageID: string }
  | { t: 'roomExtra'; info: ZegoRoomExtraInfo[] }
  | { t: 'streamExtra'; streams: WireStream[] }
  | { t: 'command'; from: ZegoUser; command: string }
  | { t: 'hb' };

/** A chat message to the room (ZEGO's broadcast message), as the hub sends it. */
export interface BroadcastMessage {
  t: 'broadcast';
  from: ZegoUser;
  message: string;
  sendTime: number;
  messageID: number;
}

/** Reply to the login and resume requests. */
export interface LoginReply {
  session: string;
  users: ZegoUser[];
  streams: WireStream[];
  heartbeatInterval: number;
  /** Unix seconds at which the token expires, when the hub verifies tokens. */
  expire?: number;
  /** STUN/TURN servers for this user's connections (TURN with time-limited credentials). */
  iceServers?: IceServer[];
  /** Seconds the TURN credentials stay valid: the client asks for new ones (`ice`) before then. */
  iceTTL?: number;
}

/** An ICE server as `RTCPeerConnection` takes it. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** What the `ok` reply to each request carries besides `t`, `id` and `ok`. */
export interface ReplyData {
  login: LoginReply & { v: number };
  resume: LoginReply & { v: number };
  logout: object;
  publish: object;
  unpublish: object;
  media: object;
  signal: object;
  renew: { expire?: number };
  ice: { iceServers: IceServer[]; iceTTL?: number };
  broadcast: { messageID: number };
  barrage: { messageID: string };
  roomExtra: object;
  streamExtra: object;
  command: object;
}

/** A message that asks the hub for a reply. */
export type RequestType = keyof ReplyData;

/** A request as an engine writes it: the client message without its `id`, which the sender adds. */
export type Request<T extends RequestType = RequestType> = T extends RequestType
  ? Omit<Extract<ClientMessage, { t: T }>, 'id'>
  : never;

/** A message that failed validation: the code and words to answer with, and its id if it had one. */
export interface Invalid extends ZegoErrorInfo {
  id?: number;
}

const MAX_SDP_BYTES = 32 * 1024;
const MAX_TOKEN_BYTES = 8 * 1024;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStatus = (x: unknown): x is ZegoDeviceStatus => x === 'OPEN' || x === 'MUTE';
const isId = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const bad = (msg: string, id?: number, code: number = MESSAGE_INVALID): Invalid =>
  id === undefined ? { code, msg } : { code, msg, id };
const idProblem = (p: readonly [number, string] | undefined, id: number): Invalid | undefined =>
  p ? { code: p[0], msg: p[1], id } : undefined;

function checkSignal(d: unknown): string | undefined {
  if (!isObj(d)) return 'signal data must be an object';
  switch (d.type) {
    case 'play':
      if (d.video !== undefined && typeof d.video !== 'boolean') return 'play.video must be a boolean';
      if (d.audio !== undefined && typeof d.audio !== 'boolean') return 'play.audio must be a boolean';
      return undefined;
    case 'offer':
    case 'answer':
      if (typeof d.sdp !== 'string' || d.sdp === '') return `${d.type}.sdp must be a non-empty string`;
      if (byteLength(d.sdp) > MAX_SDP_BYTES) return `${d.type}.sdp is longer than ${MAX_SDP_BYTES} bytes`;
      return undefined;
    case 'candidate':
      if (d.candidate !== null && !isObj(d.candidate)) return 'candidate.candidate must be an object or null';
      if (isObj(d.candidate) && typeof d.candidate.candidate !== 'string')
        return 'candidate.candidate.candidate must be a string';
      return undefined;
    case 'view':
      if (typeof d.video !== 'boolean') return 'view.video must be a boolean';
      return d.small === undefined || typeof d.small === 'boolean' ? undefined : 'view.small must be a boolean';
    case 'stop':
      return undefined;
    default:
      return 'unknown signal type';
  }
}

/**
 * Parses and validates one inbound frame. Returns the typed message, or what to answer with.
 * Sizes are checked by the caller before parsing (see `HubLimits.maxMessageBytes`).
 */
export function parseClientMessage(raw: string): ClientMessage | Invalid {
  let m: unknown;
  try {
    m = JSON.parse(raw);
  } catch {
    return bad('message is not JSON');
  }
  if (!isObj(m)) return bad('message must be a JSON object');
  const t = m.t;
  if (typeof t !== 'string') return bad('message has no type "t"');
  if (t === 'hb') return { t: 'hb' };
  const id = m.id;
  const needsId = !(t === 'media' || t === 'signal');
  if (needsId ? !isId(id) : id !== undefined && !isId(id)) return bad(`"${t}" needs a numeric request id`);
  const rid = id as number;
  switch (t) {
    case 'login': {
      if (m.v !== PROTOCOL_VERSION)
        return bad(`unsupported protocol version (this hub speaks ${PROTOCOL_VERSION})`, rid);
      const user = m.user;
      if (!isObj(user)) return bad('login.user must be an object', rid);
      const p = idProblem(checkLogin(m.roomID, user, m.token), rid);
      if (p) return p;
      if (typeof m.token !== 'string') return bad('token is required', rid, PARAM_INVALID);
      if (m.token.length > MAX_TOKEN_BYTES) return bad('token is too long', rid, TOKEN_ERROR);
      const config = m.config;
      if (config !== undefined) {
        if (!isObj(config)) return bad('login.config must be an object', rid);
        if (config.userUpdate !== undefined && typeof config.userUpdate !== 'boolean')
          return bad('config.userUpdate must be a boolean', rid);
        if (config.maxMemberCount !== undefined && !(isId(config.maxMemberCount) && config.maxMemberCount > 0))
          return bad('config.maxMemberCount must be a positive integer', rid);
      }
      const userName = typeof user.userName === 'string' ? user.userName : undefined;
      return {
        t,
        v: m.v,
        id: rid,
        roomID: m.roomID as string,
        token: m.token,
        user: userName === undefined ? { userID: user.userID as string } : { userID: user.userID as string, userName },
        ...(config ? { config: config as { userUpdate?: boolean; maxMemberCount?: number } } : {}),
      };
    }
    case 'resume':
      if (m.v !== PROTOCOL_VERSION)
        return bad(`unsupported protocol version (this hub speaks ${PROTOCOL_VERSION})`, rid);
      if (typeof m.session !== 'string' || m.session.length === 0 || m.session.length > 128)
        return bad('resume.session must be a session string', rid);
      return { t, v: m.v, id: rid, session: m.session };
    case 'logout':
      return { t, id: rid };
    case 'publish': {
      const p = idProblem(checkStreamID(m.streamID), rid);
      if (p) return p;
      if (m.extraInfo !== undefined && typeof m.extraInfo !== 'string') return bad('extraInfo must be a string', rid);
      if (typeof m.extraInfo === 'string' && byteLength(m.extraInfo) > ID_LIMITS.extraInfo)
        return bad('extraInfo is longer than 1024 bytes', rid, MESSAGE_TOO_LONG);
      if (m.camera !== undefined && !isStatus(m.camera)) return bad('camera must be "OPEN" or "MUTE"', rid);
      if (m.mic !== undefined && !isStatus(m.mic)) return bad('mic must be "OPEN" or "MUTE"', rid);
      return {
        t,
        id: rid,
        streamID: m.streamID as string,
        extraInfo: (m.extraInfo as string | undefined) ?? '',
        camera: (m.camera as ZegoDeviceStatus | undefined) ?? 'OPEN',
        mic: (m.mic as ZegoDeviceStatus | undefined) ?? 'OPEN',
      };
    }
    case 'unpublish': {
      const p = idProblem(checkStreamID(m.streamID), rid);
      return p ?? { t, id: rid, streamID: m.streamID as string };
    }
    case 'media': {
      const p = idProblem(checkStreamID(m.streamID), rid);
      if (p) return p;
      if (m.camera !== undefined && !isStatus(m.camera)) return bad('camera must be "OPEN" or "MUTE"', rid);
      if (m.mic !== undefined && !isStatus(m.mic)) return bad('mic must be "OPEN" or "MUTE"', rid);
      if (m.camera === undefined && m.mic === undefined) return bad('media needs camera or mic', rid);
      const out: ClientMessage = { t, streamID: m.streamID as string };
      if (id !== undefined) out.id = rid;
      if (m.camera !== undefined) out.camera = m.camera as ZegoDeviceStatus;
      if (m.mic !== undefined) out.mic = m.mic as ZegoDeviceStatus;
      return out;
    }
    case 'signal': {
      const p = idProblem(checkUserID(m.to), rid) ?? idProblem(checkStreamID(m.streamID), rid);
      if (p) return p;
      const why = checkSignal(m.data);
      if (why) return bad(why, id === undefined ? undefined : rid);
      const out: ClientMessage = { t, to: m.to as string, streamID: m.streamID as string, data: m.data as SignalData };
      if (id !== undefined) out.id = rid;
      return out;
    }
    case 'ice':
      return { t, id: rid };
    case 'renew':
      if (typeof m.token !== 'string' || m.token === '') return bad('token is required', rid, PARAM_INVALID);
      if (m.token.length > MAX_TOKEN_BYTES) return bad('token is too long', rid, TOKEN_ERROR);
      return { t, id: rid, token: m.token };
    case 'broadcast':
    case 'barrage':
      if (typeof m.message !== 'string' || m.message === '') return bad('message must be a non-empty string', rid);
      if (byteLength(m.message) > ID_LIMITS.message)
        return bad('message is longer than 1024 bytes', rid, MESSAGE_TOO_LONG);
      return { t, id: rid, message: m.message };
    case 'roomExtra': {
      if (typeof m.key !== 'string' || m.key === '')
        return bad('room extra info key empty', rid, ROOM_EXTRA_INFO_KEY_EMPTY);
      if (byteLength(m.key) > ID_LIMITS.roomExtraKey)
        return bad('room extra info key too long', rid, ROOM_EXTRA_INFO_KEY_TOO_LONG);
      if (typeof m.value !== 'string') return bad('room extra info value must be a string', rid);
      if (byteLength(m.value) > ID_LIMITS.roomExtraValue)
        return bad('room extra info value too long', rid, ROOM_EXTRA_INFO_VALUE_TOO_LONG);
      return { t, id: rid, key: m.key, value: m.value };
    }
    case 'streamExtra': {
      const p = idProblem(checkStreamID(m.streamID), rid);
      if (p) return p;
      if (typeof m.extraInfo !== 'string')
        return bad('the extra info of the stream is null', rid, STREAM_EXTRA_INFO_NULL);
      if (byteLength(m.extraInfo) > ID_LIMITS.extraInfo)
        return bad('the extra info of the stream is too long', rid, STREAM_EXTRA_INFO_TOO_LONG);
      return { t, id: rid, streamID: m.streamID as string, extraInfo: m.extraInfo };
    }
    case 'command': {
      if (typeof m.command !== 'string' || m.command === '') return bad('command must be a non-empty string', rid);
      if (byteLength(m.command) > ID_LIMITS.message)
        return bad('command is longer than 1024 bytes', rid, MESSAGE_TOO_LONG);
      if (!Array.isArray(m.to) || m.to.length > 256) return bad('command.to must be a list of userIDs', rid);
      for (const u of m.to) {
        const p = idProblem(checkUserID(u), rid);
        if (p) return p;
      }
      return { t, id: rid, command: m.command, to: m.to as string[] };
    }
    default:
      return bad(`unknown message type "${t.slice(0, 32)}"`, rid);
  }
}

export const isInvalid = (m: ClientMessage | Invalid): m is Invalid => 'code' in m;
