/** The English words of `<zego-call>`: they come with the element, not with every call (see `addWords`). */
export const words = {
  joinRoom: 'Join {room}',
  youLeft: 'You left the call',
  reconnected: 'Reconnected',
  joinedCall: '{name} joined',
  leftCall: '{name} left',
  startedSharing: '{name} is sharing their screen',
  stoppedSharing: '{name} stopped sharing',
  newMessages: 'New messages: {count}',
  close: 'Close',
  chat: 'Chat',
};
