import { define } from '../zego-element.js';
import { ZegoRoom } from './room.js';

define('zego-room', ZegoRoom);

declare global {
  interface HTMLElementTagNameMap {
    'zego-room': ZegoRoom;
  }
}
