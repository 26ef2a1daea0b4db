import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ZegoError, ZegoErrorCode } from '../../src/core/errors.js';
import {
  generateToken04,
  parseToken04Privileges,
  verifyToken04,
  type Token04Plaintext,
  type Token04Variant,
} from '../../src/hub/token04.js';

const SECRET = 'fa94dd0f974cf2e293728a526b028271';
const OTHER_SECRET = '0123456789abcdef0123456789abcdef';
const APP = 123456789;
const NOW = 1_700_000_000;
const PRIVS = {
  room_id: 'room1',
  privilege: { '1': 1, '2': 0 },
  stream_id_list: ['s1', 's2'],
} as const;
const PAYLOAD = JSON.stringify(PRIVS);
const VARIANTS: Token04Variant[] = ['gcm', 'cbc'];

/** Asserts that `p` rejects with a ZegoError carrying `code`. */
async function rejectsCode(p: Promise<unknown>, code: number, label = ''): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof ZegoError, `${label}: not a ZegoError: ${String(err)}`);
    assert.equal(err.code, code, `${label}: ${err.message}`);
    return true;
  });
}

// ---- Independent codec, written from the published layout with node:crypto and Buffer. ----

interface Decoded {
  variant: Token04Variant;
  outerExpire: bigint;
  iv: Buffer;
  plaintext: Token04Plaintext;
}

function independentDecode(token: string, secret: string): Decoded {
  assert.ok(token.startsWith('04'));
  const buf = Buffer.from(token.slice(2), 'base64');
  const outerExpire = buf.readBigInt64BE(0);
  const ivLen = buf.readUInt16BE(8);
  const iv = buf.subarray(10, 10 + ivLen);
  const ctLen = buf.readUInt16BE(10 + ivLen);
  const ct = buf.subarray(12 + ivLen, 12 + ivLen + ctLen);
  const rest = buf.subarray(12 + ivLen + ctLen);
  const key = Buffer.from(secret, 'utf8');
  let text: string;
  let variant: Token04Variant;
  if (ivLen === 12) {
    assert.deepEqual([...rest], [1], 'GCM mode byte');
    const d = createDecipheriv('aes-256-gcm', key, iv);
    d.setAuthTag(ct.subarray(ct.length - 16));
    text = Buffer.concat([d.update(ct.subarray(0, ct.length - 16)), d.final()]).toString('utf8');
    variant = 'gcm';
  } else {
    assert.equal(ivLen, 16);
    assert.equal(rest.length, 0, 'no trailing bytes in CBC');
    const d = createDecipheriv('aes-256-cbc', key, iv);
    text = Buffer.concat([d.update(ct), d.final()]).toString('utf8');
    variant = 'cbc';
  }
  return {
    variant,
    outerExpire,
    iv: Buffer.from(iv),
    plaintext: JSON.parse(text) as Token04Plaintext,
  };
}

interface EncodeInput {
  variant: Token04Variant;
  secret: string;
  plaintext: object | string;
  iv?: Buffer;
  outerExpire?: bigint;
  mode?: number[]; // trailing bytes; default [1] for GCM, [] for CBC
}

function independentEncode(e: EncodeInput): string {
  const text = typeof e.plaintext === 'string' ? e.plaintext : JSON.stringify(e.plaintext);
  const key = Buffer.from(e.secret, 'utf8');
  let iv: Buffer;
  let ct: Buffer;
  if (e.variant === 'gcm') {
    iv = e.iv ?? randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    ct = Buffer.concat([c.update(text, 'utf8'), c.final(), c.getAuthTag()]);
  } else {
    iv = e.iv ?? Buffer.from('abcdefghij012345', 'ascii');
    const c = createCipheriv('aes-256-cbc', key, iv);
    ct = Buffer.concat([c.update(text, 'utf8'), c.final()]);
  }
  const expire =
    e.outerExpire ?? BigInt(typeof e.plaintext === 'string' ? 0 : (e.plaintext as { expire: number }).expire);
  const head = Buffer.alloc(10);
  head.writeBigInt64BE(expire, 0);
  head.writeUInt16BE(iv.length, 8);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(ct.length, 0);
  const mode = Buffer.from(e.mode ?? (e.variant === 'gcm' ? [1] : []));
  return '04' + Buffer.concat([head, iv, len, ct, mode]).toString('base64');
}

