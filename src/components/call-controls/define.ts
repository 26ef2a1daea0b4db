/** Registers `<zego-call-controls>` and exports its class: `import 'zego-elements/call-controls'`. */
import { define } from '../zego-element.js';
import { ZegoCallControls } from './call-controls.js';

define('zego-call-controls', ZegoCallControls);

export { ZegoCallControls };

declare global {
  interface HTMLElementTagNameMap {
    'zego-call-controls': ZegoCallControls;
  }
}
