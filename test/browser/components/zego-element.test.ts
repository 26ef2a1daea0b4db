import { expect } from '@open-wc/testing';
import '../../../src/components/room/define.js';
import { ZegoRoom } from '../../../src/components/room/room.js';
import { define } from '../../../src/components/zego-element.js';

describe('define()', () => {
  let warnings: unknown[][];
  let warn: typeof console.warn;
  beforeEach(() => {
    warnings = [];
    warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
  });
  afterEach(() => {
    console.warn = warn;
  });

  it('registers a tag, and registering it again with the same class is silent', () => {
    class Probe extends HTMLElement {}
    define('zego-define-probe', Probe);
    define('zego-define-probe', Probe);
    expect(customElements.get('zego-define-probe')).to.equal(Probe);
    expect(document.createElement('zego-define-probe')).to.be.instanceOf(Probe);
    expect(warnings).to.have.length(0);
  });

  it('keeps the class a tag already has and warns, naming the tag, when another class asks for it', () => {
    define('zego-room', class extends HTMLElement {});
    expect(customElements.get('zego-room')).to.equal(ZegoRoom);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0]![0])).to.contain('<zego-room>');
  });
});
