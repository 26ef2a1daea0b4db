/** The embedded engine: `MeshEngine` (real WebRTC, full mesh) and its transports. Browser. */
export { MeshEngine, type MeshEngineOptions } from './mesh-engine.js';
export { WebSocketTransport, type Transport, type TransportHandlers } from './transport.js';
export { InPageTransport } from './in-page-transport.js';
export { Hub, type HubOptions } from '../hub/hub.js';
