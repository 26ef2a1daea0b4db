/**
 * Loads ZEGO's cloud SDK on demand (browser only: it touches `window` at import). Kept in its own
 * module so apps on the mesh engine never download it, and vice versa.
 */
import type { ZegoEngine } from '../../core/engine.js';
import { ZegoError, ZegoErrorCode } from '../../core/errors.js';

export async function createZegoCloudEngine(appID: number, server: string): Promise<ZegoEngine> {
  let mod: typeof import('zego-express-engine-webrtc');
  try {
    mod = await import('zego-express-engine-webrtc');
  } catch (err) {
    throw new ZegoError(
      ZegoErrorCode.PARAM_INVALID,
      `provider="zego" needs the package zego-express-engine-webrtc (npm install zego-express-engine-webrtc): ${String(err)}`,
    );
  }
  // UMD: bundlers expose the named export; some CommonJS interop only a default.
  const { ZegoExpressEngine } = ((mod as unknown as { default?: typeof mod }).default ?? mod) as typeof mod;
  return new ZegoExpressEngine(appID, server);
}
