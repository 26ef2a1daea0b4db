/**
 * ZEGO token04: the login token an app server issues and the hub verifies.
 *
 * Pure WebCrypto (`crypto.subtle`, `crypto.getRandomValues`) and typed arrays, so the same code
 * runs in Node 20 and in browsers. Token = `"04"` + standard base64 of a big-endian layout:
 *
 * - CBC: `int64 expire | uint16 16 | 16-byte IV ([0-9a-z]) | uint16 len | AES-256-CBC/PKCS7 ciphertext`
 * - GCM: `int64 expire | uint16 12 | 12-byte nonce | uint16 len | ciphertext + 16-byte tag | uint8 1`
 *
 * The key is the UTF-8 bytes of the 32-character ServerSecret; the encrypted plaintext is the JSON
 * `{app_id, user_id, nonce, ctime, expire, payload}`.
 */
import { ZegoError } from '../core/errors.js';
import { PARAM_INVALID, TOKEN_ERROR, TOKEN_EXPIRED, TOKEN_USER_MISMATCH } from '../core/codes.js';

/** Cipher layout of a token04: AES-256-GCM (recommended) or the legacy AES-256-CBC. */
export type Token04Variant = 'gcm' | 'cbc';

/** The decrypted JSON inside a token04. Times are unix seconds. */
export interface Token04Plaintext {
  app_id: number;
  user_id: string;
  /** Random int32. */
  nonce: number;
  /** Creation time. */
  ctime: number;
  /** Expiry time (`ctime + ttl`). */
  expire: number;
  /** Opaque string; for room-scoped tokens a JSON of {@link Token04Privileges}. */
  payload: string;
}

/** Room-scoped privileges carried (as JSON) in a token's `payload`. */
export interface Token04Privileges {
  room_id?: string;
  /** `'1'`: may log in to the room; `'2'`: may publish. 1 = allowed, 0 = not. */
  privilege?: { '1'?: 0 | 1; '2'?: 0 | 1 };
  /** Stream IDs the user may publish; `null`/absent = any. */
  stream_id_list?: string[] | null;
}

/** Options of {@link generateToken04}. */
export interface GenerateToken04Options {
  /** Cipher layout; default `'gcm'`. */
  variant?: Token04Variant;
  /** Creation time in unix seconds; default now. */
  now?: number;
  /** Plaintext nonce (an int32); default random. */
  nonce?: number;
}

/** Options of {@link verifyToken04}. */
export interface VerifyToken04Options {
  /** When given, the token's `user_id` must equal it (else `TOKEN_USER_MISMATCH`). */
  userID?: string;
  /** Current time in unix seconds; default now. */
  now?: number;
}

/** Longest token (in characters) {@link verifyToken04} looks at. */
const MAX_TOKEN_LENGTH = 8192;
const PREFIX = '04';
const CBC_IV_LEN = 16;
const GCM_NONCE_LEN = 12;
const GCM_TAG_LEN = 16;
const MODE_GCM = 1;
const IV_CHARS = '0123456789abcdefghijklmnopqrstuvwxyz';
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

const paramError = (msg: string): ZegoError => new ZegoError(PARAM_INVALID, msg);
const tokenError = (msg: string): ZegoError => new ZegoError(TOKEN_ERROR, `token04: ${msg}`);
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Imports the secret as an AES-256 key, or returns undefined if it is not 32 chars / 32 bytes. */
async function importKey(secret: unknown, variant: Token04Variant): Promise<CryptoKey | undefined> {
  if (typeof secret !== 'string' || secret.length !== 32) return undefined;
  const raw = new TextEncoder().encode(secret);
  if (raw.length !== 32) return undefined; // non-ASCII: not 32 bytes, so not an AES-256 key
  const name = variant === 'gcm' ? 'AES-GCM' : 'AES-CBC';
  return crypto.subtle.importKey('raw', raw, { name }, false, ['encrypt', 'decrypt']);
}

