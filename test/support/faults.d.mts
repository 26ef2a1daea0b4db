import type { ChildProcess } from 'node:child_process';

export function freePort(): Promise<number>;

export class ChildServer {
  constructor(port: number, heartbeatTimeout?: number, heartbeatInterval?: number);
  readonly port: number;
  readonly heartbeatTimeout: number;
  readonly heartbeatInterval: number;
  /** The running server's process, if any. */
  readonly child: ChildProcess | undefined;
  /** Starts the server; resolves once it listens. */
  start(): Promise<void>;
  /** SIGKILL: no goodbye to anyone. */
  kill(): Promise<void>;
}

export class Proxy {
  constructor(target: number);
  readonly target: number;
  /** While true, bytes are read and dropped both ways: the sockets stay open, nothing passes. */
  silent: boolean;
  /** Listens on a free port on loopback; resolves with it. */
  listen(): Promise<number>;
  /** Destroys every connection and refuses new ones for `ms`. */
  cut(ms: number): void;
  close(): Promise<void>;
}