/** Re-encodes a token after `fn` mutates its decoded bytes. */
function mutate(token: string, fn: (b: Buffer) => Buffer | void): string {
  const b = Buffer.from(token.slice(2), 'base64');
  return '04' + (fn(b) ?? b).toString('base64');
}

const plain = (over: Partial<Token04Plaintext> = {}): Token04Plaintext => ({
  app_id: APP,
  user_id: 'alice',
  nonce: 42,
  ctime: NOW,
  expire: NOW + 3600,
  payload: PAYLOAD,
  ...over,
});

// ---- Tests ----

describe('token04 round trip', () => {
  for (const variant of VARIANTS) {
    it(`${variant}: generate then verify, with a privilege payload`, async () => {
      const token = await generateToken04(APP, 'alice', SECRET, 3600, PAYLOAD, {
        variant,
        now: NOW,
        nonce: -7,
      });
      assert.match(token, /^04[A-Za-z0-9+/]+={0,2}$/);
      const got = await verifyToken04(token, APP, SECRET, {
        userID: 'alice',
        now: NOW + 10,
      });
      assert.deepEqual(got, { ...plain({ nonce: -7 }), variant });
      assert.deepEqual(parseToken04Privileges(got.payload), PRIVS);
    });
  }

  it('defaults: gcm, empty payload, random int32 nonce, current time', async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await generateToken04(APP, 'bob', SECRET, 60);
    const got = await verifyToken04(token, APP, SECRET);
    assert.equal(got.variant, 'gcm');
    assert.equal(got.payload, '');
    assert.ok(Number.isInteger(got.nonce) && got.nonce >= -(2 ** 31) && got.nonce < 2 ** 31);
    assert.ok(got.ctime >= before && got.ctime <= before + 2);
    assert.equal(got.expire, got.ctime + 60);
  });

  it('fresh IV/nonce per token', async () => {
    for (const variant of VARIANTS) {
      const a = await generateToken04(APP, 'u', SECRET, 60, '', {
        variant,
        now: NOW,
        nonce: 1,
      });
      const b = await generateToken04(APP, 'u', SECRET, 60, '', {
        variant,
        now: NOW,
        nonce: 1,
      });
      assert.notEqual(a, b);
    }
  });
});

