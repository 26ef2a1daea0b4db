/** Token expiry and renewal through <zego-room>, against the real server (hub expiry paths). */
import { expect, fixture, html } from '@open-wc/testing';
import { wsURL, appID, devWsURL, devTokenTTL } from 'virtual:test-server';
import '../../src/components/room/define.js';
import type { ZegoRoom } from '../../src/components/room/room.js';
import { sleep, tokenFor, uniqueRoom, until } from './helpers.js';

describe('token expiry and renewal', () => {
  it('renews through tokenProvider before the token expires, and the call goes on', async () => {
    const roomID = uniqueRoom('renew');
    const asked: { roomID: string; userID: string }[] = [];
    const room = await fixture<ZegoRoom>(
      html`<zego-room
        server=${wsURL}
        app-id=${appID}
        room-id=${roomID}
        user-id="renewer"
        token=${await tokenFor('renewer', roomID, 5)}
        .tokenProvider=${async (req: { roomID: string; userID: string }) => {
          asked.push(req);
          return tokenFor(req.userID, req.roomID, 3600);
        }}
      ></zego-room>`,
    );
    await until(() => room.getAttribute('state') === 'connected');
    await until(() => asked.length === 1, 6000);
    expect(asked[0]).to.deep.equal({ roomID, userID: 'renewer' });
    await sleep(4000); // past the first token's expiry
    expect(room.getAttribute('state')).to.equal('connected');
  });

  it('without renewal the session ends at expiry with the token-expired code', async () => {
    const roomID = uniqueRoom('expire');
    const room = await fixture<ZegoRoom>(
      html`<zego-room
        server=${wsURL}
        app-id=${appID}
        room-id=${roomID}
        user-id="expirer"
        token=${await tokenFor('expirer', roomID, 4)}
        .tokenProvider=${() => Promise.reject(new Error('no token for you'))}
      ></zego-room>`,
    );
    await until(() => room.getAttribute('state') === 'connected');
    await until(() => room.getAttribute('state') === 'kicked', 8000);
    expect(room.session!.status.errorCode).to.equal(1102018);
    expect(room.shadowRoot!.querySelector('[part~="status"]')!.textContent).to.contain(
      'The sign-in token has expired.',
    );
  });

  it('in dev mode fetches a token from /api/token, and fetches a fresh one before it expires', async () => {
    const room = await fixture<ZegoRoom>(
      html`<zego-room server=${devWsURL} room-id=${uniqueRoom('dev')} user-id="dev-user"></zego-room>`,
    );
    await until(() => room.getAttribute('state') === 'connected');
    const fetched = () => performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/token')).length;
    expect(fetched()).to.equal(1);
    await until(() => fetched() === 2, devTokenTTL * 1000);
    await sleep(devTokenTTL * 1000 - 3000); // past the first token's expiry
    expect(room.getAttribute('state')).to.equal('connected');
  });
});
