/** Registers `<zego-preview>` and exports its class: `import 'zego-elements/preview'`. */
import { define } from '../zego-element.js';
import { ZegoPreview } from './preview.js';

define('zego-preview', ZegoPreview);

export { ZegoPreview };

declare global {
  interface HTMLElementTagNameMap {
    'zego-preview': ZegoPreview;
  }
}
