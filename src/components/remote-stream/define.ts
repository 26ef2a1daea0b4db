import { ZegoRemoteStream } from './remote-stream.js';

if (globalThis.customElements && !customElements.get('zego-remote-stream'))
  customElements.define('zego-remote-stream', ZegoRemoteStream);

declare global {
  interface HTMLElementTagNameMap {
    'zego-remote-stream': ZegoRemoteStream;
  }
}
