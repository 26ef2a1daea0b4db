/** An app on the mesh engine never downloads ZEGO's SDK: engines are loaded with a dynamic import(). */
import { expect, fixture, html } from '@open-wc/testing';
import { wsURL, appID, serverSecret } from 'virtual:test-server';
import '../../../src/components/room/define.js';
import type { ZegoRoom } from '../../../src/components/room/room.js';
import { generateToken04 } from '../../../src/hub/token04.js';

const loaded = () => performance.getEntriesByType('resource').map((e) => e.name);

describe('<zego-room provider="mesh"> loads only the mesh engine', () => {
  it('joins with the mesh engine, which arrived on demand, and never fetches zego-express-engine-webrtc', async () => {
    expect(loaded().some((n) => n.includes('/mesh/mesh-engine'))).to.equal(false);
    const token = await generateToken04(appID, 'lazy-mesh', serverSecret, 600);
    const room = await fixture<ZegoRoom>(
      html`<zego-room
        server=${wsURL}
        app-id=${appID}
        room-id="lazy-mesh"
        user-id="lazy-mesh"
        token=${token}
      ></zego-room>`,
    );
    const start = performance.now();
    while (room.getAttribute('state') !== 'connected' && performance.now() - start < 10000)
      await new Promise((r) => setTimeout(r, 25));
    expect(room.getAttribute('state')).to.equal('connected');
    expect(loaded().some((n) => n.includes('/mesh/mesh-engine'))).to.equal(true);
    expect(loaded().some((n) => n.includes('zego-express-engine-webrtc'))).to.equal(false);
    room.remove();
  });
});
