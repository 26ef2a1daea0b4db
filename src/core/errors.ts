import * as codes from './codes.js';

/**
 * ZEGO Express error codes the kit produces or understands, by name (`ZegoErrorCode.ROOM_FULL`).
 * The numbers are ZEGO's own, so an app that handles errors from ZEGO's cloud engine handles the
 * embedded engine's too.
 */
export const ZegoErrorCode = codes;

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
