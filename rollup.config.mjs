// Browser bundles (minified ESM) built from tsc's output in dist/: the package root, the mesh
// engine and the hub, each with its dependencies. Shared code lands in chunks.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';

/**
 * Shrinks the CSS in `css` tagged templates (plain strings to a minifier): comments go, runs of
 * whitespace become one space, spaces around `{`, `}`, `;` and `>` and after `:` and `,` go. Nothing
 * else is touched: the kit's CSS has no quoted strings, where that would matter.
 */
function minifyCss() {
  return {
    name: 'minify-css',
    transform(code, id) {
      if (!id.includes('/dist/') || id.includes('node_modules')) return null;
      const out = code.replace(/\bcss\s*`([^`$]*)`/g, (_, body) => {
        const css = body
          .replace(/\/\*[^]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};])\s*/g, '$1')
          // After a colon or comma, and around a child combinator, no space is needed (the CSS has no strings).
          .replace(/([:,])\s+/g, '$1')
          .replace(/\s*>\s*/g, '>')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${css}\``;
      });
      return out === code ? null : { code: out, map: null };
    },
  };
}

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
    // Chrome's explicit compile hint: compile every function while the file loads, on a background
    // thread, instead of one by one on the main thread the first time each runs (at join).
    banner: '//# allFunctionsCalledOnLoad',
  },
  // ZEGO's SDK is an optional peer dependency, loaded only for provider="zego".
  external: ['zego-express-engine-webrtc'],
  plugins: [
    minifyCss(),
    nodeResolve({ browser: true }),
    commonjs({ include: ['**/node_modules/sdp/**'], strictRequires: false }),
    terser({ format: { comments: /^# allFunctionsCalledOnLoad$/ } }),
  ],
};
