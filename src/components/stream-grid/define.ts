import '../preview/define.js';
import '../remote-stream/define.js';
import { ZegoStreamGrid } from './stream-grid.js';

if (globalThis.customElements && !customElements.get('zego-stream-grid'))
  customElements.define('zego-stream-grid', ZegoStreamGrid);

declare global {
  interface HTMLElementTagNameMap {
    'zego-stream-grid': ZegoStreamGrid;
  }
}
