import { useState } from 'react';
import type { RoomPhase, RoomStateChangeDetail } from 'zego-elements';
// The JSX typings for <zego-*> (types only).
import type {} from 'zego-elements/react';

// `?server=ws://host:port/ws&room=R&user=U`; without a server the room uses this page's host.
const params = new URLSearchParams(location.search);
const server = params.get('server') ?? '';
const roomID = params.get('room') || 'example';
const userID = params.get('user') || `react-${Math.random().toString(36).slice(2, 8)}`;

export function App() {
  const [phase, setPhase] = useState<RoomPhase>('idle');
  const [error, setError] = useState('');
  const [inCall, setInCall] = useState(true);

  const onStateChange = (event: CustomEvent<RoomStateChangeDetail>) => setPhase(event.detail.phase);

  if (!inCall) {
    return (
      <main className="left">
        <p id="left-message">You left room {roomID}.</p>
        <button
          type="button"
          onClick={() => {
            setError('');
            setInCall(true);
          }}
        >
          Rejoin
        </button>
      </main>
    );
  }
  return (
    <main>
      <header>
        <span>
          Room <b>{roomID}</b> as <b>{userID}</b>
        </span>
        <output id="room-state" data-phase={phase}>
          {phase}
        </output>
        {error && <span role="alert">{error}</span>}
      </header>
      <zego-room
        server={server}
        roomId={roomID}
        userId={userID}
        userName={userID}
        onzego-room-state-change={onStateChange}
        onzego-error={(event) => setError(`${event.detail.code}: ${event.detail.msg}`)}
      >
        <zego-stream-grid />
        {/* Not prevented: the room leaves, and the app shows its "left" view. */}
        <zego-call-controls onzego-leave-request={() => setInCall(false)} />
      </zego-room>
    </main>
  );
}
