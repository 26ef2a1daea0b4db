/**
 * Auth: token04 verification and the privileges a token grants, in one place for login, renew
 * and publishing. Without a server secret tokens are not verified and everything is allowed.
 */
import { ZegoError } from '../core/errors.js';
import { TOKEN_ERROR, TOKEN_NO_PUBLISH } from '../core/codes.js';
import { parseToken04Privileges, verifyToken04, type Token04Privileges } from './token04.js';

/** What a verified token grants its holder, and until when. */
export interface Grant {
  privileges: Token04Privileges;
  /** Token expiry, unix seconds; 0 when tokens are not verified. */
  expire: number;
}

/** Verifies tokens against one app's server secret. */
export class Auth {
  constructor(private readonly options: { appID?: number; serverSecret?: string; now: () => number }) {}

  /**
   * What `token` grants `userID` in `roomID`: for a login, and again for a renew.
   *
   * @throws ZegoError a token code (expired, another user, another room, no login privilege, unreadable).
   */
  async grant(token: string, userID: string, roomID: string): Promise<Grant> {
    const { appID, serverSecret } = this.options;
    if (serverSecret === undefined) return { privileges: {}, expire: 0 };
    const plain = await verifyToken04(token, appID as number, serverSecret, { userID, now: this.options.now() / 1000 });
    const privileges = parseToken04Privileges(plain.payload);
    if (privileges.room_id && privileges.room_id !== roomID)
      throw new ZegoError(TOKEN_ERROR, 'the token is for another room');
    if (privileges.privilege?.['1'] === 0) throw new ZegoError(TOKEN_ERROR, 'the token does not grant login');
    return { privileges, expire: plain.expire };
  }
}

/** @throws ZegoError `TOKEN_NO_PUBLISH` unless `grant` allows publishing `streamID`. */
export function checkPublish(grant: Grant, streamID: string): void {
  const p = grant.privileges;
  if (p.privilege?.['2'] === 0) throw new ZegoError(TOKEN_NO_PUBLISH, 'the token does not grant publishing');
  if (Array.isArray(p.stream_id_list) && !p.stream_id_list.includes(streamID))
    throw new ZegoError(TOKEN_NO_PUBLISH, 'the token does not grant publishing this streamID');
}
