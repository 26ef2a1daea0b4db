import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/components/prejoin/define.js';
import '../../../src/components/room/define.js';
import '../../../src/components/preview/define.js';
import '../../../src/components/call-controls/define.js';
import type { PrejoinSubmitDetail, ZegoPrejoin } from '../../../src/components/prejoin/prejoin.js';
import { destroyAll, mountRoom, uniqueRoom, until, videoFrames } from '../helpers.js';

const part = (el: ZegoPrejoin, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const live = (stream: MediaStream | undefined, kind: 'video' | 'audio') =>
  !!stream?.getTracks().some((t) => t.kind === kind && t.readyState === 'live');

async function prejoin(template = html`<zego-prejoin user-name="Ada Lovelace"></zego-prejoin>`) {
  const el = await fixture<ZegoPrejoin>(template);
  await until(() => el.stream, 10000, 'the prejoin captured');
  await el.updateComplete;
  return el;
}

/** The camera and microphone pickers, once they list "System default" and at least one device each (they fill in after capture). */
async function pickers(el: ZegoPrejoin): Promise<HTMLSelectElement[]> {
  const selects = () => [...el.shadowRoot!.querySelectorAll('select')].slice(0, 2);
  await until(() => selects().length === 2 && selects().every((s) => s.options.length > 1), 10000, 'devices listed');
  return selects();
}

describe('<zego-prejoin>', () => {
  afterEach(() => destroyAll());

  it('shows your camera mirrored, moving, and your microphone’s level', async () => {
    const el = await prejoin();
    const video = el.shadowRoot!.querySelector('video')!;
    await videoFrames(video, 3);
    expect(getComputedStyle(video).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    expect(part(el, 'avatar')!.hidden).to.equal(true);
    // The fake microphone beeps: the meter moves.
    const meter = part(el, 'meter')!;
    expect(meter.getAttribute('role')).to.equal('meter');
    await until(() => Number(meter.getAttribute('aria-valuenow')) > 0, 10000, 'the meter moves');
  });

  it('is accessible', async () => {
    const el = await prejoin();
    await expect(el).to.be.accessible();
  });

  it('lists the cameras, microphones and speakers to pick from', async () => {
    const el = await prejoin();
    // "System default" and at least one device each (Chromium's fake devices).
    const selects = await pickers(el);
    expect(selects).to.have.length(2);
  });

  it('camera off lets the camera go (its light goes off) and shows your initials; the microphone stays', async () => {
    const el = await prejoin();
    const before = el.stream!;
    part(el, 'camera')!.click();
    await until(() => el.stream && el.stream !== before, 10000, 'captured again');
    await el.updateComplete;
    expect(before.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
    expect(live(el.stream, 'video')).to.equal(false);
    expect(live(el.stream, 'audio')).to.equal(true);
    expect(part(el, 'avatar')!.hidden).to.equal(false);
    expect(part(el, 'avatar')!.textContent).to.equal('AL');
    expect(part(el, 'camera')!.getAttribute('aria-pressed')).to.equal('false');
  });

  it('Join fires zego-prejoin-submit with the choices and lets every device go', async () => {
    const el = await prejoin();
    const [camera] = await pickers(el);
    const chosen = camera!.options[1]!.value;
    camera!.value = chosen;
    camera!.dispatchEvent(new Event('change'));
    await until(() => live(el.stream, 'video'), 10000, 'the chosen camera');
    const input = part(el, 'name') as HTMLInputElement;
    input.value = '  Grace Hopper ';
    input.dispatchEvent(new Event('input'));
    part(el, 'microphone')!.click();
    await until(() => live(el.stream, 'video') && !live(el.stream, 'audio'), 10000, 'the camera alone');
    const stream = el.stream;
    const got: PrejoinSubmitDetail[] = [];
    el.addEventListener('zego-prejoin-submit', (e) => got.push(e.detail));
    part(el, 'join')!.click();
    expect(got).to.deep.equal([
      {
        userName: 'Grace Hopper',
        camera: true,
        microphone: false,
        cameraDeviceID: chosen,
        microphoneDeviceID: '',
        speakerDeviceID: '',
      },
    ]);
    await until(() => !el.stream, 5000, 'released');
    expect(stream?.getTracks().every((t) => t.readyState === 'ended')).to.equal(true);
  });

  it('a cancelled submit keeps the preview running', async () => {
    const el = await prejoin();
    el.addEventListener('zego-prejoin-submit', (e) => e.preventDefault());
    part(el, 'join')!.click();
    await el.updateComplete;
    expect(live(el.stream, 'video')).to.equal(true);
  });

  it('a name longer than ZEGO’s 256 bytes says so and does not join', async () => {
    const el = await prejoin(html`<zego-prejoin user-name=${'名'.repeat(86)}></zego-prejoin>`);
    let fired = 0;
    el.addEventListener('zego-prejoin-submit', () => fired++);
    part(el, 'join')!.click();
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.equal('The user name is too long.');
    expect(fired).to.equal(0);
  });

  it('a camera that cannot be had (a device ID no camera has) says so; joining without it stays possible', async () => {
    const el = await prejoin(html`<zego-prejoin camera-device="no-such-camera"></zego-prejoin>`);
    expect(live(el.stream, 'video')).to.equal(false);
    expect(live(el.stream, 'audio')).to.equal(true);
    expect(part(el, 'message')!.textContent).to.match(/camera/i);
    expect(part(el, 'camera')!.getAttribute('aria-pressed')).to.equal('false');
    const got: PrejoinSubmitDetail[] = [];
    el.addEventListener('zego-prejoin-submit', (e) => got.push(e.detail));
    part(el, 'join')!.click();
    expect(got[0]?.camera).to.equal(false);
    expect(got[0]?.microphone).to.equal(true);
  });

  it('removing it ends every track', async () => {
    const el = await prejoin();
    const stream = el.stream!;
    el.remove();
    await until(() => stream.getTracks().every((t) => t.readyState === 'ended'), 5000, 'every track ended');
  });

  it('the choices carry into the room: camera off joins without capturing the camera, on later captures it', async () => {
    const room = await mountRoom(uniqueRoom('prejoin-carry'), 'alice', {
      content: html`<zego-preview publish></zego-preview><zego-call-controls></zego-call-controls>`,
      camera: 'off',
      microphone: 'off',
    });
    const preview = room.querySelector('zego-preview')!;
    const session = room.session!;
    await until(() => preview.stream, 10000, 'the preview captured');
    // Only the microphone was opened (muted): the camera's light never came on.
    expect(live(preview.stream, 'video')).to.equal(false);
    expect(live(preview.stream, 'audio')).to.equal(true);
    expect([session.local.camera, session.local.microphone]).to.deep.equal([false, false]);
    const controls = room.querySelector('zego-call-controls')!;
    await controls.updateComplete;
    const camera = controls.shadowRoot!.querySelector<HTMLButtonElement>('[part~="camera"]')!;
    expect(camera.getAttribute('aria-pressed')).to.equal('false');
    camera.click();
    await until(() => live(preview.stream, 'video'), 10000, 'the camera turned on');
    await videoFrames(preview.shadowRoot!.querySelector('video')!, 3);
  });
});
