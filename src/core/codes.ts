/**
 * ZEGO Express error codes the kit produces or understands, one constant each (so a bundle carries
 * only the ones it uses). The numbers are ZEGO's own, so an app that handles errors from ZEGO's
 * cloud engine handles the embedded engine's too. `ZegoErrorCode` (errors.ts) holds them all.
 */
/** Bad parameter, including a missing token. */
export const PARAM_INVALID = 1100001;
/** Not logged in to a room. */
export const NOT_LOGGED_IN = 1000002;
/** Already logged in to a room. */
export const ALREADY_IN_ROOM = 1002001;
export const USER_ID_EMPTY = 1002005;
export const USER_ID_ILLEGAL = 1002006;
export const USER_ID_TOO_LONG = 1002007;
export const ROOM_ID_EMPTY = 1002011;
export const ROOM_ID_ILLEGAL = 1002012;
export const ROOM_ID_TOO_LONG = 1002013;
/** User name longer than 256 bytes. */
export const USER_NAME_TOO_LONG = 1002010;
export const LOGIN_TIMEOUT = 1002031;
export const ROOM_FULL = 1002034;
/** Kicked out: the same userID logged in elsewhere. */
export const KICKED_DUPLICATE_LOGIN = 1002050;
/** Network broken, retries failed. */
export const NETWORK_BROKEN = 1002053;
/** Kicked out by the server. */
export const KICKED_BY_SERVER = 1002055;
/** Repeated login to the same room. */
export const REPEATED_LOGIN = 1002056;
/** The token's user_id is not the user logging in. */
export const TOKEN_USER_MISMATCH = 1002077;
/** Token expired (room service). */
export const TOKEN_EXPIRED_ROOM = 1002078;
/** The token does not grant publishing (or not this stream ID). */
export const TOKEN_NO_PUBLISH = 1002082;
/** Malformed token, wrong app, or wrong secret. */
export const TOKEN_ERROR = 1102016;
/** Token expired. */
export const TOKEN_EXPIRED = 1102018;
/** Heartbeat timed out. */
export const HEARTBEAT_TIMEOUT = 1102001;
export const STREAM_ID_TOO_LONG = 1000014;
export const STREAM_ID_EMPTY = 1000015;
export const STREAM_ID_ILLEGAL = 1000016;
/** A stream with this ID is already published in the room. */
export const STREAM_ID_EXISTS = 1003028;
export const PUBLISH_RETRY_TIMEOUT = 1103051;
/** Stream not found. */
export const STREAM_NOT_FOUND = 1004002;
export const PLAY_STREAM_NOT_FOUND = 1104039;
export const ALREADY_PLAYING = 1103049;
export const PLAY_RETRY_TIMEOUT = 1104031;
export const SCREEN_CAPTURE_FAILED = 1103010;
export const SCREEN_CAPTURE_CANCELLED = 1103042;
export const SCREEN_CAPTURE_UNSUPPORTED = 1103043;
/** The browser lacks what the call needs (ZEGO's "browser do not support"): no WebRTC, or no way to pick a speaker. */
export const BROWSER_UNSUPPORTED = 1103002;
export const HTTPS_REQUIRED = 1103053;
export const GET_USER_MEDIA_FAILED = 1103061;
export const DEVICE_PERMISSION_DENIED = 1103064;
export const DEVICE_NOT_READABLE = 1103065;
export const DEVICE_CONSTRAINTS = 1103066;
export const DEVICE_UNPLUGGED = 1006006;
/** A signalling message the server could not parse or accept (ZEGO's "parse json error"). */
export const MESSAGE_INVALID = 1102011;
/** A signalling or broadcast message longer than the limit (ZEGO's "message is too long"). */
export const MESSAGE_TOO_LONG = 1009013;
/** Room extra info: the key is empty (ZEGO reuses the code of "room not exist" here). */
export const ROOM_EXTRA_INFO_KEY_EMPTY = 1002014;
export const ROOM_EXTRA_INFO_KEY_TOO_LONG = 1002015;
export const ROOM_EXTRA_INFO_VALUE_TOO_LONG = 1002016;
/** A room holds one extra-info key. */
export const ROOM_EXTRA_INFO_KEY_LIMIT = 1002017;
export const STREAM_EXTRA_INFO_NULL = 1003050;
export const STREAM_EXTRA_INFO_TOO_LONG = 1003051;
/** Too many messages or connections: a rate or capacity limit (ZEGO's "frequency limited"). */
export const RATE_LIMITED = 1009015;
