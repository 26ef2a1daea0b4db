import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

const meta: Meta = {
  title: 'Elements/zego-prejoin',
  component: 'zego-prejoin',
  render: (args) =>
    html`<div style="max-width:900px">
      <zego-prejoin
        user-name=${args['user-name'] ?? ''}
        camera=${args.camera ?? 'on'}
        microphone=${args.microphone ?? 'on'}
        camera-device=${args['camera-device'] ?? ''}
        @zego-prejoin-submit=${(e: Event) => e.preventDefault()}
      ></zego-prejoin>
    </div>`,
};
export default meta;

/** Camera and microphone on, a name filled in. */
export const Ready: StoryObj = { args: { 'user-name': 'Ada Lovelace' } };

/** The camera switched off: its light goes off, your initials show. */
export const CameraOff: StoryObj = { args: { 'user-name': 'Ada Lovelace', camera: 'off' } };

/** A camera that cannot be had (a device ID no camera has): it says so, and Join still works. */
export const CameraMissing: StoryObj = { args: { 'user-name': 'Ada Lovelace', 'camera-device': 'no-such-camera' } };

/** As it fits a phone: one column. */
export const Narrow: StoryObj = {
  args: { 'user-name': 'Ada Lovelace' },
  render: () => html`<div style="max-width:360px"><zego-prejoin user-name="Ada Lovelace"></zego-prejoin></div>`,
};
