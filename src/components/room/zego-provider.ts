/**
 * Loads ZEGO's cloud SDK on demand (browser only: it touches `window` at import). Kept in its own
 * module so apps on the mesh engine never download it, and vice versa.
 */
import type { ZegoEngine } from '../../core/engine.js';
import { ZegoError, ZegoErrorCode } from '../../core/errors.js';

export async function createZegoCloudEngine(
  appID: number,
  server: string,
  load: () => Promise<unknown> = () => import('zego-express-engine-webrtc'),
): Promise<ZegoEngine> {
  let mod: typeof import('zego-express-engine-webrtc');
  try {
    mod = (await load()) as typeof mod;
  } catch (err) {
    const text = String((err as Error)?.message ?? err);
    const missing =
      /cannot find (module|package)|failed to resolve module specifier|failed to fetch dynamically imported module|err_module_not_found/i.test(
        `${text} ${(err as { code?: string })?.code ?? ''}`,
      );
    throw new ZegoError(
      ZegoErrorCode.PARAM_INVALID,
      missing
        ? 'provider="zego" needs the package zego-express-engine-webrtc: npm install zego-express-engine-webrtc'
        : `zego-express-engine-webrtc could not be loaded (${text})`,
    );
  }
  // UMD: bundlers expose the named export; some CommonJS interop only a default.
  const { ZegoExpressEngine } = ((mod as unknown as { default?: typeof mod }).default ?? mod) as typeof mod;
  return new ZegoExpressEngine(appID, server);
}
