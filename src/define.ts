/** Registers every element of the kit. */
import './components/room/define.js';
import './components/stream-grid/define.js';
import './components/preview/define.js';
import './components/remote-stream/define.js';
import './components/call-controls/define.js';
import './components/prejoin/define.js';
import './components/call/define.js';
import './components/chat/define.js';
import './components/participants/define.js';
