/** The English words of the chat: they come with the element, not with every call (see `addWords`). */
export const words = {
  chatLog: 'Chat messages',
  chatEmpty: 'No messages yet.',
  chatInput: 'Message',
  chatPlaceholder: 'Write a message…',
  chatSend: 'Send',
  chatNew: 'New messages',
  chatYou: 'You',
  chatBytes: '{bytes} / {max} bytes',
  chatTooLong: 'Too long to send: a message holds at most {max} bytes.',
  chatNotSent: 'Not sent: {reason}',
};
