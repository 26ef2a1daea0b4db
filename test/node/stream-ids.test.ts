/** Default stream IDs: legal for every legal user ID, stable, and never shared by two users. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { streamIDFor } from '../../src/core/stream-ids.js';
import { checkStreamID, checkUserID } from '../../src/hub/ids.js';

/** Every character ZEGO allows in a user ID. */
const USER_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ#!$%&()`'+-;<=.>@^_~,*";

describe('streamIDFor', () => {
  it('keeps plain IDs as they were (`bob` → `bob_main`, `bob_screen`)', () => {
    assert.equal(streamIDFor('bob'), 'bob_main');
    assert.equal(streamIDFor('bob', 'screen'), 'bob_screen');
    assert.equal(streamIDFor('Bob-2'), 'Bob-2_main');
  });

  it('escapes what a stream ID may not hold: alice.smith@example.com → alice_2Esmith_40example_2Ecom_main', () => {
    assert.equal(streamIDFor('alice.smith@example.com'), 'alice_2Esmith_40example_2Ecom_main');
    assert.equal(streamIDFor('a_b'), 'a_5Fb_main');
  });

  it('every legal user ID (each allowed character, the 64-byte longest) gives a legal stream ID', () => {
    const ids = [...USER_CHARS].map((c) => `u${c}`);
    ids.push('*'.repeat(64), USER_CHARS.slice(0, 64), USER_CHARS.slice(-64));
    for (const id of ids) {
      assert.equal(checkUserID(id), undefined, `${id} is a legal user ID`);
      for (const kind of ['main', 'screen'] as const)
        assert.equal(checkStreamID(streamIDFor(id, kind)), undefined, `${id} → ${streamIDFor(id, kind)}`);
    }
  });

  it('no two user IDs share a stream ID, and a camera never shares one with a screen', () => {
    // Pairs that a naive mapping (dropping or replacing characters) would merge.
    const ids = ['a.b', 'a@b', 'a_b', 'ab', 'a_2Eb', 'a_5Fb', 'a', 'a_main', 'a_screen', 'x_m', 'x', 'x_'];
    for (const c of USER_CHARS) ids.push(`p${c}q`);
    const seen = new Map<string, string>();
    for (const id of ids)
      for (const kind of ['main', 'screen'] as const) {
        const sid = streamIDFor(id, kind);
        assert.equal(seen.get(sid), undefined, `${id} (${kind}) and ${seen.get(sid)} share ${sid}`);
        seen.set(sid, `${id} ${kind}`);
      }
  });
});
