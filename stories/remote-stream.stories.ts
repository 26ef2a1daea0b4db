import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ZegoRoom } from '../dist/components/room/room.js';
import { startCall, type BotOptions, type Call } from './support/call.js';

type Loaded = { call: Call };

const tile = (options: BotOptions, fit = 'cover'): StoryObj => ({
  loaders: [async () => ({ call: await startCall([options]) })],
  render: (_a, { loaded }) => {
    const { call } = loaded as Loaded;
    return html`<zego-room room-id=${call.roomID} user-id="you" token="in-page" .engine=${call.engine}
      ><div style="width:min(420px,100%)">
        <zego-remote-stream stream-id=${`${call.bots[0]!.userID}_main`} fit=${fit}></zego-remote-stream></div
    ></zego-room>`;
  },
});

const meta: Meta = { title: 'Elements/zego-remote-stream', component: 'zego-remote-stream' };
export default meta;

export const Playing = tile({});
export const MutedMicrophone = tile({ micMuted: true });
export const CameraOff = tile({ cameraOff: true });
export const Speaking = tile({ speaking: true });
export const Contain = tile({}, 'contain');

export const PoorNetwork: StoryObj = {
  ...tile({}),
  play: async ({ canvasElement, loaded }) => {
    // Network grade 3 ("poor"), as a quality update would report it.
    const room = canvasElement.querySelector<ZegoRoom>('zego-room')!;
    const id = `${(loaded as Loaded).call.bots[0]!.userID}_main`;
    for (let i = 0; i < 200 && !room.session?.streams.get(id); i++) await new Promise((r) => setTimeout(r, 25));
    const stream = room.session?.streams.get(id);
    if (stream) {
      stream.quality = 3;
      room.session!.notify(`stream:${id}`);
    }
  },
};
