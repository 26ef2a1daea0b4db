/** Registers `<zego-chat>` and exports its class: `import 'zego-elements/chat'`. */
import { define } from '../zego-element.js';
import { ZegoChat } from './chat.js';

define('zego-chat', ZegoChat);

export { ZegoChat };

declare global {
  interface HTMLElementTagNameMap {
    'zego-chat': ZegoChat;
  }
}
