// Browser bundles (minified ESM) built from tsc's output in dist/: the package root, the mesh
// engine and the hub, each with its dependencies. Shared code lands in chunks.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { resolve } from 'node:path';

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

/**
 * Shrinks the markup in `html` and `svg` tagged templates: a line break and the indentation after
 * it become one space (how HTML renders them anyway; the kit's templates hold no `<pre>`). Only
 * the literal parts change, never the expressions between them.
 */
function minifyHtml() {
  return {
    name: 'minify-html',
    transform(code, id) {
      if (!id.includes('/dist/') || id.includes('node_modules') || !/\b(?:html|svg)`/.test(code)) return null;
      const edits = [];
      const walk = (node) => {
        if (!node || typeof node.type !== 'string') return;
        if (node.type === 'TaggedTemplateExpression' && ['html', 'svg'].includes(node.tag.name))
          for (const q of node.quasi.quasis) {
            const raw = code.slice(q.start, q.end);
            const out = raw.replace(/\n\s*/g, ' ');
            if (out !== raw) edits.push([q.start, q.end, out]);
          }
        for (const value of Object.values(node))
          if (Array.isArray(value)) value.forEach(walk);
          else if (value && typeof value === 'object') walk(value);
      };
      walk(this.parse(code));
      if (!edits.length) return null;
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0]))
        out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}

const plugins = () => [
  minifyCss(),
  minifyHtml(),
  nodeResolve({ browser: true }),
  commonjs({ include: ['**/node_modules/sdp/**'], strictRequires: false }),
  terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: /^# allFunctionsCalledOnLoad$/ } }),
];

/**
 * Modules made of imports: `minimal-call` is what an app that imports the room, the grid and the
 * controls one by one (`zego-elements/room`, …) bundles.
 */
const measured = {
  'minimal-call': ['room', 'stream-grid', 'call-controls'].map((n) => resolve(`dist/components/${n}/define.js`)),
};
function importsOnly() {
  return {
    name: 'imports-only',
    // Not a "\\0" id: rollup prints the ids it builds, and a NUL byte makes the log binary to grep.
    resolveId: (id) => (id.startsWith('measure:') ? id : null),
    load: (id) =>
      id.startsWith('measure:')
        ? measured[id.slice('measure:'.length)].map((m) => `import ${JSON.stringify(m)};`).join('\n')
        : null,
  };
}

export default [
  {
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
      // What the elements and the mesh engine share (error codes, the engine contract, the
      // media-error mapping) travels as one chunk: a few hundred bytes are not worth a request.
      manualChunks: (id) => (/[\\/]core[\\/](codes|errors|engine|media-errors)\.js$/.test(id) ? 'engine' : undefined),
    },
    // ZEGO's SDK is an optional peer dependency, loaded only for provider="zego".
    external: ['zego-express-engine-webrtc'],
    // A lazy chunk (the call's shortcuts, say) imports what it needs from the entry itself rather
    // than making rollup move the entry's code into a shared chunk behind a re-exporting facade.
    preserveEntrySignatures: 'allow-extension',
    plugins: plugins(),
  },
  // Not shipped: bundles measured by the size budgets (`.size-limit.mjs`), built as an app's
  // bundler would build them, `import()` targets in chunks of their own.
  {
    input: Object.fromEntries(Object.keys(measured).map((name) => [name, `measure:${name}`])),
    output: { dir: '.size', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    external: ['zego-express-engine-webrtc'],
    plugins: [importsOnly(), ...plugins()],
  },
];
