import { useState } from 'react';
import type { CallEndDetail, RoomPhase } from 'zego-elements';
// The JSX typings for <zego-*> (types only).
import type {} from 'zego-elements/react';

// `?server=ws://host:port/ws&room=R&user=U`; without a server the call uses this page's host.
const params = new URLSearchParams(location.search);
const server = params.get('server') ?? '';
const roomID = params.get('room') || 'example';
const userID = params.get('user') || `react-${Math.random().toString(36).slice(2, 8)}`;

export function App() {
  const [phase, setPhase] = useState<RoomPhase>('idle');
  const [ended, setEnded] = useState<CallEndDetail | undefined>(undefined);

  return (
    <main>
      <header>
        <span>
          Room <b>{roomID}</b> as <b>{userID}</b>
        </span>
        <output id="room-state" data-phase={phase}>
          {phase}
        </output>
        {ended && <span id="ended">ended: {ended.reason}</span>}
      </header>
      {/* The whole meeting: straight into the call (no pre-join screen), the end screen after. */}
      <zego-call
        server={server}
        roomId={roomID}
        userId={userID}
        userName={userID}
        prejoin="off"
        onzego-room-state-change={(event) => setPhase(event.detail.phase)}
        onzego-call-end={(event) => setEnded(event.detail)}
      >
        <a slot="end-actions" href="https://github.com/">
          Back to the app
        </a>
      </zego-call>
    </main>
  );
}
