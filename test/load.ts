// Load on the echo servers, shared by test/load.test.ts and `npm run bench:examples`.
import { createHash, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

/** Resident memory of a process, in bytes (Linux /proc). */
export function rss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** Sample a process's RSS every 50 ms until stopped; returns the peak. */
export function watchRss(pid: number) {
  let peak = 0;
  const sample = () => {
    try {
      peak = Math.max(peak, rss(pid));
    } catch {
      // the process is gone
    }
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

/**
 * How much a server's memory may grow while `sent` bytes reach it, if it keeps none of them.
 * A server that reads and drops its input still grows: Node allocates a Buffer per read, and
 * V8 collects them only once about 64 MiB of such external memory have piled up. A server
 * that keeps what it reads grows by all of it. So: less than half of what was sent (tests
 * send 256 MiB), and never less than those 64 MiB that may pile up before a collection (when
 * less could be sent: the server stopped reading, or hung up).
 */
export function keptNothing(sent: number): number {
  return Math.max(sent / 2, 64 * 2 ** 20);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * `clients` TCP connections at once, each sending `bytes` random bytes, half-closing,
 * and reading the echo until the server closes. Returns how many came back intact.
 */
/**
 * Write 1 MiB chunks to a peer that may stop reading, for at most `ms` or 256 MiB, waiting for
 * 'drain' when the socket's buffer is full: the bytes its write() calls accepted.
 */
export async function writeForAWhile(s: Writable, ms = 3000): Promise<number> {
  const chunk = Buffer.alloc(1 << 20, 'y');
  let written = 0;
  const end = Date.now() + ms;
  let drained: Promise<void> | undefined; // one 'drain' listener at a time
  while (Date.now() < end && written < 256 << 20) {
    if (s.write(chunk)) written += chunk.length;
    else {
      drained ??= new Promise<void>((r) => s.once('drain', () => r((drained = undefined))));
      await Promise.race([drained, sleep(100)]);
    }
  }
  return written;
}

export async function tcpEchoLoad(port: number, clients: number, bytes: number) {
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: clients }, () => {
      const payload = randomBytes(bytes);
      return new Promise<boolean>((resolve) => {
        const chunks: Buffer[] = [];
        const socket = connect(port, '127.0.0.1');
        socket.on('data', (c) => chunks.push(c));
        socket.on('end', () => resolve(sha(Buffer.concat(chunks)) === sha(payload)));
        socket.on('error', () => resolve(false));
        socket.end(payload);
      });
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const intact = results.filter(Boolean).length;
  return { intact, clients, seconds, mibPerSecond: (clients * bytes * 2) / 2 ** 20 / seconds };
}

/**
 * `clients` UDP sockets, each sending `perClient` numbered datagrams in windows of
 * `window`, waiting up to `waitMs` for the echoes of a window before the next. (A larger
 * window overflows the server's receive buffer on a burst, and UDP drops what does not fit.)
 * Returns what was sent, what came back, and the loss.
 */
export async function udpEchoLoad(
  port: number,
  clients: number,
  perClient: number,
  window = 10,
  waitMs = 300,
) {
  const started = performance.now();
  const perSocket = await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const socket = createSocket('udp4');
      const seen = new Set<string>();
      let wrong = 0;
      socket.on('message', (m) => {
        const text = m.toString();
        if (!text.startsWith(`c${c} `)) wrong++;
        seen.add(text);
      });
      await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
      for (let start = 0; start < perClient; start += window) {
        const end = Math.min(start + window, perClient);
        for (let i = start; i < end; i++) socket.send(`c${c} datagram ${i}`, port, '127.0.0.1');
        const deadline = Date.now() + waitMs;
        while (seen.size < end && Date.now() < deadline) await sleep(2);
      }
      socket.close();
      return { received: seen.size, wrong };
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sent = clients * perClient;
  const received = perSocket.reduce((n, s) => n + s.received, 0);
  const wrong = perSocket.reduce((n, s) => n + s.wrong, 0);
  return {
    sent,
    received,
    wrong,
    lossPercent: (100 * (sent - received)) / sent,
    seconds,
    perSecond: received / seconds,
  };
}
