import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ZegoRoom } from '../dist/components/room/room.js';
import { startCall, type Call } from './support/call.js';

type Loaded = { call: Call };

const controls = (local: { camera?: boolean; microphone?: boolean } = {}, openMenu = false): StoryObj => ({
  loaders: [async () => ({ call: await startCall(1) })],
  render: (_a, { loaded }) => {
    const { call } = loaded as Loaded;
    return html`<zego-room room-id=${call.roomID} user-id="you" user-name="You" token="in-page" .engine=${call.engine}
      ><zego-call-controls></zego-call-controls
    ></zego-room>`;
  },
  play: async ({ canvasElement }) => {
    const room = canvasElement.querySelector<ZegoRoom>('zego-room')!;
    for (let i = 0; i < 200 && room.getAttribute('state') !== 'connected'; i++)
      await new Promise((r) => setTimeout(r, 25));
    room.session?.setLocal(local);
    if (openMenu)
      canvasElement
        .querySelector('zego-call-controls')!
        .shadowRoot!.querySelector<HTMLButtonElement>('[part~="devices"]')!
        .click();
  },
});

const meta: Meta = { title: 'Elements/zego-call-controls', component: 'zego-call-controls' };
export default meta;

export const AllOn = controls();
export const MicrophoneOff = controls({ microphone: false });
export const CameraOff = controls({ camera: false });
export const BothOff = controls({ camera: false, microphone: false });
export const DevicesMenu = controls({}, true);
