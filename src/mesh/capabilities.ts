/**
 * What the browser can do (WebRTC, devices, codecs, screen sharing), in ZEGO's shapes. Loaded when
 * an app first asks (`checkSystemRequirements`): a call does not need it to start.
 */
import type { ZegoCapabilityDetection, ZegoSystemRequirement } from '../core/engine.js';
import { enumDevices } from './devices.js';

/** What this browser can do, all of it or the one thing asked. */
export async function checkSystemRequirements(checkType?: ZegoSystemRequirement): Promise<ZegoCapabilityDetection> {
  const devices = await enumDevices().catch(() => ({ cameras: [], microphones: [], speakers: [] }));
  const codecs = globalThis.RTCRtpSender?.getCapabilities?.('video')?.codecs.map((c) => c.mimeType) ?? [];
  const codec = (name: string) => codecs.includes(`video/${name}`);
  // The same checks and shapes as ZEGO's SDK 3.12 (compared side by side in a browser test).
  const all = {
    webRTC: typeof globalThis.RTCPeerConnection === 'function',
    // A canvas or a media element can be captured as a stream.
    customCapture: 'captureStream' in (globalThis.HTMLCanvasElement?.prototype ?? {}),
    camera: devices.cameras.length > 0,
    microphone: devices.microphones.length > 0,
    videoCodec: { H264: codec('H264'), H265: codec('H265'), VP8: codec('VP8'), VP9: codec('VP9') },
    screenSharing: typeof globalThis.navigator?.mediaDevices?.getDisplayMedia === 'function',
  };
  if (checkType === undefined) return { ...all, errInfo: {} };
  const { videoCodec, ...checks } = all;
  const single: Record<string, boolean> = {
    ...checks,
    H264: videoCodec.H264,
    VP8: videoCodec.VP8,
    H265: videoCodec.H265,
  };
  return Object.hasOwn(single, checkType)
    ? { result: single[checkType]!, errInfo: {} }
    : { result: false, errInfo: { extendedDate: 'param error' } };
}
