/**
 * Room chat: the message shape a session keeps, ZEGO's size limit, and UTF-8 byte counting.
 * No DOM at import.
 */
import type { ZegoUser } from './engine.js';

/** ZEGO's limit for a broadcast message, in UTF-8 bytes. */
export const MAX_MESSAGE_BYTES = 1024;

/** A room chat message: ZEGO's broadcast message info, and whether you sent it. */
export interface ChatMessage {
  messageID: number;
  fromUser: ZegoUser;
  message: string;
  /** When it was sent, ms since the epoch. */
  sendTime: number;
  /** Sent by you (this user ID), from this page or an earlier login. */
  own: boolean;
}

/** The length of `text` in UTF-8 bytes, as ZEGO counts its limits (a lone surrogate counts as U+FFFD). */
export const utf8Length = (text: string): number => new TextEncoder().encode(text).length;
