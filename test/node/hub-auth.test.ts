/**
 * Auth: what a token04 grants, checked by `Auth` and `checkPublish` directly, and through a hub:
 * login and renew follow the same rules, publishing follows the token's privileges. A fake clock
 * decides expiry; assertions are error codes and what peers receive.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Auth, checkPublish, type Grant } from '../../src/hub/auth.js';
import { Hub } from '../../src/hub/hub.js';
import type { ServerMessage } from '../../src/hub/protocol.js';
import { generateToken04, type Token04Privileges } from '../../src/hub/token04.js';
import { ZegoError, ZegoErrorCode } from '../../src/core/errors.js';

const APP_ID = 424242;
const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const OTHER_SECRET = 'ffffffffffffffffffffffffffffffff';
const T0 = 1_700_000_000;

type Msg = ServerMessage & Record<string, unknown>;

let nowMs = T0 * 1000;
const clock = (): number => nowMs;
const auth = new Auth({ appID: APP_ID, serverSecret: SECRET, now: clock });

const token = (userID: string, payload: Token04Privileges | string = '', ttl = 600, secret = SECRET, app = APP_ID) =>
  generateToken04(app, userID, secret, ttl, typeof payload === 'string' ? payload : JSON.stringify(payload), {
    now: T0,
  });

async function rejectsCode(p: Promise<unknown>, code: number, label: string): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof ZegoError, `${label}: not a ZegoError: ${String(err)}`);
    assert.equal(err.code, code, `${label}: ${err.message}`);
    return true;
  });
}

function publishCode(grant: Grant, streamID: string): number | undefined {
  try {
    checkPublish(grant, streamID);
    return undefined;
  } catch (err) {
    return (err as ZegoError).code;
  }
}

/** Tokens Auth must refuse, with the code it must refuse them with (user alice, room r). */
const refused: [string, () => Promise<string>, number][] = [
  ['wrong secret', () => token('alice', '', 600, OTHER_SECRET), ZegoErrorCode.TOKEN_ERROR],
  ['another app', () => token('alice', '', 600, SECRET, APP_ID + 1), ZegoErrorCode.TOKEN_ERROR],
  ['another user', () => token('bob'), ZegoErrorCode.TOKEN_USER_MISMATCH],
  ['expired', () => token('alice', '', 10), ZegoErrorCode.TOKEN_EXPIRED],
  ['another room', () => token('alice', { room_id: 'elsewhere' }), ZegoErrorCode.TOKEN_ERROR],
  ['no login privilege', () => token('alice', { room_id: 'r', privilege: { 1: 0, 2: 1 } }), ZegoErrorCode.TOKEN_ERROR],
  ['payload not JSON', () => token('alice', '{room'), ZegoErrorCode.TOKEN_ERROR],
  ['not a token', () => Promise.resolve('garbage'), ZegoErrorCode.TOKEN_ERROR],
];

describe('Auth: what a token grants', () => {
  it('a valid token grants its privileges until its expiry, in either cipher variant', async () => {
    nowMs = (T0 + 5) * 1000;
    const privileges: Token04Privileges = { room_id: 'r', privilege: { '1': 1, '2': 0 }, stream_id_list: ['s1'] };
    assert.deepEqual(await auth.grant(await token('alice', privileges), 'alice', 'r'), {
      privileges,
      expire: T0 + 600,
    });
    const cbc = await generateToken04(APP_ID, 'alice', SECRET, 60, '', { now: T0, variant: 'cbc' });
    assert.deepEqual(await auth.grant(cbc, 'alice', 'any-room'), { privileges: {}, expire: T0 + 60 });
    // An empty room_id is good for any room.
    assert.equal((await auth.grant(await token('alice', { room_id: '' }), 'alice', 'r2')).expire, T0 + 600);
  });

  it('refuses a wrong secret or app, another user, an expired token, another room, no login privilege, garbage', async () => {
    nowMs = (T0 + 20) * 1000;
    for (const [label, make, code] of refused) await rejectsCode(auth.grant(await make(), 'alice', 'r'), code, label);
  });

  it('expiry follows the clock it is given', async () => {
    const tok = await token('alice', '', 60);
    nowMs = (T0 + 59) * 1000;
    assert.equal((await auth.grant(tok, 'alice', 'r')).expire, T0 + 60);
    nowMs = (T0 + 61) * 1000;
    await rejectsCode(auth.grant(tok, 'alice', 'r'), ZegoErrorCode.TOKEN_EXPIRED, 'after expiry');
  });

  it('without a server secret any token is accepted and grants everything, with no expiry', async () => {
    const open = new Auth({ now: clock });
    const grant = await open.grant('anything', 'alice', 'r');
    assert.deepEqual(grant, { privileges: {}, expire: 0 });
    assert.equal(publishCode(grant, 'any'), undefined);
  });

  it('publishing: privilege "2": 0 forbids it (1002082); stream_id_list limits the stream IDs; null allows any', () => {
    const grant = (privileges: Token04Privileges): Grant => ({ privileges, expire: 0 });
    assert.equal(publishCode(grant({}), 's'), undefined);
    assert.equal(publishCode(grant({ privilege: { '1': 1, '2': 1 } }), 's'), undefined);
    assert.equal(publishCode(grant({ privilege: { '2': 0 } }), 's'), ZegoErrorCode.TOKEN_NO_PUBLISH);
    const listed = grant({ stream_id_list: ['a', 'b'] });
    assert.equal(publishCode(listed, 'a'), undefined);
    assert.equal(publishCode(listed, 'c'), ZegoErrorCode.TOKEN_NO_PUBLISH);
    assert.equal(publishCode(grant({ stream_id_list: [] }), 'a'), ZegoErrorCode.TOKEN_NO_PUBLISH);
    assert.equal(publishCode(grant({ stream_id_list: null }), 'a'), undefined);
  });
});

