import { ZegoRoom } from './room.js';

if (globalThis.customElements && !customElements.get('zego-room')) customElements.define('zego-room', ZegoRoom);

declare global {
  interface HTMLElementTagNameMap {
    'zego-room': ZegoRoom;
  }
}
