/** Capturing local media for `createStream`, with ZEGO's error codes. */
import type { ZegoCameraConfig, ZegoConstraint, ZegoLocalStreamConfig } from '../core/engine.js';
import { ZegoError } from '../core/errors.js';
import { mapMediaError } from '../core/media-errors.js';
import { BROWSER_UNSUPPORTED, HTTPS_REQUIRED, PARAM_INVALID, SCREEN_CAPTURE_UNSUPPORTED } from '../core/codes.js';

export { mapMediaError };

type Preset = { width: number; height: number; frameRate: number; bitrate: number };
type VideoConfig = Pick<ZegoCameraConfig, 'videoQuality' | 'width' | 'height' | 'frameRate' | 'bitrate'>;

/** ZEGO's camera presets (`videoQuality` 1–3; 4 takes the config's own numbers, these of 2 by default). */
export const VIDEO_PRESETS: Record<1 | 2 | 3, Preset> = {
  1: { width: 320, height: 240, frameRate: 15, bitrate: 300 },
  2: { width: 640, height: 480, frameRate: 15, bitrate: 800 },
  3: { width: 1280, height: 720, frameRate: 20, bitrate: 1500 },
};

const preset = (cfg: VideoConfig): Preset => VIDEO_PRESETS[cfg.videoQuality === 4 ? 2 : (cfg.videoQuality ?? 2)];
const aim = (v: ZegoConstraint | undefined, fallback: number) => (typeof v === 'object' ? v : { ideal: v ?? fallback });

function videoConstraints(cfg: VideoConfig): MediaTrackConstraints {
  const base = preset(cfg);
  const own = cfg.videoQuality === 4;
  return {
    width: own ? aim(cfg.width, base.width) : { ideal: base.width },
    height: own ? aim(cfg.height, base.height) : { ideal: base.height },
    frameRate: own ? aim(cfg.frameRate, base.frameRate) : { ideal: base.frameRate },
  };
}

/** The most a stream captured with `source` may send, kbps: the preset's, or the config's own with quality 4 (and for a custom source). */
export function bitrateOf(source: ZegoLocalStreamConfig): number {
  const cfg: VideoConfig = source.custom
    ? { videoQuality: 4, ...(source.custom.bitrate ? { bitrate: source.custom.bitrate } : {}) }
    : typeof source.screen === 'object'
      ? source.screen
      : source.screen
        ? {}
        : (source.camera ?? {});
  return (cfg.videoQuality === 4 && cfg.bitrate) || preset(cfg).bitrate;
}

/** Captures what `source` asks for: camera/mic (default), the screen, or a custom source. */
export async function captureStream(source: ZegoLocalStreamConfig): Promise<MediaStream> {
  const devices = globalThis.navigator?.mediaDevices;
  if (source.custom) {
    const src = source.custom.source;
    if (src instanceof MediaStream) return new MediaStream(src.getTracks().map((t) => t.clone()));
    const el = src as HTMLMediaElement & { captureStream?: () => MediaStream };
    if (typeof el?.captureStream !== 'function')
      throw new ZegoError(PARAM_INVALID, 'custom.source must be a MediaStream or a media element');
    return el.captureStream();
  }
  if (!devices) {
    throw new ZegoError(HTTPS_REQUIRED, 'media capture needs a secure context (https, localhost or 127.0.0.1)');
  }
  if (source.screen) {
    if (typeof devices.getDisplayMedia !== 'function')
      throw new ZegoError(SCREEN_CAPTURE_UNSUPPORTED, 'this browser cannot share the screen');
    const cfg = typeof source.screen === 'object' ? source.screen : {};
    try {
      return await devices.getDisplayMedia({ video: videoConstraints(cfg), audio: cfg.audio ?? false });
    } catch (err) {
      throw mapMediaError(err, true);
    }
  }
  const cam = source.camera ?? {};
  const wantVideo = cam.video ?? true;
  const wantAudio = cam.audio ?? true;
  if (!wantVideo && !wantAudio) throw new ZegoError(PARAM_INVALID, 'camera.video and camera.audio are both false');
  const video: MediaTrackConstraints | false = wantVideo
    ? {
        ...videoConstraints(cam),
        ...(cam.videoInput ? { deviceId: { exact: cam.videoInput } } : {}),
        ...(cam.facingMode ? { facingMode: cam.facingMode } : {}),
      }
    : false;
  // ZEGO's ANS / AGC / AEC switches are the browser's own processing; on unless turned off.
  const audio: MediaTrackConstraints | false = wantAudio
    ? {
        noiseSuppression: cam.ANS ?? true,
        autoGainControl: cam.AGC ?? true,
        echoCancellation: cam.AEC ?? true,
        ...(cam.channelCount ? { channelCount: cam.channelCount } : {}),
        ...(cam.audioInput ? { deviceId: { exact: cam.audioInput } } : {}),
      }
    : false;
  // A webview or a hardened browser may have mediaDevices without getUserMedia.
  if (typeof devices.getUserMedia !== 'function')
    throw new ZegoError(BROWSER_UNSUPPORTED, 'this browser cannot capture a camera or microphone');
  try {
    return await devices.getUserMedia({ video, audio });
  } catch (err) {
    throw mapMediaError(err);
  }
}
