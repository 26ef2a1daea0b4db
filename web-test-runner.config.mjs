// Browser tests: real Chromium (system binary, fake camera/mic), TypeScript through esbuild, and
// the real signalling server (from dist/, built first by `npm test`) started for the run.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { startServer } from './dist/server/server.js';

const commonjs = fromRollup(rollupCommonjs);

export const chromeArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

/** The app ID and secret the test server verifies tokens with; tests mint their own token04s. */
const APP_ID = 1234567;
const SERVER_SECRET = 'zegoelementstestsecret0123456789';

/** Starts the real server for the run and serves its address to the tests as `/__server.js`. */
function signallingServer() {
  let server;
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
    },
    async serverStop() {
      await server?.close();
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
export const heartbeatTimeout = 3000;`;
      }
      return undefined;
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
