import '../preview/define.js';
import '../remote-stream/define.js';
import { define } from '../zego-element.js';
import { ZegoStreamGrid } from './stream-grid.js';

define('zego-stream-grid', ZegoStreamGrid);

declare global {
  interface HTMLElementTagNameMap {
    'zego-stream-grid': ZegoStreamGrid;
  }
}
