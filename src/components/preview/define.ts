import { ZegoPreview } from './preview.js';

if (globalThis.customElements && !customElements.get('zego-preview'))
  customElements.define('zego-preview', ZegoPreview);

declare global {
  interface HTMLElementTagNameMap {
    'zego-preview': ZegoPreview;
  }
}
