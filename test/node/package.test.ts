/** What package.json promises to an app: the manifest, the framework typings, and what registers elements. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  customElements: string;
  files: string[];
  exports: Record<string, string | Record<string, string>>;
  sideEffects: string[];
  scripts: Record<string, string>;
};

describe('package.json', () => {
  it('names custom-elements.json and ships it with the VS Code data', () => {
    assert.equal(pkg.customElements, 'custom-elements.json');
    for (const file of ['dist', 'custom-elements.json', 'vscode.html-custom-data.json'])
      assert.ok(pkg.files.includes(file), `files has ${file}`);
    assert.match(pkg.scripts.build, /npm run --silent manifest/);
  });

  it('exports the React and Vue typings', () => {
    assert.deepEqual(pkg.exports['./react'], { types: './dist/react.d.ts', default: './dist/react.js' });
    assert.deepEqual(pkg.exports['./vue'], { types: './dist/vue.d.ts', default: './dist/vue.js' });
  });

  it('exports every element on its own (zego-elements/<name>), each a module that exists in the build', () => {
    const elements = readdirSync(new URL('../../src/components/', import.meta.url), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'locales')
      .map((d) => d.name);
    assert.ok(elements.length >= 5, elements.join());
    for (const name of elements) {
      assert.deepEqual(
        pkg.exports[`./${name}`],
        { types: `./dist/components/${name}/define.d.ts`, default: `./dist/components/${name}/define.js` },
        `zego-elements/${name}`,
      );
      assert.ok(existsSync(new URL(`../../dist/components/${name}/define.js`, import.meta.url)), `${name} is built`);
    }
  });

  it('keeps the modules that register elements as side effects, the package root included', () => {
    // Without ./dist/index.js, Vite 8 (Rolldown) drops `import 'zego-elements'` whole: no element is defined.
    for (const file of ['./dist/index.js', './dist/define.js'])
      assert.ok(pkg.sideEffects.includes(file), `sideEffects has ${file}`);
    assert.ok(
      pkg.sideEffects.some((pattern) => /^\.\/dist\/components\/\*{1,2}\/define\.js$/.test(pattern)),
      'sideEffects has every dist/components/*/define.js',
    );
  });

  it('browser bundles start with Chrome’s compile hint, so their code compiles while loading (after npm run build)', () => {
    const dir = new URL('../../dist/browser/', import.meta.url);
    const files = [
      ...readdirSync(dir).filter((f) => f.endsWith('.js')),
      ...readdirSync(new URL('chunks/', dir))
        .filter((f) => f.endsWith('.js'))
        .map((f) => `chunks/${f}`),
    ];
    assert.ok(files.includes('zego-elements.min.js') && files.some((f) => f.startsWith('chunks/mesh-engine-')));
    for (const f of files)
      assert.ok(readFileSync(new URL(f, dir), 'utf8').startsWith('//# allFunctionsCalledOnLoad\n'), f);
  });
});
