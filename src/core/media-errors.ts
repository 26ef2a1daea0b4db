import { ZegoError, messageOf } from './errors.js';
import {
  DEVICE_CONSTRAINTS,
  DEVICE_NOT_READABLE,
  DEVICE_PERMISSION_DENIED,
  GET_USER_MEDIA_FAILED,
  SCREEN_CAPTURE_CANCELLED,
  SCREEN_CAPTURE_FAILED,
} from './codes.js';

/** Maps a getUserMedia/getDisplayMedia failure to ZEGO's device error codes. */
export function mapMediaError(err: unknown, screen = false): ZegoError {
  const name = (err as { name?: string } | null)?.name ?? '';
  const detail = messageOf(err);
  if (screen) {
    if (name === 'NotAllowedError' || name === 'AbortError')
      return new ZegoError(SCREEN_CAPTURE_CANCELLED, `screen sharing was cancelled: ${detail}`);
    return new ZegoError(SCREEN_CAPTURE_FAILED, `screen capture failed: ${detail}`);
  }
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new ZegoError(DEVICE_PERMISSION_DENIED, `camera/microphone permission denied: ${detail}`);
    case 'NotReadableError':
    case 'TrackStartError':
      return new ZegoError(DEVICE_NOT_READABLE, `the device is busy or unreadable: ${detail}`);
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return new ZegoError(DEVICE_CONSTRAINTS, `no device satisfies the constraints: ${detail}`);
    default:
      return new ZegoError(GET_USER_MEDIA_FAILED, `getUserMedia failed: ${name || detail}`);
  }
}
