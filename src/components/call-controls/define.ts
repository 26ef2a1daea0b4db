import { ZegoCallControls } from './call-controls.js';

if (globalThis.customElements && !customElements.get('zego-call-controls'))
  customElements.define('zego-call-controls', ZegoCallControls);

declare global {
  interface HTMLElementTagNameMap {
    'zego-call-controls': ZegoCallControls;
  }
}
