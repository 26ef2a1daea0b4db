// `npm run manifest` (part of `npm run build`): custom-elements.json from the elements' class JSDoc
// (@summary, @slot, @event, @csspart, @cssproperty) and their Lit properties. Module paths point at
// the shipped JavaScript in dist/, since src/ is not in the package.

/** Files under src/components that hold no element: styles, icons, strings, the SDK loader. */
const NOT_ELEMENTS = [
  'src/components/**/*.styles.ts',
  'src/components/icons.ts',
  'src/components/localize.ts',
  'src/components/room/zego-provider.ts',
];

const shipped = (path) => path.replace(/^\/?src\//, 'dist/').replace(/\.ts$/, '.js');

/** Keeps the public API: drops private and `@internal` members, and events the JSDoc does not name. */
function publicApiOnly() {
  return {
    name: 'zego-public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        mod.path = shipped(mod.path);
        for (const exp of mod.exports ?? []) {
          if (exp.declaration?.module) exp.declaration.module = shipped(exp.declaration.module);
        }
        for (const decl of mod.declarations ?? []) {
          if (decl.superclass?.module) decl.superclass.module = shipped(decl.superclass.module);
          if (!decl.customElement) continue;
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
