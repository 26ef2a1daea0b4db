/** Registers `<zego-participants>` and exports its class: `import 'zego-elements/participants'`. */
import { define } from '../zego-element.js';
import { ZegoParticipants } from './participants.js';

define('zego-participants', ZegoParticipants);

export { ZegoParticipants };

declare global {
  interface HTMLElementTagNameMap {
    'zego-participants': ZegoParticipants;
  }
}
