/** An app on ZEGO's cloud never downloads the mesh engine (ZEGO's real SDK, without network). */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/components/room/define.js';
import type { ZegoRoom } from '../../../src/components/room/room.js';

const loaded = () => performance.getEntriesByType('resource').map((e) => e.name);

describe('<zego-room provider="zego"> loads only ZEGO’s SDK (without network)', () => {
  it('fetches zego-express-engine-webrtc on demand and never the mesh engine', async () => {
    expect(loaded().some((n) => n.includes('zego-express-engine-webrtc'))).to.equal(false);
    const room = await fixture<ZegoRoom>(
      html`<zego-room
        provider="zego"
        app-id="1234567"
        server="wss://127.0.0.1:9/ws"
        room-id="lazy-zego"
        user-id="lazy-zego"
        token="04notarealtoken"
        login-timeout="1500"
      ></zego-room>`,
    );
    const start = performance.now();
    while (room.getAttribute('state') !== 'failed' && performance.now() - start < 10000)
      await new Promise((r) => setTimeout(r, 25));
    expect(room.getAttribute('state')).to.equal('failed');
    expect(loaded().some((n) => n.includes('zego-express-engine-webrtc'))).to.equal(true);
    expect(loaded().some((n) => n.includes('/mesh/'))).to.equal(false);
    room.remove();
  });
});
