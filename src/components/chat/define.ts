import { define } from '../zego-element.js';
import { ZegoChat } from './chat.js';

define('zego-chat', ZegoChat);

declare global {
  interface HTMLElementTagNameMap {
    'zego-chat': ZegoChat;
  }
}
