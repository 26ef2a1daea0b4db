/**
 * `zego-elements/<name>` registers that element and what it renders, nothing else: this page
 * imports the grid, the controls and the chat one by one, as an app that wants only those would.
 */
import { expect } from '@open-wc/testing';
import { ZegoStreamGrid } from '../../../src/components/stream-grid/define.js';
import { ZegoCallControls } from '../../../src/components/call-controls/define.js';
import { ZegoChat } from '../../../src/components/chat/define.js';

describe('one element at a time (zego-elements/<name>)', () => {
  it('registers the grid with the tiles it renders, the controls and the chat; nothing else', () => {
    expect(customElements.get('zego-stream-grid')).to.equal(ZegoStreamGrid);
    expect(customElements.get('zego-call-controls')).to.equal(ZegoCallControls);
    expect(customElements.get('zego-chat')).to.equal(ZegoChat);
    expect(customElements.get('zego-preview')).to.not.equal(undefined);
    expect(customElements.get('zego-remote-stream')).to.not.equal(undefined);
    expect(customElements.get('zego-room')).to.equal(undefined);
  });
});
