import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { ZegoPreview } from '../dist/components/preview/preview.js';
import { CameraBlockedEngine, deniedSession, startCall, type Call } from './support/call.js';

type Loaded = { call: Call };
const inRoom = (call: Call, preview: unknown) =>
  html`<zego-room room-id=${call.roomID} user-id="you" user-name="Ada Lovelace" token="in-page" .engine=${call.engine}
    ><div style="width:min(480px,100%)">${preview}</div></zego-room
  >`;

const meta: Meta = {
  title: 'Elements/zego-preview',
  component: 'zego-preview',
  loaders: [async () => ({ call: await startCall(0) })],
};
export default meta;

export const CameraOn: StoryObj = {
  render: (_a, { loaded }) => inRoom((loaded as Loaded).call, html`<zego-preview></zego-preview>`),
};

export const CameraOff: StoryObj = {
  render: (_a, { loaded }) => inRoom((loaded as Loaded).call, html`<zego-preview camera="off"></zego-preview>`),
};

export const NotMirrored: StoryObj = {
  render: (_a, { loaded }) => inRoom((loaded as Loaded).call, html`<zego-preview no-mirror></zego-preview>`),
};

export const MicrophoneOff: StoryObj = {
  render: (_a, { loaded }) => inRoom((loaded as Loaded).call, html`<zego-preview microphone="off"></zego-preview>`),
};

/** Waits (briefly) until the story's preview has captured. */
async function captured(canvas: HTMLElement): Promise<ZegoPreview> {
  const preview = canvas.querySelector<ZegoPreview>('zego-preview')!;
  for (let i = 0; i < 200 && !preview.stream; i++) await new Promise((r) => setTimeout(r, 25));
  return preview;
}

/** Speaking with the microphone off: "You are muted" (shown here at once; in a call it follows your voice). */
export const SpeakingWhileMuted: StoryObj = {
  render: (_a, { loaded }) => inRoom((loaded as Loaded).call, html`<zego-preview microphone="off"></zego-preview>`),
  play: async ({ canvasElement }) => {
    const preview = await captured(canvasElement);
    (preview as unknown as { talkingMuted: boolean }).talkingMuted = true;
  },
};

/** Your uplink graded poor (3) by the engine: "Your network is poor". */
export const PoorNetwork: StoryObj = {
  render: (_a, { loaded }) => inRoom((loaded as Loaded).call, html`<zego-preview publish></zego-preview>`),
  play: async ({ canvasElement, loaded }) => {
    await captured(canvasElement);
    const { engine } = (loaded as Loaded).call;
    (engine as unknown as { events: { emit(...a: unknown[]): void } }).events.emit('networkQuality', 'you', 3, -1);
  },
};

/** The browser blocks the camera but not the microphone: the call goes on audio only, and the tile says why. */
export const CameraBlocked: StoryObj = {
  loaders: [async () => ({ call: await startCall(0, undefined, CameraBlockedEngine) })],
  render: (_a, { loaded }) => inRoom((loaded as Loaded).call, html`<zego-preview publish></zego-preview>`),
};

export const PermissionDenied: StoryObj = {
  loaders: [],
  render: () =>
    html`<div style="width:min(480px,100%)"><zego-preview .session=${deniedSession()}></zego-preview></div>`,
};
