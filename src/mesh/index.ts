/**
 * The embedded engine: `MeshEngine` (real WebRTC, full mesh) and its transports. Browser. Importing
 * it also gives `MeshEngine` the rest of ZEGO's SDK surface (`createRemoteStreamView`, …): see
 * `zego-api.ts`.
 */
import './zego-api.js';
export { MeshEngine, type MeshEngineOptions } from './mesh-engine.js';
export { NOT_SUPPORTED, unsupportedMethods } from './zego-api.js';
export { MeshLocalStream, type ZegoStreamOptions } from './local-stream.js';
export { MeshStreamView, type ZegoViewOptions } from './stream-view.js';
export { WebSocketTransport, type Transport, type TransportHandlers } from './transport.js';
export { InPageTransport } from './in-page-transport.js';
export { Hub, type HubOptions } from '../hub/hub.js';