describe('token04 verification failures', () => {
  it('expired -> TOKEN_EXPIRED (1102018)', async () => {
    for (const variant of VARIANTS) {
      const token = await generateToken04(APP, 'alice', SECRET, 60, '', {
        variant,
        now: NOW,
      });
      await verifyToken04(token, APP, SECRET, { now: NOW + 59 });
      await rejectsCode(verifyToken04(token, APP, SECRET, { now: NOW + 60 }), ZegoErrorCode.TOKEN_EXPIRED);
      await rejectsCode(verifyToken04(token, APP, SECRET, { now: NOW + 1e6 }), ZegoErrorCode.TOKEN_EXPIRED);
    }
    assert.equal(ZegoErrorCode.TOKEN_EXPIRED, 1102018);
  });

  it('tampered ciphertext, tag, IV or outer expire -> TOKEN_ERROR (1102016)', async () => {
    for (const variant of VARIANTS) {
      const token = await generateToken04(APP, 'alice', SECRET, 3600, PAYLOAD, {
        variant,
        now: NOW,
      });
      const ivLen = variant === 'gcm' ? 12 : 16;
      const ctStart = 12 + ivLen;
      const len = Buffer.from(token.slice(2), 'base64').length;
      const positions = {
        'first ciphertext byte': ctStart,
        'middle ciphertext byte': ctStart + 20,
        'last ciphertext/tag byte': len - (variant === 'gcm' ? 2 : 1),
        'IV byte': 10,
        'outer expire': 7,
      };
      for (const [what, pos] of Object.entries(positions)) {
        const bad = mutate(token, (b) => void (b[pos]! ^= 0x01));
        await rejectsCode(
          verifyToken04(bad, APP, SECRET, { now: NOW }),
          ZegoErrorCode.TOKEN_ERROR,
          `${variant} ${what}`,
        );
      }
    }
    assert.equal(ZegoErrorCode.TOKEN_ERROR, 1102016);
  });

  it('wrong secret -> TOKEN_ERROR', async () => {
    for (const variant of VARIANTS) {
      const token = await generateToken04(APP, 'alice', SECRET, 3600, PAYLOAD, {
        variant,
        now: NOW,
      });
      await rejectsCode(verifyToken04(token, APP, OTHER_SECRET, { now: NOW }), ZegoErrorCode.TOKEN_ERROR, variant);
    }
  });

  it('wrong app -> TOKEN_ERROR', async () => {
    for (const variant of VARIANTS) {
      const token = await generateToken04(APP, 'alice', SECRET, 3600, '', {
        variant,
        now: NOW,
      });
      await rejectsCode(verifyToken04(token, APP + 1, SECRET, { now: NOW }), ZegoErrorCode.TOKEN_ERROR, variant);
    }
  });

  it('wrong user -> TOKEN_USER_MISMATCH (1002077)', async () => {
    for (const variant of VARIANTS) {
      const token = await generateToken04(APP, 'alice', SECRET, 3600, '', {
        variant,
        now: NOW,
      });
      await verifyToken04(token, APP, SECRET, { userID: 'alice', now: NOW });
      await rejectsCode(
        verifyToken04(token, APP, SECRET, { userID: 'mallory', now: NOW }),
        ZegoErrorCode.TOKEN_USER_MISMATCH,
      );
    }
    assert.equal(ZegoErrorCode.TOKEN_USER_MISMATCH, 1002077);
  });

  it('garbage inputs -> TOKEN_ERROR', async () => {
    const good = await generateToken04(APP, 'alice', SECRET, 3600, '', {
      now: NOW,
    });
    const inputs: Record<string, unknown> = {
      empty: '',
      'only prefix': '04',
      '03 prefix': '03' + good.slice(2),
      'no prefix': good.slice(2),
      'non-base64 chars': '04!!!!@@@@',
      'base64 with whitespace': '04' + good.slice(2, 10) + ' ' + good.slice(10),
      'bad base64 length': '04abc',
      'too long (> 8 KiB)': '04' + 'A'.repeat(8192),
      'not a string': 12345,
      null: null,
    };
    for (const [what, input] of Object.entries(inputs)) {
      await rejectsCode(verifyToken04(input as string, APP, SECRET, { now: NOW }), ZegoErrorCode.TOKEN_ERROR, what);
    }
  });

  it('truncated at every length -> TOKEN_ERROR', async () => {
    for (const variant of VARIANTS) {
      const token = await generateToken04(APP, 'alice', SECRET, 3600, PAYLOAD, {
        variant,
        now: NOW,
      });
      const full = Buffer.from(token.slice(2), 'base64');
      for (let n = 0; n < full.length; n++) {
        const bad = '04' + full.subarray(0, n).toString('base64');
        await rejectsCode(verifyToken04(bad, APP, SECRET, { now: NOW }), ZegoErrorCode.TOKEN_ERROR, `${variant} @${n}`);
      }
      // And the raw string cut at a few character lengths.
      for (const n of [3, 10, 17, 40, token.length - 1]) {
        await rejectsCode(verifyToken04(token.slice(0, n), APP, SECRET, { now: NOW }), ZegoErrorCode.TOKEN_ERROR);
      }
    }
  });

  it('layout inconsistencies -> TOKEN_ERROR', async () => {
    const p = plain();
    const cases: Record<string, string> = {
      'CBC with a trailing mode byte': independentEncode({
        variant: 'cbc',
        secret: SECRET,
        plaintext: p,
        mode: [1],
      }),
      'GCM without mode byte': independentEncode({
        variant: 'gcm',
        secret: SECRET,
        plaintext: p,
        mode: [],
      }),
      'GCM with mode byte 2': independentEncode({
        variant: 'gcm',
        secret: SECRET,
        plaintext: p,
        mode: [2],
      }),
      'GCM with two trailing bytes': independentEncode({
        variant: 'gcm',
        secret: SECRET,
        plaintext: p,
        mode: [1, 1],
      }),
      'IV length 8': independentEncode({
        variant: 'gcm',
        secret: SECRET,
        plaintext: p,
        iv: randomBytes(8),
      }),
      'outer expire differs': independentEncode({
        variant: 'gcm',
        secret: SECRET,
        plaintext: p,
        outerExpire: BigInt(p.expire + 1),
      }),
      'ciphertext length field too large': mutate(
        independentEncode({ variant: 'cbc', secret: SECRET, plaintext: p }),
        (b) => void b.writeUInt16BE(b.readUInt16BE(28) + 16, 28),
      ),
    };
    for (const [what, token] of Object.entries(cases)) {
      await rejectsCode(verifyToken04(token, APP, SECRET, { now: NOW }), ZegoErrorCode.TOKEN_ERROR, what);
    }
  });

  it('bad plaintext JSON -> TOKEN_ERROR', async () => {
    const bodies: Record<string, object | string> = {
      'not JSON': 'hello',
      array: [1, 2],
      'JSON null': 'null',
      'app_id as string': { ...plain(), app_id: String(APP) },
      'user_id missing': { ...plain(), user_id: undefined },
      'expire not integer': { ...plain(), expire: NOW + 0.5 },
      'payload not string': { ...plain(), payload: PRIVS },
    };
    for (const variant of VARIANTS) {
      for (const [what, body] of Object.entries(bodies)) {
        const token = independentEncode({
          variant,
          secret: SECRET,
          plaintext: body,
          outerExpire: BigInt(NOW + 3600),
        });
        await rejectsCode(
          verifyToken04(token, APP, SECRET, { now: NOW }),
          ZegoErrorCode.TOKEN_ERROR,
          `${variant} ${what}`,
        );
      }
    }
  });

  it('random bytes never throw anything but a TOKEN_ERROR ZegoError', async () => {
    for (let i = 0; i < 300; i++) {
      const b = randomBytes(1 + (i % 120));
      if (i % 3 === 0 && b.length >= 10) b.writeUInt16BE(i % 2 ? 12 : 16, 8); // plausible IV length
      await rejectsCode(verifyToken04('04' + b.toString('base64'), APP, SECRET), ZegoErrorCode.TOKEN_ERROR, `#${i}`);
    }
  });

  it('invalid verifier configuration -> PARAM_INVALID', async () => {
    const token = await generateToken04(APP, 'alice', SECRET, 3600);
    await rejectsCode(verifyToken04(token, 0, SECRET), ZegoErrorCode.PARAM_INVALID, 'appID');
    await rejectsCode(verifyToken04(token, APP, 'short'), ZegoErrorCode.PARAM_INVALID, 'secret');
    await rejectsCode(verifyToken04(token, APP, SECRET, { now: NaN }), ZegoErrorCode.PARAM_INVALID, 'now');
  });
});

