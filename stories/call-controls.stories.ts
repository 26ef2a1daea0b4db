import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ZegoRoom } from '../dist/components/room/room.js';
import type { LocalMedia } from '../dist/core/session.js';
import { startCall, type Call } from './support/call.js';

type Loaded = { call: Call };

const controls = (local: Partial<LocalMedia> = {}, openMenu = false, presenting = false): StoryObj => ({
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
    const bar = canvasElement.querySelector('zego-call-controls')!;
    if (presenting) {
      // A canvas stands in for the screen (the browser would ask which one to share).
      const canvas = Object.assign(document.createElement('canvas'), { width: 640, height: 360 });
      canvas.getContext('2d')!.fillRect(0, 0, 640, 360);
      room.session?.setLocal({ screen: canvas.captureStream(5) });
      (bar as unknown as { sharing: boolean }).sharing = true;
    }
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
/** Sharing your screen: "You are presenting" with Stop above the bar. */
export const Presenting = controls({}, false, true);
/** The browser blocked the camera: off, with a "!" mark; its tooltip and a click say why. */
export const CameraBlocked = controls({ camera: false, cameraError: 1103064 });
/** No microphone plugged in. */
export const NoMicrophone = controls({ microphone: false, microphoneError: 1103061 });
