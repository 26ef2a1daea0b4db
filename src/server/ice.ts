/**
 * STUN/TURN servers handed to clients at login. TURN uses coturn's REST scheme (`use-auth-secret`):
 * the username is `<expiry unix seconds>:<userID>` and the password the base64 HMAC-SHA1 of it with
 * the shared secret, so credentials expire by themselves and the secret never leaves the server.
 */
import { createHmac } from 'node:crypto';
import type { IceServer } from '../hub/protocol.js';

export interface TurnOptions {
  /** `turn:host:3478`, `turns:host:5349?transport=tcp`, … */
  urls: string[];
  /** coturn's `static-auth-secret`. */
  secret: string;
  /** Seconds the credentials stay valid. Default 86400 (a day); clients ask for new ones before. */
  ttl?: number;
}

/** The time-limited TURN username and password for `userID`, valid until `now + ttl`. */
export function turnCredentials(secret: string, userID: string, ttl: number, now = Date.now()): IceServer {
  const username = `${Math.floor(now / 1000) + ttl}:${userID}`;
  return { urls: [], username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/** What the hub hands each user: the static servers, then TURN with fresh credentials. */
export function iceServersFor(
  fixed: IceServer[],
  turn: TurnOptions | undefined,
): ((userID: string) => { iceServers: IceServer[]; ttl?: number }) | undefined {
  if (!fixed.length && !turn) return undefined;
  const ttl = turn?.ttl ?? 86400;
  return (userID) => ({
    iceServers: turn ? [...fixed, { ...turnCredentials(turn.secret, userID, ttl), urls: turn.urls }] : fixed,
    ...(turn ? { ttl } : {}),
  });
}

/** Parses `--ice-servers`: a JSON array of `{urls, username?, credential?}`. Throws on anything else. */
export function parseIceServers(json: string): IceServer[] {
  const list: unknown = JSON.parse(json);
  const ok = (u: unknown) => typeof u === 'string' && /^(stun|stuns|turn|turns):/.test(u);
  if (
    !Array.isArray(list) ||
    !list.every(
      (s: { urls?: unknown; username?: unknown; credential?: unknown }) =>
        s &&
        (ok(s.urls) || (Array.isArray(s.urls) && s.urls.length > 0 && s.urls.every(ok))) &&
        (s.username === undefined || typeof s.username === 'string') &&
        (s.credential === undefined || typeof s.credential === 'string'),
    )
  )
    throw new Error(
      'ICE servers must be a JSON array of {urls: "stun:…" | "turn:…" (or a list), username?, credential?}',
    );
  return list as IceServer[];
}
