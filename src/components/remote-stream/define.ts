import { define } from '../zego-element.js';
import { ZegoRemoteStream } from './remote-stream.js';

define('zego-remote-stream', ZegoRemoteStream);

declare global {
  interface HTMLElementTagNameMap {
    'zego-remote-stream': ZegoRemoteStream;
  }
}