/** Waits (real time, 5 s at most: token checks run on WebCrypto's thread pool) until `find` returns something. */
async function until<T>(find: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (let v = find(); ; v = find()) {
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

/** A connection to `hub` recording what it is sent; `request` resolves to the reply to one request. */
function connect(hub: Hub) {
  const messages: Msg[] = [];
  const client = hub.connect({ send: (m) => messages.push(m as Msg), close: () => undefined });
  let nextId = 0;
  const request = (m: Record<string, unknown>): Promise<Msg> => {
    const id = ++nextId;
    client.receive(JSON.stringify({ ...m, id }));
    return until(() => messages.find((r) => r.t === 'reply' && r.id === id), `reply to ${String(m.t)}`);
  };
  const login = async (userID: string, tok: string): Promise<Msg> =>
    request({ t: 'login', v: 1, roomID: 'r', token: tok, user: { userID }, config: { userUpdate: true } });
  return { messages, request, login };
}

describe('Auth in the hub: login, renew and publish', () => {
  const hub = () => new Hub({ appID: APP_ID, serverSecret: SECRET, heartbeatTimeout: 3_600_000, now: clock });

  it('login and renew refuse the same tokens with the same codes; a refused login is announced to nobody', async () => {
    nowMs = (T0 + 20) * 1000;
    const h = hub();
    const watcher = connect(h);
    assert.equal((await watcher.login('w', await token('w'))).ok, true);
    const alice = connect(h);
    for (const [label, make, code] of refused) {
      const r = await alice.login('alice', await make());
      assert.deepEqual([r.ok, r.code], [false, code], `login, ${label}`);
    }
    assert.deepEqual(
      watcher.messages.filter((m) => m.t === 'users'),
      [],
    );
    const ok = await alice.login('alice', await token('alice', { room_id: 'r' }));
    assert.deepEqual([ok.ok, ok.expire], [true, T0 + 600]);
    for (const [label, make, code] of refused) {
      const r = await alice.request({ t: 'renew', token: await make() });
      assert.deepEqual([r.ok, r.code], [false, code], `renew, ${label}`);
    }
    const renewed = await alice.request({ t: 'renew', token: await token('alice', '', 900) });
    assert.deepEqual([renewed.ok, renewed.expire], [true, T0 + 900]);
  });

  it('publishing follows the token: refused with 1002082 and announced to nobody; a renew can change it', async () => {
    nowMs = (T0 + 20) * 1000;
    const h = hub();
    const watcher = connect(h);
    await watcher.login('w', await token('w'));
    const viewer = connect(h);
    await viewer.login('viewer', await token('viewer', { privilege: { '1': 1, '2': 0 } }));
    const limited = connect(h);
    await limited.login('limited', await token('limited', { stream_id_list: ['allowed'] }));

    const codes = async (c: ReturnType<typeof connect>, streamID: string) => {
      const r = await c.request({ t: 'publish', streamID });
      return r.ok ? 'ok' : r.code;
    };
    assert.equal(await codes(viewer, 'v1'), ZegoErrorCode.TOKEN_NO_PUBLISH);
    assert.equal(await codes(limited, 'other'), ZegoErrorCode.TOKEN_NO_PUBLISH);
    assert.equal(await codes(limited, 'allowed'), 'ok');
    await viewer.request({ t: 'renew', token: await token('viewer', { privilege: { '1': 1, '2': 1 } }) });
    assert.equal(await codes(viewer, 'v1'), 'ok');
    const added = watcher.messages.filter((m) => m.t === 'streams' && m.type === 'ADD');
    assert.deepEqual(
      added.map((m) => (m.streams as { streamID: string }[])[0]!.streamID),
      ['allowed', 'v1'],
    );
  });
});
