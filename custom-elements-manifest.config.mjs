// `npm run manifest` (part of `npm run build`): custom-elements.json from the elements' class JSDoc
// (@summary, @slot, @event, @csspart, @cssproperty) and their Lit properties. Module paths point at
// the shipped JavaScript in dist/, since src/ is not in the package.
import { readFileSync } from 'node:fs';

/** Files under src/components that hold no element: styles, icons, strings, the SDK loader, lazy parts. */
const NOT_ELEMENTS = [
  'src/components/**/*.styles.ts',
  'src/components/icons.ts',
  'src/components/localize.ts',
  'src/components/lazy-styles.ts',
  'src/components/room/zego-provider.ts',
  'src/components/call/shortcuts.ts',
  'src/components/call/in-call.ts',
  'src/components/call/pip.ts',
  'src/components/prejoin/audio.ts',
  'src/components/call-controls/devices-menu.ts',
  'src/components/error-words.ts',
  'src/components/preview/muted-listener.ts',
  'src/components/stream-grid/extras.ts',
];

/**
 * Internal reactive state (`{ state: true }` in an element's `static properties`): no attribute,
 * although the analyzer lists every entry of `static properties` as one.
 */
const statesOf = (path) =>
  new Set(
    [...readFileSync(path.replace(/^\//, ''), 'utf8').matchAll(/^\s+(\w+): \{ state: true \}/gm)].map((m) => m[1]),
  );

const shipped = (path) => path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');

/** Keeps the public API: drops private and `@internal` members, and events the JSDoc does not name. */
function publicApiOnly() {
  return {
    name: 'zego-public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        const states = statesOf(mod.path);
        mod.path = shipped(mod.path);
        for (const exp of mod.exports ?? []) {
          if (exp.declaration?.module) exp.declaration.module = shipped(exp.declaration.module);
        }
        for (const decl of mod.declarations ?? []) {
          if (decl.superclass?.module) decl.superclass.module = shipped(decl.superclass.module);
          if (!decl.customElement) continue;
          decl.attributes = (decl.attributes ?? []).filter((a) => !states.has(a.fieldName ?? a.name));
          decl.members = (decl.members ?? []).filter(
            (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !/@internal\b/.test(m.description ?? ''),
          );
          for (const m of decl.members) {
            if (m.inheritedFrom?.module) m.inheritedFrom.module = shipped(m.inheritedFrom.module);
          }
          // Every event of an element is documented with `@event name - description`; a
          // `dispatchEvent(new CustomEvent(variable))` inside a helper would otherwise show up as
          // an event named after the variable.
          decl.events = (decl.events ?? []).filter((e) => e.description);
        }
      }
    },
  };
}

export default {
  globs: ['src/components/**/*.ts'],
  exclude: NOT_ELEMENTS,
  outdir: '.',
  litelement: true,
  // Leave package.json alone (its `customElements` field is written by hand).
  packagejson: false,
  plugins: [publicApiOnly()],
};
