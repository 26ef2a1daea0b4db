/** Registers `<zego-remote-stream>` and exports its class: `import 'zego-elements/remote-stream'`. */
import { define } from '../zego-element.js';
import { ZegoRemoteStream } from './remote-stream.js';

define('zego-remote-stream', ZegoRemoteStream);

export { ZegoRemoteStream };

declare global {
  interface HTMLElementTagNameMap {
    'zego-remote-stream': ZegoRemoteStream;
  }
}
