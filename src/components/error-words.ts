/**
 * The English error messages, by ZEGO error code, and why a camera or microphone could not be
 * captured: loaded at join with the engine (`loadErrorWords`), not with the first page.
 */
import { addWords } from './localize.js';

export const words = {
  cameraDenied: 'Camera blocked. Allow it in the browser’s site settings, then rejoin.',
  cameraMissing: 'No camera was found.',
  cameraBusy: 'The camera is in use by another application.',
  microphoneDenied: 'Microphone blocked. Allow it in the browser’s site settings, then rejoin.',
  microphoneMissing: 'No microphone was found.',
  microphoneBusy: 'The microphone is in use by another application.',
  e1100001: 'Something required is missing (room, user or token).',
  e1000002: 'You are not in the room.',
  e1009013: 'The message is too long.',
  e1002001: 'Already in a room.',
  e1002005: 'The user ID is empty.',
  e1002006: 'The user ID has characters that are not allowed.',
  e1002007: 'The user ID is too long.',
  e1002011: 'The room ID is empty.',
  e1002012: 'The room ID has characters that are not allowed.',
  e1002013: 'The room ID is too long.',
  e1002010: 'The user name is too long.',
  e1102011: 'The server could not read a message from this page.',
  e1009015: 'Too many requests at once. Wait a moment and try again.',
  e1002031: 'The server did not answer in time.',
  e1002034: 'The room is full.',
  e1002050: 'You signed in to this room somewhere else.',
  e1002053: 'The network connection was lost.',
  e1002055: 'The server removed you from the room.',
  e1002077: 'The sign-in token belongs to another user.',
  e1002078: 'The sign-in token has expired.',
  e1002082: 'You are not allowed to publish here.',
  e1102001: 'The connection timed out.',
  e1102016: 'The sign-in token is not valid.',
  e1102018: 'The sign-in token has expired.',
  e1103002: 'This browser cannot make calls. Try a current Chrome, Edge, Firefox or Safari.',
  e1103010: 'Screen sharing failed.',
  e1103042: 'Screen sharing was cancelled.',
  e1103043: 'This browser cannot share the screen.',
  e1103053: 'Camera and microphone need a secure page (https or localhost).',
  e1103061: 'No camera or microphone was found.',
  e1103064: 'Camera or microphone access was denied. Allow it in the browser’s site settings and try again.',
  e1103065: 'The camera or microphone is in use by another application.',
  e1103066: 'No camera or microphone fits the requested settings.',
  e1003028: 'This stream is already being published.',
  e1004002: 'The stream is no longer available.',
  e1104039: 'The stream is no longer available.',
  e1104031: 'The video could not be received.',
};

addWords(words, true);
