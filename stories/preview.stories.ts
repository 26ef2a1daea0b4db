import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { deniedSession, startCall, type Call } from './support/call.js';

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

export const PermissionDenied: StoryObj = {
  loaders: [],
  render: () =>
    html`<div style="width:min(480px,100%)"><zego-preview .session=${deniedSession()}></zego-preview></div>`,
};
