/**
 * What this browser can do for a call, detected without asking for anything (no permission prompt,
 * no device list): the elements hide what cannot work instead of showing a control that fails, and
 * a room refuses to join where no call can be made. Safe under SSR (everything `false` there).
 */
export interface Capabilities {
  /** `RTCPeerConnection` exists: calls can be made (both engines need it). */
  readonly webRTC: boolean;
  /** `getUserMedia` exists (it is missing on pages that are not https or localhost). */
  readonly capture: boolean;
  /** `getDisplayMedia` exists (it does not on iOS Safari, for one). */
  readonly screenSharing: boolean;
  /** Media elements can play on a chosen output (`setSinkId`). */
  readonly speakerSelection: boolean;
  /** The browser asks the user to pick an output (`selectAudioOutput`, Firefox) before listing them. */
  readonly selectAudioOutput: boolean;
}

/** Detects the capabilities now (a test or a polyfill may change them, so this is not cached). */
export function detectCapabilities(): Capabilities {
  const media = globalThis.navigator?.mediaDevices as (MediaDevices & { selectAudioOutput?: unknown }) | undefined;
  return {
    webRTC: typeof globalThis.RTCPeerConnection === 'function',
    capture: typeof media?.getUserMedia === 'function',
    screenSharing: typeof media?.getDisplayMedia === 'function',
    speakerSelection: 'setSinkId' in (globalThis.HTMLMediaElement?.prototype ?? {}),
    selectAudioOutput: typeof media?.selectAudioOutput === 'function',
  };
}
