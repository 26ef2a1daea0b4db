import { define } from '../zego-element.js';
import { ZegoCallControls } from './call-controls.js';

define('zego-call-controls', ZegoCallControls);

declare global {
  interface HTMLElementTagNameMap {
    'zego-call-controls': ZegoCallControls;
  }
}
