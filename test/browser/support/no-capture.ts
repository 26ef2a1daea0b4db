/**
 * Imported first by a test file: the page keeps WebRTC but loses `getUserMedia` before anything of
 * the kit loads, as in a webview or a hardened browser that receives calls but cannot capture.
 */
delete (MediaDevices.prototype as Partial<MediaDevices>).getUserMedia;
