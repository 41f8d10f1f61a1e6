// Load on the echo servers, shared by test/load.test.ts and `npm run bench:examples`.
import { createHash, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { slack } from '../src/lib/slack.ts';

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

/** How much a flood sends at most: 256 MiB. */
export const FLOOD = 256 * 2 ** 20;

/**
 * How much a server's memory (RSS) may grow while a flood reaches it, if it keeps none of it:
 * half the flood. A server that reads and drops its input still grows: Node allocates a buffer per
 * read, V8 collects them only once about 64 MiB of such memory have piled up (and a collection
 * takes a while, during which the reads go on), and the allocator keeps freed pages for a while:
 * up to about 75 MiB measured on a busy machine. A server that keeps what it reads grows by all of
 * it, the whole flood (hostile.test.ts shows such a server failing this bound).
 */
export const GARBAGE = FLOOD / 2;

/**
 * Flood a server through `socket` (connected, or connecting), `first` and then 1 MiB chunks, while
 * it takes them: until FLOOD bytes, its close, or a second (times SLACK) in which it takes nothing
 * (it stopped reading). Meanwhile its RSS (process `pid`) is sampled. The bytes write() took, and
 * how much the RSS grew at its peak over what it was before.
 */
export async function flood(socket: Writable, pid: number, first: string | Buffer = '') {
  const before = rss(pid);
  const memory = watchRss(pid);
  const chunk = Buffer.alloc(1 << 20, 'x');
  let written = 0;
  const closed = new AbortController();
  socket.once('close', () => closed.abort());
  if (first) socket.write(first);
  while (!closed.signal.aborted && written < FLOOD) {
    written += chunk.length;
    if (socket.write(chunk)) continue;
    // Its buffer is full: on once the server has read some, unless it stopped reading or left.
    const stop = AbortSignal.any([closed.signal, AbortSignal.timeout(slack(1000))]);
    if (
      !(await once(socket, 'drain', { signal: stop }).then(
        () => true,
        () => false,
      ))
    )
      break;
  }
  return { written, growth: memory.stop() - before };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * `clients` TCP connections at once, each sending `bytes` random bytes, half-closing,
 * and reading the echo until the server closes. Returns how many came back intact.
 */
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
