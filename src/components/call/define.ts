/** Registers `<zego-call>` and every element it renders, and exports its class: `import 'zego-elements/call'`. */
import '../room/define.js';
import '../stream-grid/define.js';
import '../call-controls/define.js';
import '../prejoin/define.js';
import '../chat/define.js';
import '../participants/define.js';
import { define } from '../zego-element.js';
import { ZegoCall } from './call.js';

define('zego-call', ZegoCall);

export { ZegoCall };

declare global {
  interface HTMLElementTagNameMap {
    'zego-call': ZegoCall;
  }
}
