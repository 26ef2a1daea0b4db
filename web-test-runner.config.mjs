// Browser tests: real Chromium (system binary, fake camera/mic), TypeScript through esbuild, and
// the real signalling server (from dist/, built first by `npm test`) started for the run.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { build } from 'esbuild';
import { startServer } from './dist/server/server.js';
import { chromeArgs } from './scripts/chromium.mjs';
import { faultsPlugin } from './test/browser/faults-plugin.mjs';

const commonjs = fromRollup(rollupCommonjs);

/** The app ID and secret the test server verifies tokens with; tests mint their own token04s. */
const APP_ID = 1234567;
const SERVER_SECRET = 'zegoelementstestsecret0123456789';

/** Starts the real server for the run and serves its address to the tests as `/__server.js`. */
function signallingServer() {
  let server;
  let devServer;
  return {
    name: 'zego-signalling-server',
    async serverStart() {
      server = await startServer({
        port: 0,
        appID: APP_ID,
        serverSecret: SERVER_SECRET,
        log: () => {},
        hub: { heartbeatInterval: 1000, heartbeatTimeout: 3000, tokenWillExpireSeconds: 3 },
      });
      // A second server in dev mode (it issues short-lived tokens at /api/token).
      devServer = await startServer({
        port: 0,
        devTokenTTL: 8,
        log: () => {},
        hub: { heartbeatInterval: 1000, heartbeatTimeout: 3000, tokenWillExpireSeconds: 5 },
      });
    },
    async serverStop() {
      await server?.close();
      await devServer?.close();
    },
    resolveImport({ source }) {
      return source === 'virtual:test-server' ? '/__server.js' : undefined;
    },
    serve(context) {
      if (context.path === '/__server.js') {
        return `export const wsURL = ${JSON.stringify(server.wsURL)};
export const httpURL = ${JSON.stringify(server.url)};
export const appID = ${APP_ID};
export const serverSecret = ${JSON.stringify(SERVER_SECRET)};
export const heartbeatTimeout = 3000;
export const devWsURL = ${JSON.stringify(devServer.wsURL)};
export const devTokenTTL = 8;`;
      }
      return undefined;
    },
  };
}

/**
 * ZEGO's SDK is a UMD bundle with CommonJS dependencies (some circular): esbuild bundles it once
 * into one ES module for the tests that load the real SDK, as an app's bundler would.
 */
function zegoSdkBundle() {
  const out = 'node_modules/.cache/zego-elements/zego-express-engine-webrtc.mjs';
  return {
    name: 'zego-sdk-bundle',
    async serverStart() {
      await build({
        entryPoints: ['zego-express-engine-webrtc'],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        outfile: out,
        logLevel: 'error',
      });
    },
    resolveImport({ source }) {
      return source === 'zego-express-engine-webrtc' ? `/${out}` : undefined;
    },
  };
}

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 20 * 60 * 1000,
  browserStartTimeout: 60000,
  plugins: [
    signallingServer(),
    faultsPlugin(),
    zegoSdkBundle(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    commonjs({ include: ['**/node_modules/sdp/**'], strictRequires: false }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: chromeArgs,
      },
    }),
  ],
};