/** `n` random characters from [0-9a-z], unbiased (rejection sampling), as ASCII bytes. */
function randomIv(n: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  for (let i = 0; i < n;) {
    for (const b of crypto.getRandomValues(new Uint8Array(n * 2))) {
      if (b < 252 && i < n) out[i++] = IV_CHARS.charCodeAt(b % 36); // 252 = 7 * 36
    }
  }
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/**
 * Generates a token04 for `userID` valid `effectiveTimeInSeconds` from now.
 *
 * @param appID ZEGO AppID (positive integer).
 * @param userID The user the token is for (non-empty).
 * @param secret The 32-character ServerSecret (ASCII).
 * @param effectiveTimeInSeconds Lifetime in seconds (positive integer).
 * @param payload Opaque string, e.g. `JSON.stringify(privileges)`; default `''`.
 * @throws ZegoError `PARAM_INVALID` (1100001) for a bad argument.
 */
export async function generateToken04(
  appID: number,
  userID: string,
  secret: string,
  effectiveTimeInSeconds: number,
  payload = '',
  options: GenerateToken04Options = {},
): Promise<string> {
  const variant = options.variant ?? 'gcm';
  if (!isInt(appID) || appID <= 0) throw paramError('appID must be a positive integer');
  if (typeof userID !== 'string' || userID === '') throw paramError('userID must be a non-empty string');
  if (!isInt(effectiveTimeInSeconds) || effectiveTimeInSeconds <= 0)
    throw paramError('effectiveTimeInSeconds must be a positive integer');
  if (typeof payload !== 'string') throw paramError('payload must be a string');
  if (variant !== 'gcm' && variant !== 'cbc') throw paramError("variant must be 'gcm' or 'cbc'");
  const ctime = options.now === undefined ? nowSeconds() : Math.floor(options.now);
  if (!isInt(ctime) || ctime < 0) throw paramError('now must be a non-negative unix time in seconds');
  const expire = ctime + effectiveTimeInSeconds;
  if (!isInt(expire)) throw paramError('effectiveTimeInSeconds is too large');
  const nonce = options.nonce ?? crypto.getRandomValues(new Int32Array(1))[0]!;
  if (!isInt(nonce) || nonce < -0x80000000 || nonce > 0x7fffffff) throw paramError('nonce must be an int32');
  const key = await importKey(secret, variant);
  if (!key) throw paramError('secret must be a 32-character ASCII string');

  const plaintext: Token04Plaintext = {
    app_id: appID,
    user_id: userID,
    nonce,
    ctime,
    expire,
    payload,
  };
  const data = new TextEncoder().encode(JSON.stringify(plaintext));
  const iv = variant === 'gcm' ? crypto.getRandomValues(new Uint8Array(GCM_NONCE_LEN)) : randomIv(CBC_IV_LEN);
  const algo = variant === 'gcm' ? { name: 'AES-GCM', iv, tagLength: GCM_TAG_LEN * 8 } : { name: 'AES-CBC', iv };
  const cipher = new Uint8Array(await crypto.subtle.encrypt(algo, key, data));

  const size = 8 + 2 + iv.length + 2 + cipher.length + (variant === 'gcm' ? 1 : 0);
  if (Math.ceil(size / 3) * 4 + PREFIX.length > MAX_TOKEN_LENGTH)
    throw paramError(`token would exceed ${MAX_TOKEN_LENGTH} characters: userID or payload too long`);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setBigInt64(0, BigInt(expire));
  view.setUint16(8, iv.length);
  out.set(iv, 10);
  view.setUint16(10 + iv.length, cipher.length);
  out.set(cipher, 12 + iv.length);
  if (variant === 'gcm') out[size - 1] = MODE_GCM;
  return PREFIX + toBase64(out);
}

/**
 * Verifies a token04 (either variant) and returns its plaintext and variant.
 *
 * @param token The `"04…"` token.
 * @param appID The AppID the token must be for.
 * @param secret The 32-character ServerSecret.
 * @throws ZegoError — only ZegoErrors are thrown:
 *  - `TOKEN_ERROR` (1102016): malformed, tampered, wrong secret, wrong app;
 *  - `TOKEN_EXPIRED` (1102018): `expire <= now`;
 *  - `TOKEN_USER_MISMATCH` (1002077): `options.userID` given and not the token's user;
 *  - `PARAM_INVALID` (1100001): `appID` or `secret` themselves invalid (a server configuration error).
 */
export async function verifyToken04(
  token: string,
  appID: number,
  secret: string,
  options: VerifyToken04Options = {},
): Promise<Token04Plaintext & { variant: Token04Variant }> {
  if (!isInt(appID) || appID <= 0) throw paramError('appID must be a positive integer');
  if (typeof secret !== 'string' || secret.length !== 32 || new TextEncoder().encode(secret).length !== 32)
    throw paramError('secret must be a 32-character ASCII string');
  const now = options.now ?? nowSeconds();
  if (!Number.isFinite(now)) throw paramError('now must be a finite unix time in seconds');
  if (typeof token !== 'string' || token === '') throw tokenError('empty');
  if (token.length > MAX_TOKEN_LENGTH) throw tokenError(`longer than ${MAX_TOKEN_LENGTH} characters`);
  if (!token.startsWith(PREFIX)) throw tokenError('missing "04" prefix');

  // Base64: strict alphabet and padding (atob alone tolerates whitespace and missing padding).
  const b64 = token.slice(PREFIX.length);
  if (b64.length % 4 !== 0 || !BASE64_RE.test(b64)) throw tokenError('not valid base64');
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    throw tokenError('not valid base64');
  }
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  const view = new DataView(bytes.buffer);

  // Layout: expire(8) | ivLen(2) | iv | ctLen(2) | ct | [mode(1), GCM only].
  if (bytes.length < 12) throw tokenError('truncated header');
  const outerExpire = view.getBigInt64(0);
  const ivLen = view.getUint16(8);
  if (ivLen !== CBC_IV_LEN && ivLen !== GCM_NONCE_LEN) throw tokenError(`unexpected IV length ${ivLen}`);
  if (bytes.length < 12 + ivLen) throw tokenError('truncated IV');
  const iv = bytes.slice(10, 10 + ivLen);
  const ctLen = view.getUint16(10 + ivLen);
  const ctStart = 12 + ivLen;
  if (bytes.length < ctStart + ctLen) throw tokenError('truncated ciphertext');
  const cipher = bytes.slice(ctStart, ctStart + ctLen);
  const trailing = bytes.subarray(ctStart + ctLen);

  let variant: Token04Variant;
  if (ivLen === GCM_NONCE_LEN) {
    if (trailing.length !== 1 || trailing[0] !== MODE_GCM) throw tokenError('GCM token lacks mode byte 1');
    if (ctLen < GCM_TAG_LEN) throw tokenError('GCM ciphertext shorter than its tag');
    variant = 'gcm';
  } else {
    if (trailing.length !== 0) throw tokenError('trailing bytes after CBC ciphertext');
    if (ctLen === 0 || ctLen % 16 !== 0) throw tokenError('CBC ciphertext not a positive multiple of 16');
    variant = 'cbc';
  }

  // Decrypt: a failure means a wrong secret or a tampered token.
  let text: string;
  try {
    const key = (await importKey(secret, variant))!;
    const algo = variant === 'gcm' ? { name: 'AES-GCM', iv, tagLength: GCM_TAG_LEN * 8 } : { name: 'AES-CBC', iv };
    const plain = await crypto.subtle.decrypt(algo, key, cipher);
    text = new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw tokenError('decryption failed (wrong secret or tampered token)');
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw tokenError('plaintext is not JSON'); // possible after CBC with a wrong key
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw tokenError('plaintext is not a JSON object');
  const o = json as Record<string, unknown>;
  if (!isInt(o.app_id) || typeof o.user_id !== 'string' || !isInt(o.nonce) || !isInt(o.ctime) || !isInt(o.expire))
    throw tokenError('plaintext fields have wrong types');
  if (typeof o.payload !== 'string') throw tokenError('plaintext payload is not a string');
  if (o.app_id !== appID) throw tokenError('token is for another app');
  if (outerExpire !== BigInt(o.expire)) throw tokenError('outer and inner expire differ');

  if (o.expire <= now) throw new ZegoError(TOKEN_EXPIRED, 'token04: expired');
  if (options.userID !== undefined && options.userID !== o.user_id)
    throw new ZegoError(TOKEN_USER_MISMATCH, 'token04: user_id is not the user logging in');

  const { app_id, user_id, nonce, ctime, expire, payload } = o as unknown as Token04Plaintext;
  return { app_id, user_id, nonce, ctime, expire, payload, variant };
}

/**
 * Parses a token's `payload` as {@link Token04Privileges}. `''` gives `{}`.
 *
 * @throws ZegoError `TOKEN_ERROR` (1102016) if the payload is not a JSON object of that shape.
 */
export function parseToken04Privileges(payload: string): Token04Privileges {
  if (payload === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(payload);
  } catch {
    throw tokenError('payload is not valid JSON');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw tokenError('payload is not a JSON object');
  const o = v as Record<string, unknown>;
  const out: Token04Privileges = {};
  if (o.room_id !== undefined) {
    if (typeof o.room_id !== 'string') throw tokenError('payload room_id is not a string');
    out.room_id = o.room_id;
  }
  if (o.privilege !== undefined) {
    const pr = o.privilege as Record<string, unknown> | null;
    if (!pr || typeof pr !== 'object' || Array.isArray(pr)) throw tokenError('payload privilege is not an object');
    out.privilege = {};
    for (const k of ['1', '2'] as const) {
      if (pr[k] === undefined) continue;
      if (pr[k] !== 0 && pr[k] !== 1) throw tokenError(`payload privilege "${k}" is not 0 or 1`);
      out.privilege[k] = pr[k];
    }
  }
  if (o.stream_id_list !== undefined) {
    const l = o.stream_id_list;
    if (l !== null && !(Array.isArray(l) && l.every((s) => typeof s === 'string')))
      throw tokenError('payload stream_id_list is not null or a string array');
    out.stream_id_list = l as string[] | null;
  }
  return out;
}
