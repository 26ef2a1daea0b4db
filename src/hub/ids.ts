import {
  PARAM_INVALID,
  ROOM_ID_EMPTY,
  ROOM_ID_ILLEGAL,
  ROOM_ID_TOO_LONG,
  STREAM_ID_EMPTY,
  STREAM_ID_ILLEGAL,
  STREAM_ID_TOO_LONG,
  USER_ID_EMPTY,
  USER_ID_ILLEGAL,
  USER_ID_TOO_LONG,
  USER_NAME_TOO_LONG,
} from '../core/codes.js';

/**
 * The version of the hub's wire protocol (`login` and `resume` carry it). Here, not in
 * `protocol.ts`, so that clients, which need only this and the ID rules, do not load the hub's
 * message parser.
 */
export const PROTOCOL_VERSION = 1;

/** ZEGO's ID rules: lengths in UTF-8 bytes and the characters each ID may hold. */
export const ID_LIMITS = {
  userID: 64,
  roomID: 128,
  userName: 256,
  streamID: 256,
  message: 1024,
  extraInfo: 1024,
  roomExtraKey: 10,
  roomExtraValue: 100,
} as const;

const USER_ROOM_CHARS = /^[0-9a-zA-Z#!$%&()`'+\-;<=.>@^_~,\\*]+$/;
const STREAM_CHARS = /^[0-9a-zA-Z\-_]+$/;

const encoder = /* @__PURE__ */ new TextEncoder();
export const byteLength = (s: string): number => encoder.encode(s).length;

/** A broken ID rule as `[code, message]`, or `undefined` when the ID is fine. */
export type IdProblem = readonly [code: number, msg: string] | undefined;

export function checkUserID(id: unknown): IdProblem {
  if (typeof id !== 'string' || id === '') return [USER_ID_EMPTY, 'userID is empty'];
  if (byteLength(id) > ID_LIMITS.userID) return [USER_ID_TOO_LONG, 'userID is longer than 64 bytes'];
  if (!USER_ROOM_CHARS.test(id)) return [USER_ID_ILLEGAL, 'userID has characters ZEGO does not allow'];
  return undefined;
}

export function checkRoomID(id: unknown): IdProblem {
  if (typeof id !== 'string' || id === '') return [ROOM_ID_EMPTY, 'roomID is empty'];
  if (byteLength(id) > ID_LIMITS.roomID) return [ROOM_ID_TOO_LONG, 'roomID is longer than 128 bytes'];
  if (!USER_ROOM_CHARS.test(id)) return [ROOM_ID_ILLEGAL, 'roomID has characters ZEGO does not allow'];
  return undefined;
}

export function checkStreamID(id: unknown): IdProblem {
  if (typeof id !== 'string' || id === '') return [STREAM_ID_EMPTY, 'streamID is empty'];
  if (byteLength(id) > ID_LIMITS.streamID) return [STREAM_ID_TOO_LONG, 'streamID is longer than 256 bytes'];
  if (!STREAM_CHARS.test(id)) return [STREAM_ID_ILLEGAL, 'streamID may hold only 0-9 a-z A-Z - _'];
  return undefined;
}

export function checkUserName(name: unknown): IdProblem {
  if (name === undefined) return undefined;
  if (typeof name !== 'string') return [PARAM_INVALID, 'userName must be a string'];
  if (byteLength(name) > ID_LIMITS.userName) return [USER_NAME_TOO_LONG, 'userName is longer than 256 bytes'];
  return undefined;
}

/** A login's room, user and token checked in ZEGO's order: the first broken rule, or `undefined`. */
export function checkLogin(roomID: unknown, user: unknown, token: unknown): IdProblem {
  const u = (typeof user === 'object' && user !== null ? user : {}) as { userID?: unknown; userName?: unknown };
  return (
    checkRoomID(roomID) ??
    checkUserID(u.userID) ??
    checkUserName(u.userName) ??
    (typeof token !== 'string' || token === '' ? [PARAM_INVALID, 'token is required'] : undefined)
  );
}
