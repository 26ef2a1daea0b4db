/**
 * Imported first by a test file: removes WebRTC from the page before anything of the kit loads,
 * as in a browser built without it (Debian's WebKitGTK) or a webview with it turned off.
 */
const w = globalThis as Record<string, unknown>;
for (const name of ['RTCPeerConnection', 'webkitRTCPeerConnection', 'RTCSessionDescription', 'RTCIceCandidate'])
  delete w[name];

/** Unhandled rejections seen since the page loaded (there must be none). */
export const unhandled: unknown[] = [];
addEventListener('unhandledrejection', (e) => {
  unhandled.push(e.reason);
  e.preventDefault();
});
