/** `ZegoRoom.preload()` loads an engine's code before any room joins (a join form can call it). */
import { expect, fixture, html } from '@open-wc/testing';
import { wsURL, appID, serverSecret } from 'virtual:test-server';
import '../../../src/components/room/define.js';
import { ZegoRoom } from '../../../src/components/room/room.js';
import { ZegoErrorCode } from '../../../src/core/errors.js';
import { generateToken04 } from '../../../src/hub/token04.js';

const loaded = (part: string) => performance.getEntriesByType('resource').filter((e) => e.name.includes(part)).length;

describe('ZegoRoom.preload', () => {
  it('downloads the mesh engine before any room exists, and a room then joins with it', async () => {
    expect(loaded('/mesh/mesh-engine')).to.equal(0);
    await ZegoRoom.preload();
    expect(loaded('/mesh/mesh-engine')).to.equal(1);
    expect(loaded('zego-express-engine-webrtc')).to.equal(0);
    const token = await generateToken04(appID, 'preload', serverSecret, 600);
    const room = await fixture<ZegoRoom>(
      html`<zego-room server=${wsURL} app-id=${appID} room-id="preload" user-id="preload" token=${token}></zego-room>`,
    );
    const start = performance.now();
    while (room.getAttribute('state') !== 'connected' && performance.now() - start < 10000)
      await new Promise((r) => setTimeout(r, 25));
    expect(room.getAttribute('state')).to.equal('connected');
    expect(loaded('/mesh/mesh-engine')).to.equal(1);
    room.remove();
  });

  it('rejects an unknown provider with ZEGO’s parameter error and loads nothing', async () => {
    const before = performance.getEntriesByType('resource').length;
    const err = await ZegoRoom.preload('webrtc' as 'mesh').then(
      () => undefined,
      (e: unknown) => e as { code: number; msg: string },
    );
    expect(err?.code).to.equal(ZegoErrorCode.PARAM_INVALID);
    expect(err?.msg).to.contain('unknown provider "webrtc"');
    expect(performance.getEntriesByType('resource').length).to.equal(before);
  });

  it("preload('zego') downloads ZEGO's SDK once, however often it is called", async () => {
    expect(loaded('zego-express-engine-webrtc')).to.equal(0);
    await Promise.all([ZegoRoom.preload('zego'), ZegoRoom.preload('zego')]);
    await ZegoRoom.preload('zego');
    expect(loaded('zego-express-engine-webrtc')).to.equal(1);
  });
});
