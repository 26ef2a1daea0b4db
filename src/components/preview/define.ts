import { define } from '../zego-element.js';
import { ZegoPreview } from './preview.js';

define('zego-preview', ZegoPreview);

declare global {
  interface HTMLElementTagNameMap {
    'zego-preview': ZegoPreview;
  }
}
