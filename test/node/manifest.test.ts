/**
 * custom-elements.json (as `npm run manifest` makes it, from the elements' JSDoc), the VS Code custom
 * data made from it, and the framework typings (`zego-elements/react`, `/vue`) kept in step with it.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { toCustomData } from '../../scripts/vscode-custom-data.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Named {
  name: string;
  description?: string;
}
interface Declaration {
  kind: string;
  name: string;
  customElement?: boolean;
  tagName?: string;
  summary?: string;
  attributes?: (Named & { fieldName?: string; type?: { text: string } })[];
  members?: (Named & { kind: string; privacy?: string; static?: boolean })[];
  events?: (Named & { type?: { text: string } })[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[]; exports?: { kind: string; name: string }[] }[];
}

/** Runs the analyzer with the project's config, without writing the file. */
async function analyze(): Promise<Manifest> {
  const spec = '@custom-elements-manifest/analyzer/cli.js';
  const { cli } = (await import(spec)) as {
    cli(options: { argv: string[]; cwd: string; noWrite: boolean }): Promise<Manifest>;
  };
  return cli({
    argv: ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'],
    cwd: root,
    noWrite: true,
  });
}

const names = (list: Named[] | undefined) => (list ?? []).map((x) => x.name);

/** What each element must show in the manifest (a subset: elements may grow). */
const EXPECTED: Record<
  string,
  {
    attributes: string[];
    properties: string[];
    events: string[];
    slots: string[];
    parts: string[];
    cssProperties: string[];
  }
> = {
  'zego-room': {
    attributes: [
      'room-id',
      'user-id',
      'user-name',
      'token',
      'server',
      'app-id',
      'provider',
      'camera',
      'microphone',
      'camera-device',
      'microphone-device',
      'speaker-device',
    ],
    properties: ['roomId', 'userId', 'engine', 'tokenProvider', 'session', 'join', 'leave'],
    events: [
      'zego-room-state-change',
      'zego-user-update',
      'zego-stream-update',
      'zego-publisher-state-change',
      'zego-player-state-change',
      'zego-error',
    ],
    slots: [''],
    parts: ['status', 'status-text'],
    cssProperties: ['--zego-background', '--zego-accent'],
  },
  'zego-preview': {
    attributes: ['publish', 'stream-id', 'camera', 'microphone', 'no-mirror', 'video-quality'],
    properties: ['publish', 'streamId', 'noMirror', 'videoQuality', 'session'],
    events: ['zego-preview-ready', 'zego-preview-error'],
    slots: [],
    parts: ['base', 'video', 'avatar', 'label', 'message'],
    cssProperties: ['--zego-tile-radius'],
  },
  'zego-remote-stream': {
    attributes: ['stream-id', 'fit'],
    properties: ['streamId', 'fit', 'session'],
    events: ['zego-stream-playing', 'zego-stream-error'],
    slots: [],
    parts: ['base', 'video', 'avatar', 'label', 'quality', 'message', 'unmute'],
    cssProperties: ['--zego-tile-radius'],
  },
  'zego-stream-grid': {
    attributes: ['layout', 'page-size', 'no-preview', 'no-publish', 'fit'],
    properties: ['layout', 'pageSize', 'noPreview', 'noPublish', 'session'],
    events: [],
    slots: [],
    parts: ['grid', 'tile', 'pager', 'page-button'],
    cssProperties: ['--zego-grid-gap'],
  },
  'zego-call-controls': {
    attributes: ['no-screen', 'no-devices'],
    properties: ['noScreen', 'noDevices', 'session'],
    events: ['zego-leave-request', 'zego-controls-error'],
    slots: [],
    parts: ['bar', 'button', 'menu', 'select', 'message'],
    cssProperties: ['--zego-control-size'],
  },
  'zego-prejoin': {
    attributes: ['user-name', 'camera', 'microphone', 'camera-device', 'microphone-device', 'speaker-device'],
    properties: ['userName', 'camera', 'microphone', 'stream'],
    events: ['zego-prejoin-submit'],
    slots: [],
    parts: [
      'base',
      'preview',
      'video',
      'avatar',
      'message',
      'meter',
      'toggle',
      'select',
      'test',
      'name',
      'join',
      'error',
    ],
    cssProperties: [],
  },
  'zego-call': {
    attributes: [
      'room-id',
      'user-id',
      'user-name',
      'prejoin',
      'layout',
      'show-chat',
      'show-participants',
      'show-screen-share',
      'language',
    ],
    properties: ['roomId', 'phase', 'ended', 'join', 'leave'],
    events: ['zego-call-end'],
    slots: ['prejoin', 'end', 'end-actions'],
    parts: ['base', 'prejoin', 'stage', 'panel', 'bar', 'panel-button', 'notices', 'end', 'rejoin'],
    cssProperties: [],
  },
  'zego-chat': {
    attributes: ['open', 'unread'],
    properties: ['open', 'unread', 'session'],
    events: ['zego-chat-unread', 'zego-chat-error'],
    slots: [],
    parts: ['log', 'message', 'own', 'sender', 'time', 'input', 'send', 'counter', 'error', 'empty', 'new-messages'],
    cssProperties: ['--zego-accent'],
  },
  'zego-participants': {
    attributes: ['search-threshold'],
    properties: ['searchThreshold', 'session'],
    events: [],
    slots: [],
    parts: ['header', 'count', 'search', 'list', 'row', 'self', 'avatar', 'name', 'state', 'empty'],
    cssProperties: ['--zego-avatar-background', '--zego-speaking-color'],
  },
};

