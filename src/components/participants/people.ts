/**
 * Who is in the call and what each of them shares, read from a `RoomSession`: the rows of
 * `<zego-participants>`. Pure (no DOM), so it runs and is tested under Node.
 */
import { SPEAKING_LEVEL, type RoomSession, type RemoteStreamState } from '../../core/session.js';
import { streamIDFor } from '../../core/stream-ids.js';

/** One person in the call. */
export interface Person {
  /** Stable key for the row: `self`, or `user:<userID>`. */
  key: string;
  userID: string;
  /** Their user name, else their user ID. */
  name: string;
  /** This is you. */
  self: boolean;
  /** Their microphone is on and sent (no stream, no microphone). */
  microphone: boolean;
  /** Their camera is on and sent. */
  camera: boolean;
  /** Speaking now (microphone on, sound level at least `SPEAKING_LEVEL`). */
  speaking: boolean;
  /** Sharing their screen (`<userID>_screen`). */
  presenting: boolean;
  /** Network quality: -1 unknown (not measured yet), 0 excellent … 4 no connection. */
  quality: number;
  /** When they raised their hand (ms since 1970), 0 while it is down. */
  hand: number;
}

/**
 * You first, then raised hands (first raised first), then the others in the order they joined;
 * publishers the user list lacks come last.
 */
export function people(session: RoomSession): Person[] {
  const { user, local } = session;
  const hand = (userID: string) => session.gestures?.hands.get(userID) ?? 0;
  // Your own row follows the switches; a device that could not be captured (blocked, missing,
  // busy), or nothing captured at all, reads as off.
  const microphone = local.microphone && !local.microphoneError && !!local.stream;
  const you: Person = {
    key: 'self',
    userID: user.userID,
    name: user.userName || user.userID,
    self: true,
    microphone,
    camera: local.camera && !local.cameraError && !!local.stream,
    speaking: microphone && session.capturedSoundLevel >= SPEAKING_LEVEL,
    presenting: !!local.screen,
    quality: session.uplinkQuality,
    hand: hand(user.userID),
  };

  // Each user's camera stream (`<userID>_main`, else their first that is not a screen) and share.
  const main = new Map<string, RemoteStreamState>();
  const screens = new Set<string>();
  const publishers = new Map<string, string>();
  for (const s of session.streams.values()) {
    const id = s.user.userID;
    if (!publishers.has(id)) publishers.set(id, s.user.userName || id);
    if (s.streamID === streamIDFor(id, 'screen')) screens.add(id);
    else if (!main.has(id) || s.streamID === streamIDFor(id, 'main')) main.set(id, s);
  }

  const others = new Map<string, string>();
  for (const u of session.users.values()) others.set(u.userID, u.userName || u.userID);
  for (const [id, name] of publishers) if (!others.has(id) && id !== user.userID) others.set(id, name);

  const list: Person[] = [];
  for (const [userID, name] of others) {
    const stream = main.get(userID);
    const mic = !!stream && stream.mic !== 'MUTE';
    list.push({
      key: `user:${userID}`,
      userID,
      name,
      self: false,
      microphone: mic,
      camera: !!stream && stream.camera !== 'MUTE',
      speaking: !!stream && mic && stream.soundLevel >= SPEAKING_LEVEL,
      presenting: screens.has(userID),
      quality: stream?.quality ?? -1,
      hand: hand(userID),
    });
  }
  // A stable sort: the hands in raise order, everyone else as before.
  return [you, ...list.sort((a, b) => (a.hand || Infinity) - (b.hand || Infinity) || 0)];
}

/** The people whose name holds `query`, ignoring case (all of them for an empty query). */
export function matching(list: Person[], query: string): Person[] {
  const q = query.trim().toLocaleLowerCase();
  return q ? list.filter((p) => p.name.toLocaleLowerCase().includes(q)) : list;
}
