// How a session's packet captures end, and the port a session that watches packets or sockets
// gets: the session runner's rules "capture end" and "unwatched port" (session-runner.ts says
// what they are; "lab capture end", how the markers cross a lab's interface, is session-lab.ts).
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { portBelowEphemeral, type Process } from './processes.ts';
import type { TerminalLine } from './session.ts';
import { isAbout, packetTo, parsePacket } from './tcpdump.ts';

/** "capture end": send datagrams to the marker's port (`markers`: how, in a lab) until the capture has printed one. */
export async function captureEnd(
  proc: Process,
  marker: number,
  limit: AbortSignal,
  markers: (marker: number) => () => unknown = loopbackMarkers,
) {
  const stop = markers(marker);
  try {
    await proc.waitFor(packetTo(marker), { stream: 'stdout', signal: limit });
  } finally {
    await stop();
  }
}

/** "capture end": a datagram to the marker's port every 100 ms (one is enough on loopback, unless the capture lost it). */
function loopbackMarkers(marker: number): () => void {
  const socket = createSocket('udp4');
  socket.on('error', () => {}); // the ICMP answer to a datagram nobody receives
  const send = () => socket.send('end of capture', marker, '127.0.0.1');
  send();
  const again = setInterval(send, 100);
  return () => {
    clearInterval(again);
    socket.close();
  };
}

/** "capture end": the marker's datagrams, and the ICMP answers about them, leave the transcript (with -A, their bytes too). */
export function dropMarker(lines: TerminalLine[], marker: number) {
  let dropping = false;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].kind !== 'output') continue;
    const packet = parsePacket(lines[i].text);
    if (packet) dropping = isAbout(packet, marker);
    if (dropping) lines.splice(i--, 1);
  }
}

/**
 * "unwatched port": a port below the kernel's ephemeral range (portBelowEphemeral) that no socket
 * uses, in any state: a port the kernel has just handed back may still name the far end of other
 * programs' connections in TIME-WAIT, which `ss … dport = :PORT` would list.
 */
export function unwatchedPort(): Promise<number> {
  return portBelowEphemeral((port) => {
    const listed = spawnSync('ss', ['-tuanH', `sport = :${port} or dport = :${port}`], {
      encoding: 'utf8',
    });
    return Boolean(listed.error) || !listed.stdout.trim();
  });
}

/** "capture end": may tcpdump capture here? (It fails at once, "permission denied", where it may not.) */
let captureAllowed: boolean | undefined;
export function mayCapture(): boolean {
  const probe = () =>
    spawnSync('tcpdump', ['-i', 'lo', '-c', '1', '-w', '/dev/null', 'udp port 9'], {
      timeout: 500,
      stdio: 'ignore',
    }).error as NodeJS.ErrnoException | undefined;
  return (captureAllowed ??= probe()?.code === 'ETIMEDOUT');
}
