/** Registers `<zego-room>` and exports its class: `import 'zego-elements/room'`. */
import { define } from '../zego-element.js';
import { ZegoRoom } from './room.js';

define('zego-room', ZegoRoom);

export { ZegoRoom };

declare global {
  interface HTMLElementTagNameMap {
    'zego-room': ZegoRoom;
  }
}
