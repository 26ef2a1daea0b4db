/**
 * Loads ZEGO's cloud SDK on demand (browser only: it touches `window` at import). Kept in its own
 * module so apps on the mesh engine never download it, and vice versa.
 */
import type { ZegoEngine } from '../../core/engine.js';
import { ZegoError } from '../../core/errors.js';
import { PARAM_INVALID } from '../../core/codes.js';

type SdkModule = typeof import('zego-express-engine-webrtc');

async function importSdk(load: () => Promise<unknown>): Promise<SdkModule> {
  try {
    return (await load()) as SdkModule;
  } catch (err) {
    const text = String((err as Error)?.message ?? err);
    const missing =
      /cannot find (module|package)|failed to resolve module specifier|failed to fetch dynamically imported module|err_module_not_found/i.test(
        `${text} ${(err as { code?: string })?.code ?? ''}`,
      );
    throw new ZegoError(
      PARAM_INVALID,
      missing
        ? 'provider="zego" needs the package zego-express-engine-webrtc: npm install zego-express-engine-webrtc'
        : `zego-express-engine-webrtc could not be loaded (${text})`,
    );
  }
}

let sdk: Promise<SdkModule> | undefined;

/** Imports ZEGO's SDK once; a failed import is tried again next time. */
export function loadZegoSdk(): Promise<SdkModule> {
  sdk ??= importSdk(() => import('zego-express-engine-webrtc')).catch((err: unknown) => {
    sdk = undefined;
    throw err;
  });
  return sdk;
}

export async function createZegoCloudEngine(
  appID: number,
  server: string,
  load?: () => Promise<unknown>,
): Promise<ZegoEngine> {
  const mod = await (load ? importSdk(load) : loadZegoSdk());
  // UMD: bundlers expose the named export; some CommonJS interop only a default.
  const { ZegoExpressEngine } = ((mod as unknown as { default?: SdkModule }).default ?? mod) as SdkModule;
  return new ZegoExpressEngine(appID, server);
}
