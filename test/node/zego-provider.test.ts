/** Loading ZEGO's SDK for provider="zego": the errors when it cannot be loaded. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createZegoCloudEngine } from '../../src/components/room/zego-provider.js';

/** A package that is not installed: importing it fails as a missing SDK would. */
const NOT_INSTALLED = 'zego-express-engine-webrtc-is-not-installed';

describe('createZegoCloudEngine', () => {
  it('names the package to install when it is not installed (a real failed import of a missing package)', async () => {
    await assert.rejects(
      createZegoCloudEngine(1, 'wss://example.invalid/ws', () => import(NOT_INSTALLED)),
      (err: { code: number; msg: string }) => {
        assert.equal(err.code, 1100001);
        assert.match(err.msg, /npm install zego-express-engine-webrtc/);
        return true;
      },
    );
  });

  it('says why when the package is there but cannot load (here: Node has no DOM for it)', async () => {
    await assert.rejects(createZegoCloudEngine(1, 'wss://example.invalid/ws'), (err: { code: number; msg: string }) => {
      assert.equal(err.code, 1100001);
      assert.match(err.msg, /zego-express-engine-webrtc could not be loaded \(.*(document|window)/);
      return true;
    });
  });
});
