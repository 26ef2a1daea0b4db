/** Importing any module must be safe under Node/SSR: no `window` or `document` touched at import. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

function modules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return modules(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('every module imports under Node without a DOM', () => {
  assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined');
  assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined');
  const files = modules('src');
  for (const file of files) {
    it(relative('src', file), async () => {
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      assert.ok(mod && typeof mod === 'object');
    });
  }
  it('the package root exports the elements and the contract helpers', async () => {
    const root = (await import(pathToFileURL('src/index.ts').href)) as Record<string, unknown>;
    for (const name of [
      'ZegoRoom',
      'ZegoPreview',
      'ZegoRemoteStream',
      'ZegoStreamGrid',
      'ZegoCallControls',
      'ZegoChat',
      'ZegoParticipants',
      'RoomSession',
      'ZegoErrorCode',
    ])
      assert.ok(root[name], `${name} is exported`);
  });
});
