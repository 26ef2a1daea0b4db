// Browser bundles (minified ESM) built from tsc's output in dist/: the package root, the mesh
// engine and the hub, each with its dependencies. Shared code lands in chunks.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';

export default {
  input: {
    'zego-elements': 'dist/index.js',
    mesh: 'dist/mesh/index.js',
    hub: 'dist/hub/index.js',
  },
  output: {
    dir: 'dist/browser',
    format: 'es',
    entryFileNames: '[name].min.js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
  // ZEGO's SDK is an optional peer dependency, loaded only for provider="zego".
  external: ['zego-express-engine-webrtc'],
  plugins: [
    nodeResolve({ browser: true }),
    commonjs({ include: ['**/node_modules/sdp/**'], strictRequires: false }),
    terser({ format: { comments: false } }),
  ],
};
