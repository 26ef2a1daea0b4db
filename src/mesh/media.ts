/** Capturing local media for `createStream`, with ZEGO's error codes. */
import type { ZegoLocalStreamConfig } from '../core/engine.js';
import { ZegoError, ZegoErrorCode, mapMediaError } from '../core/errors.js';

export { mapMediaError };

type Preset = { width: number; height: number; frameRate: number };

/** ZEGO's camera presets (`videoQuality` 1–3). */
export const VIDEO_PRESETS: Record<1 | 2 | 3, Preset> = {
  1: { width: 320, height: 240, frameRate: 15 },
  2: { width: 640, height: 480, frameRate: 15 },
  3: { width: 1280, height: 720, frameRate: 20 },
};

function videoConstraints(
  cfg: { videoQuality?: 1 | 2 | 3 | 4; width?: number; height?: number; frameRate?: number },
  presets: Record<1 | 2 | 3, Preset>,
): MediaTrackConstraints {
  const q = cfg.videoQuality ?? 2;
  const base =
    q === 4 ? { width: cfg.width ?? 640, height: cfg.height ?? 480, frameRate: cfg.frameRate ?? 15 } : presets[q];
  return { width: { ideal: base.width }, height: { ideal: base.height }, frameRate: { ideal: base.frameRate } };
}

/** Captures what `source` asks for: camera/mic (default), the screen, or a custom source. */
export async function captureStream(
  source: ZegoLocalStreamConfig,
  presets: Record<1 | 2 | 3, Preset> = VIDEO_PRESETS,
): Promise<MediaStream> {
  const devices = globalThis.navigator?.mediaDevices;
  if (source.custom) {
    const src = source.custom.source;
    if (src instanceof MediaStream) return new MediaStream(src.getTracks().map((t) => t.clone()));
    const el = src as HTMLMediaElement & { captureStream?: () => MediaStream };
    if (typeof el?.captureStream !== 'function')
      throw new ZegoError(ZegoErrorCode.PARAM_INVALID, 'custom.source must be a MediaStream or a media element');
    return el.captureStream();
  }
  if (!devices) {
    throw new ZegoError(
      ZegoErrorCode.HTTPS_REQUIRED,
      'media capture needs a secure context (https, localhost or 127.0.0.1)',
    );
  }
  if (source.screen) {
    if (typeof devices.getDisplayMedia !== 'function')
      throw new ZegoError(ZegoErrorCode.SCREEN_CAPTURE_UNSUPPORTED, 'this browser cannot share the screen');
    const cfg = typeof source.screen === 'object' ? source.screen : {};
    try {
      return await devices.getDisplayMedia({ video: videoConstraints(cfg, presets), audio: cfg.audio ?? false });
    } catch (err) {
      throw mapMediaError(err, true);
    }
  }
  const cam = source.camera ?? {};
  const wantVideo = cam.video ?? true;
  const wantAudio = cam.audio ?? true;
  if (!wantVideo && !wantAudio)
    throw new ZegoError(ZegoErrorCode.PARAM_INVALID, 'camera.video and camera.audio are both false');
  const video: MediaTrackConstraints | false = wantVideo
    ? {
        ...videoConstraints(cam, presets),
        ...(cam.videoInput ? { deviceId: { exact: cam.videoInput } } : {}),
        ...(cam.facingMode ? { facingMode: cam.facingMode } : {}),
      }
    : false;
  const audio: MediaTrackConstraints | boolean = wantAudio
    ? cam.audioInput
      ? { deviceId: { exact: cam.audioInput } }
      : true
    : false;
  try {
    return await devices.getUserMedia({ video, audio });
  } catch (err) {
    throw mapMediaError(err);
  }
}
