/** Registers `<zego-stream-grid>` and your tile (the others' tiles load when it has a session) and exports its class: `import 'zego-elements/stream-grid'`. */
import '../preview/define.js';
import { define } from '../zego-element.js';
import { ZegoStreamGrid } from './stream-grid.js';

define('zego-stream-grid', ZegoStreamGrid);

export { ZegoStreamGrid };

declare global {
  interface HTMLElementTagNameMap {
    'zego-stream-grid': ZegoStreamGrid;
  }
}