describe('generateToken04 parameter errors -> PARAM_INVALID (1100001)', () => {
  const cases: Array<[string, () => Promise<string>]> = [
    ['appID 0', () => generateToken04(0, 'u', SECRET, 60)],
    ['appID negative', () => generateToken04(-5, 'u', SECRET, 60)],
    ['appID fractional', () => generateToken04(1.5, 'u', SECRET, 60)],
    ['appID NaN', () => generateToken04(NaN, 'u', SECRET, 60)],
    ['appID string', () => generateToken04('1' as unknown as number, 'u', SECRET, 60)],
    ['userID empty', () => generateToken04(APP, '', SECRET, 60)],
    ['userID not a string', () => generateToken04(APP, 7 as unknown as string, SECRET, 60)],
    ['secret 31 chars', () => generateToken04(APP, 'u', SECRET.slice(1), 60)],
    ['secret 33 chars', () => generateToken04(APP, 'u', SECRET + 'x', 60)],
    ['secret non-ASCII', () => generateToken04(APP, 'u', 'é'.repeat(32), 60)],
    ['ttl 0', () => generateToken04(APP, 'u', SECRET, 0)],
    ['ttl negative', () => generateToken04(APP, 'u', SECRET, -1)],
    ['ttl fractional', () => generateToken04(APP, 'u', SECRET, 1.5)],
    ['ttl Infinity', () => generateToken04(APP, 'u', SECRET, Infinity)],
    [
      'variant',
      () =>
        generateToken04(APP, 'u', SECRET, 60, '', {
          variant: 'ecb' as Token04Variant,
        }),
    ],
    ['nonce out of int32', () => generateToken04(APP, 'u', SECRET, 60, '', { nonce: 2 ** 31 })],
    ['payload too long', () => generateToken04(APP, 'u', SECRET, 60, 'x'.repeat(7000))],
  ];
  for (const [what, fn] of cases) {
    it(what, () => rejectsCode(fn(), ZegoErrorCode.PARAM_INVALID, what));
  }
  it('code is 1100001', () => assert.equal(ZegoErrorCode.PARAM_INVALID, 1100001));
});