/** The property names of each member of the framework-types interfaces, read by the type checker. */
function typingNames(): Record<'properties' | 'attributes' | 'events', Record<string, string[]>> {
  const file = `${root}src/framework-types.ts`;
  const program = ts.createProgram([file], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
    experimentalDecorators: false,
    useDefineForClassFields: true,
    strict: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const read = (name: string) => {
    const iface = source.statements.find(
      (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name,
    )!;
    const out: Record<string, string[]> = {};
    for (const member of checker.getPropertiesOfType(checker.getTypeAtLocation(iface))) {
      const type = checker.getTypeOfSymbolAtLocation(member, iface);
      out[member.name] = checker.getPropertiesOfType(type).map((p) => p.name);
    }
    return out;
  };
  return {
    properties: read('ZegoElementProperties'),
    attributes: read('ZegoElementAttributes'),
    events: read('ZegoElementEvents'),
  };
}

describe('custom-elements.json', () => {
  let manifest: Manifest;
  let elements: Map<string, Declaration>;
  before(async () => {
    manifest = await analyze();
    elements = new Map(
      manifest.modules
        .flatMap((m) => m.declarations ?? [])
        .filter((d) => d.customElement && d.tagName)
        .map((d) => [d.tagName!, d]),
    );
  });

  it('has every element, with its tag name and summary', () => {
    assert.deepEqual([...elements.keys()].sort(), Object.keys(EXPECTED).sort());
    for (const [tag, decl] of elements) assert.ok(decl.summary, `${tag} has a @summary`);
  });

  for (const [tag, want] of Object.entries(EXPECTED)) {
    it(`<${tag}>: attributes, properties, events, slots, parts and CSS properties`, () => {
      const decl = elements.get(tag)!;
      const has = (what: string, actual: string[], expected: string[]) => {
        for (const name of expected)
          assert.ok(actual.includes(name), `${tag} ${what} lists "${name}": ${actual.join(', ')}`);
      };
      has('attributes', names(decl.attributes), want.attributes);
      has('members', names(decl.members), want.properties);
      has('events', names(decl.events), want.events);
      has('slots', names(decl.slots), want.slots);
      has('parts', names(decl.cssParts), want.parts);
      has('CSS properties', names(decl.cssProperties), want.cssProperties);
      for (const event of decl.events ?? []) {
        assert.ok(event.description, `${tag} ${event.name} is described`);
        assert.match(event.type?.text ?? '', /^CustomEvent/, `${tag} ${event.name} has its detail type`);
      }
      for (const attr of decl.attributes ?? []) assert.ok(attr.fieldName, `${tag} [${attr.name}] names its property`);
    });
  }

  it('keeps out private members and helper files, and points at the shipped JavaScript', () => {
    for (const decl of elements.values()) {
      for (const m of decl.members ?? []) assert.notEqual(m.privacy, 'private', `${decl.tagName}.${m.name}`);
    }
    for (const mod of manifest.modules) {
      assert.match(mod.path, /^dist\/components\/.+\.js$/);
      assert.doesNotMatch(mod.path, /styles|icons|localize|zego-provider|shortcuts|devices-menu/);
    }
  });

  it('the framework typings name every attribute and event, and no property the elements lack', () => {
    const typings = typingNames();
    for (const [tag, decl] of elements) {
      const properties = typings.properties[tag] ?? [];
      const attributes = typings.attributes[tag] ?? [];
      for (const attr of decl.attributes ?? []) {
        assert.ok(properties.includes(attr.fieldName!), `${tag}: ${attr.fieldName} in ZegoElementProperties`);
        if (attr.name !== attr.fieldName)
          assert.ok(attributes.includes(attr.name), `${tag}: ${attr.name} in ZegoElementAttributes`);
      }
      const members = names(decl.members);
      for (const prop of properties) assert.ok(members.includes(prop), `${tag}: typed property ${prop} exists`);
      assert.deepEqual((typings.events[tag] ?? []).sort(), names(decl.events).sort(), `${tag}: typed events`);
    }
  });

  it('becomes VS Code custom data: tags, attributes, their values and docs', () => {
    const data = toCustomData(manifest);
    assert.equal(data.version, 1.1);
    assert.deepEqual(data.tags.map((t) => t.name).sort(), Object.keys(EXPECTED).sort());
    const room = data.tags.find((t) => t.name === 'zego-room')!;
    assert.deepEqual(room.attributes.find((a) => a.name === 'provider')?.values, [{ name: 'mesh' }, { name: 'zego' }]);
    assert.match(room.description.value, /zego-room-state-change/);
    assert.match(room.description.value, /::part\(status\)/);
    const preview = data.tags.find((t) => t.name === 'zego-preview')!;
    assert.equal(preview.attributes.find((a) => a.name === 'no-mirror')?.valueSet, 'v');
    assert.deepEqual(
      preview.attributes.find((a) => a.name === 'video-quality')?.values?.map((v) => v.name),
      ['1', '2', '3', '4'],
    );
  });
});
