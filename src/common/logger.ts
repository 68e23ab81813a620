import type { LoggerService } from '@nestjs/common';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** One JSON object per line on stderr, so logs can be shipped and queried as they are. */
export class Logger implements LoggerService {
  constructor(
    private readonly minLevel: Level = 'info',
    private readonly context?: string,
    /** Where the lines go; tests that provoke errors keep them to check them. */
    private readonly sink: (line: string) => void = (line) => process.stderr.write(line),
  ) {}

  child(context: string): Logger {
    return new Logger(this.minLevel, context, this.sink);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  info(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (ORDER[level] < ORDER[this.minLevel]) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level };
    let context = this.context;
    for (const extra of rest) {
      // Nest passes its context name as the last string argument.
      if (typeof extra === 'string') context = extra;
      else if (extra && typeof extra === 'object') Object.assign(entry, extra);
    }
    if (context) entry.context = context;
    entry.msg = message instanceof Error ? message.message : message;
    if (message instanceof Error && level === 'error') entry.stack = message.stack;
    this.sink(JSON.stringify(entry) + '\n');
  }
}

export function isLevel(value: string): value is Level {
  return value in ORDER;
}
