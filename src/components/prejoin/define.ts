/** Registers `<zego-prejoin>` and exports its class: `import 'zego-elements/prejoin'`. */
import { define } from '../zego-element.js';
import { ZegoPrejoin } from './prejoin.js';

define('zego-prejoin', ZegoPrejoin);

export { ZegoPrejoin };

declare global {
  interface HTMLElementTagNameMap {
    'zego-prejoin': ZegoPrejoin;
  }
}
