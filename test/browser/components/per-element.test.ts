/**
 * `zego-elements/<name>` registers that element and what it renders, nothing else: this page
 * imports the grid, the controls and the chat one by one, as an app that wants only those would.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { appID, wsURL } from 'virtual:test-server';
import { ZegoStreamGrid } from '../../../src/components/stream-grid/define.js';
import { ZegoCallControls } from '../../../src/components/call-controls/define.js';
import { ZegoChat } from '../../../src/components/chat/define.js';
import { RoomSession } from '../../../src/core/session.js';
import { MeshEngine } from '../../../src/mesh/mesh-engine.js';

describe('one element at a time (zego-elements/<name>)', () => {
  it('registers the grid with your tile, the controls and the chat; nothing else; the others’ tiles once the grid has a session', async () => {
    expect(customElements.get('zego-stream-grid')).to.equal(ZegoStreamGrid);
    expect(customElements.get('zego-call-controls')).to.equal(ZegoCallControls);
    expect(customElements.get('zego-chat')).to.equal(ZegoChat);
    expect(customElements.get('zego-preview')).to.not.equal(undefined);
    expect(customElements.get('zego-room')).to.equal(undefined);
    // The others' tiles come with the people: they load when the grid gets a session (at join).
    expect(customElements.get('zego-remote-stream')).to.equal(undefined);
    const engine = new MeshEngine(appID, wsURL);
    try {
      const session = new RoomSession(engine, 'per-element', { userID: 'ada' });
      await fixture(html`<zego-stream-grid no-publish .session=${session}></zego-stream-grid>`);
      await customElements.whenDefined('zego-remote-stream');
      expect(customElements.get('zego-room')).to.equal(undefined);
    } finally {
      engine.destroyEngine();
    }
  });
});
