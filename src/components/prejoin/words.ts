/** The English words of the pre-join screen: they come with the element, not with every call (see `addWords`). */
export const words = {
  systemDefault: 'System default',
  micLevel: 'Microphone level',
  testSpeaker: 'Test',
  yourName: 'Your name',
  join: 'Join',
  speaker: 'Speaker',
  speakerFailed: 'The sound could not be played on that speaker.',
};
