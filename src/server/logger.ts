/**
 * The server's structured logs: pino, JSON lines. Tokens, secrets and session IDs are never logged
 * (and are redacted should one be passed by mistake). Node only.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const isLogLevel = (value: string): value is LogLevel => (LOG_LEVELS as readonly string[]).includes(value);

/** Fields that must never reach a log line, wherever they are passed. */
const REDACT = [
  'token',
  '*.token',
  'serverSecret',
  '*.serverSecret',
  'secret',
  '*.secret',
  'session',
  '*.session',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
];

/** Where a log line goes, for a logger made here. */
export interface LogSink {
  write(line: string): void;
}

/**
 * A logger at `level`: JSON lines (`level` as a name, `time` as ISO 8601) to `sink`, stdout by
 * default.
 */
export function createLogger(level: LogLevel = 'info', sink?: LogSink): Logger {
  const options = {
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return sink ? pino(options, sink) : pino(options);
}

/**
 * A logger whose records reach `log` as text lines: the message, then the record's other fields as
 * JSON if it has any. For `startServer({ log })`, which takes warnings and errors by default.
 */
export function lineLogger(log: (line: string) => void, level: LogLevel = 'warn'): Logger {
  return createLogger(level, {
    write(json: string) {
      try {
        const {
          msg,
          level: _level,
          time: _time,
          pid: _pid,
          hostname: _host,
          ...rest
        } = JSON.parse(json) as Record<string, unknown>;
        log(Object.keys(rest).length ? `${String(msg)} ${JSON.stringify(rest)}` : String(msg));
      } catch {
        log(json.trimEnd());
      }
    },
  });
}
