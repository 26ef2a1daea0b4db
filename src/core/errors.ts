/**
 * ZEGO Express error codes the kit produces or understands. The numbers are ZEGO's own, so an
 * app that handles errors from ZEGO's cloud engine handles the embedded engine's too.
 */
export const ZegoErrorCode = {
  /** Bad parameter, including a missing token. */
  PARAM_INVALID: 1100001,
  /** Not logged in to a room. */
  NOT_LOGGED_IN: 1000002,
  /** Already logged in to a room. */
  ALREADY_IN_ROOM: 1002001,
  USER_ID_EMPTY: 1002005,
  USER_ID_ILLEGAL: 1002006,
  USER_ID_TOO_LONG: 1002007,
  ROOM_ID_EMPTY: 1002011,
  ROOM_ID_ILLEGAL: 1002012,
  ROOM_ID_TOO_LONG: 1002013,
  /** User name longer than 256 bytes. */
  USER_NAME_TOO_LONG: 1002010,
  LOGIN_TIMEOUT: 1002031,
  ROOM_FULL: 1002034,
  /** Kicked out: the same userID logged in elsewhere. */
  KICKED_DUPLICATE_LOGIN: 1002050,
  /** Network broken, retries failed. */
  NETWORK_BROKEN: 1002053,
  /** Kicked out by the server. */
  KICKED_BY_SERVER: 1002055,
  /** Repeated login to the same room. */
  REPEATED_LOGIN: 1002056,
  /** The token's user_id is not the user logging in. */
  TOKEN_USER_MISMATCH: 1002077,
  /** Token expired (room service). */
  TOKEN_EXPIRED_ROOM: 1002078,
  /** The token does not grant publishing (or not this stream ID). */
  TOKEN_NO_PUBLISH: 1002082,
  /** Malformed token, wrong app, or wrong secret. */
  TOKEN_ERROR: 1102016,
  /** Token expired. */
  TOKEN_EXPIRED: 1102018,
  /** Heartbeat timed out. */
  HEARTBEAT_TIMEOUT: 1102001,
  STREAM_ID_TOO_LONG: 1000014,
  STREAM_ID_EMPTY: 1000015,
  STREAM_ID_ILLEGAL: 1000016,
  /** A stream with this ID is already published in the room. */
  STREAM_ID_EXISTS: 1003028,
  PUBLISH_RETRY_TIMEOUT: 1103051,
  /** Stream not found. */
  STREAM_NOT_FOUND: 1004002,
  PLAY_STREAM_NOT_FOUND: 1104039,
  ALREADY_PLAYING: 1103049,
  PLAY_RETRY_TIMEOUT: 1104031,
  SCREEN_CAPTURE_FAILED: 1103010,
  SCREEN_CAPTURE_CANCELLED: 1103042,
  SCREEN_CAPTURE_UNSUPPORTED: 1103043,
  HTTPS_REQUIRED: 1103053,
  GET_USER_MEDIA_FAILED: 1103061,
  DEVICE_PERMISSION_DENIED: 1103064,
  DEVICE_NOT_READABLE: 1103065,
  DEVICE_CONSTRAINTS: 1103066,
  DEVICE_UNPLUGGED: 1006006,
  /** A signalling message the server could not parse or accept (ZEGO's "parse json error"). */
  MESSAGE_INVALID: 1102011,
  /** A signalling or broadcast message longer than the limit (ZEGO's "message is too long"). */
  MESSAGE_TOO_LONG: 1009013,
  /** Room extra info: the key is empty (ZEGO reuses the code of "room not exist" here). */
  ROOM_EXTRA_INFO_KEY_EMPTY: 1002014,
  ROOM_EXTRA_INFO_KEY_TOO_LONG: 1002015,
  ROOM_EXTRA_INFO_VALUE_TOO_LONG: 1002016,
  /** A room holds one extra-info key. */
  ROOM_EXTRA_INFO_KEY_LIMIT: 1002017,
  STREAM_EXTRA_INFO_NULL: 1003050,
  STREAM_EXTRA_INFO_TOO_LONG: 1003051,
  /** Too many messages or connections: a rate or capacity limit (ZEGO's "frequency limited"). */
  RATE_LIMITED: 1009015,
} as const;

export type ZegoErrorCodeName = keyof typeof ZegoErrorCode;

/** Error shape ZEGO's SDK rejects with, and the kit reports everywhere: `{code, msg}`. */
export interface ZegoErrorInfo {
  code: number;
  msg: string;
}

/** An `Error` that also carries ZEGO's `{code, msg}` shape. */
export class ZegoError extends Error implements ZegoErrorInfo {
  readonly code: number;
  readonly msg: string;
  constructor(code: number, msg: string) {
    super(`${msg} (${code})`);
    this.name = 'ZegoError';
    this.code = code;
    this.msg = msg;
  }
}

/** Reads a ZEGO error code from anything an engine may reject or report with. */
export function errorCodeOf(err: unknown): number | undefined {
  if (err && typeof err === 'object') {
    const o = err as { code?: unknown; errorCode?: unknown };
    if (typeof o.code === 'number') return o.code;
    if (typeof o.errorCode === 'number') return o.errorCode;
  }
  return undefined;
}

/** Reads the words of anything an engine, the browser or the kit may throw: ZEGO's `msg`, an Error's `message`, or the value itself. */
export function messageOf(err: unknown): string {
  if (err && typeof err === 'object') {
    const o = err as { msg?: unknown; message?: unknown };
    if (typeof o.msg === 'string' && o.msg) return o.msg;
    if (typeof o.message === 'string' && o.message) return o.message;
  }
  return String(err);
}

/** Any thrown value as `{code, msg}`, with `fallback` as the code when it carries none. */
export function toErrorInfo(err: unknown, fallback: number): ZegoErrorInfo {
  return { code: errorCodeOf(err) ?? fallback, msg: messageOf(err) };
}

/** Maps a getUserMedia/getDisplayMedia failure to ZEGO's device error codes. */
export function mapMediaError(err: unknown, screen = false): ZegoError {
  const name = (err as { name?: string } | null)?.name ?? '';
  const detail = messageOf(err);
  if (screen) {
    if (name === 'NotAllowedError' || name === 'AbortError')
      return new ZegoError(ZegoErrorCode.SCREEN_CAPTURE_CANCELLED, `screen sharing was cancelled: ${detail}`);
    return new ZegoError(ZegoErrorCode.SCREEN_CAPTURE_FAILED, `screen capture failed: ${detail}`);
  }
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new ZegoError(ZegoErrorCode.DEVICE_PERMISSION_DENIED, `camera/microphone permission denied: ${detail}`);
    case 'NotReadableError':
    case 'TrackStartError':
      return new ZegoError(ZegoErrorCode.DEVICE_NOT_READABLE, `the device is busy or unreadable: ${detail}`);
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return new ZegoError(ZegoErrorCode.DEVICE_CONSTRAINTS, `no device satisfies the constraints: ${detail}`);
    default:
      return new ZegoError(ZegoErrorCode.GET_USER_MEDIA_FAILED, `getUserMedia failed: ${name || detail}`);
  }
}
