import type { Response } from 'express';

export interface SseStream {
  /** Sends one event; `id` increases monotonically per stream. */
  send(event: string, data: unknown): void;
  comment(text: string): void;
  close(): void;
  readonly closed: boolean;
  onClose(fn: () => void): void;
}

export interface SseOptions {
  /** Keep-alive comment interval (15 s). */
  pingMs?: number;
  /** Ends the stream after this long even when nothing happens (its credentials expire then). */
  closeAfterMs?: number;
}

/** setTimeout's longest delay (about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Opens a `text/event-stream` response: no caching, no proxy buffering, a ping comment every
 * `pingMs` to keep intermediaries from closing an idle stream, and an end after `closeAfterMs`.
 */
export function openSse(res: Response, { pingMs = 15_000, closeAfterMs }: SseOptions = {}): SseStream {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-store, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.socket?.setNoDelay(true);

  let nextId = 1;
  let closed = false;
  const closers: Array<() => void> = [];
  const ping = setInterval(() => write(': ping\n\n'), pingMs);
  ping.unref();
  const deadline =
    closeAfterMs === undefined ? undefined : setTimeout(() => stream.close(), Math.max(0, Math.min(closeAfterMs, MAX_TIMER_MS)));
  deadline?.unref();

  function write(chunk: string) {
    if (!closed) res.write(chunk);
  }
  function finish() {
    if (closed) return;
    closed = true;
    clearInterval(ping);
    clearTimeout(deadline);
    for (const fn of closers.splice(0)) fn();
  }
  res.on('close', finish);

  const stream: SseStream = {
    send(event, data) {
      // JSON.stringify never emits raw newlines, so one `data:` line is always enough.
      write(`id: ${nextId++}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    comment(text) {
      write(`: ${text.replace(/\n/g, ' ')}\n\n`);
    },
    close() {
      if (closed) return;
      finish();
      res.end();
    },
    get closed() {
      return closed;
    },
    onClose(fn) {
      if (closed) fn();
      else closers.push(fn);
    },
  };
  return stream;
}
