import { define } from '../zego-element.js';
import { ZegoParticipants } from './participants.js';

define('zego-participants', ZegoParticipants);

declare global {
  interface HTMLElementTagNameMap {
    'zego-participants': ZegoParticipants;
  }
}