describe('parseToken04Privileges', () => {
  it("'' -> {}", () => assert.deepEqual(parseToken04Privileges(''), {}));
  it('full object', () => assert.deepEqual(parseToken04Privileges(PAYLOAD), PRIVS));
  it('null stream_id_list and partial privilege', () =>
    assert.deepEqual(parseToken04Privileges('{"room_id":"r","privilege":{"1":1},"stream_id_list":null}'), {
      room_id: 'r',
      privilege: { '1': 1 },
      stream_id_list: null,
    }));
  it('unknown fields are ignored', () => assert.deepEqual(parseToken04Privileges('{"x":1}'), {}));
  for (const bad of [
    '{',
    'not json',
    '[]',
    '1',
    'null',
    '{"room_id":5}',
    '{"privilege":{"1":2}}',
    '{"privilege":[]}',
    '{"stream_id_list":[1]}',
    '{"stream_id_list":"s"}',
  ]) {
    it(`invalid ${bad} -> TOKEN_ERROR`, () =>
      assert.throws(
        () => parseToken04Privileges(bad),
        (e: unknown) => e instanceof ZegoError && e.code === ZegoErrorCode.TOKEN_ERROR,
      ));
  }
});

describe('cross-check against an independent node:crypto codec', () => {
  for (const variant of VARIANTS) {
    it(`${variant}: generateToken04 output decodes independently`, async () => {
      const token = await generateToken04(APP, 'alice', SECRET, 3600, PAYLOAD, {
        variant,
        now: NOW,
        nonce: 99,
      });
      const d = independentDecode(token, SECRET);
      assert.equal(d.variant, variant);
      assert.equal(d.outerExpire, BigInt(NOW + 3600));
      assert.deepEqual(d.plaintext, plain({ nonce: 99 }));
      // Field order as in ZEGO's reference generators.
      assert.deepEqual(Object.keys(d.plaintext), ['app_id', 'user_id', 'nonce', 'ctime', 'expire', 'payload']);
      if (variant === 'cbc') assert.match(d.iv.toString('latin1'), /^[0-9a-z]{16}$/);
      else assert.equal(d.iv.length, 12);
    });

    it(`${variant}: independently encoded token verifies`, async () => {
      const p = plain({ user_id: 'üser-☃', nonce: -2147483648 });
      const token = independentEncode({
        variant,
        secret: SECRET,
        plaintext: p,
      });
      const got = await verifyToken04(token, APP, SECRET, {
        userID: p.user_id,
        now: NOW,
      });
      assert.deepEqual(got, { ...p, variant });
    });
  }

  it('known vector (CBC, fixed IV/nonce/time)', async () => {
    const fixed: Token04Plaintext = {
      app_id: 1,
      user_id: 'demo',
      nonce: 123456789,
      ctime: 1600000000,
      expire: 1600003600,
      payload: '',
    };
    const token = independentEncode({
      variant: 'cbc',
      secret: SECRET,
      plaintext: fixed,
      iv: Buffer.from('0123456789abcdef', 'ascii'),
    });
    // Deterministic: pins the layout (a regression anchor for the encoder above).
    assert.equal(token, KNOWN_CBC_TOKEN);
    const got = await verifyToken04(KNOWN_CBC_TOKEN, 1, SECRET, {
      userID: 'demo',
      now: 1600000001,
    });
    assert.deepEqual(got, { ...fixed, variant: 'cbc' });
    await rejectsCode(verifyToken04(KNOWN_CBC_TOKEN, 1, SECRET, { now: 1600003600 }), ZegoErrorCode.TOKEN_EXPIRED);
  });
});

// Computed once by a separate script with node:crypto (expire written as two uint32 halves).
const KNOWN_CBC_TOKEN =
  '04AAAAAF9eHhAAEDAxMjM0NTY3ODlhYmNkZWYAcPDOWcZeMCPxbh1dpHzCTREIwK2oIO5x78Qlcu9iUMPYkqBI5TvjB3JwCxC9+klE87fizUlSy/KlsHeJXxLx/unICuvSvtb0ulL2GEo81LWvw1XtYKUaVLEctFxsE55ZLBmhCucWgM0GVchn1kaD61c=';
