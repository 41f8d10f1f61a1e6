// Nothing lost under load: the echo servers with many clients at once.
// `npm run bench:examples` prints the same measurements as figures.
import { describe, expect, it } from 'vitest';
import { tcpEchoLoad, udpEchoLoad, watchRss } from './load.ts';
import { startServer } from './processes.ts';

describe('load', () => {
  it('tcp-server.ts: 200 clients at once, 1 MiB each, every byte comes back intact', async () => {
    const server = await startServer('tcp-server.ts');
    const memory = watchRss(server.child.pid!);
    const r = await tcpEchoLoad(server.port, 200, 1 << 20);
    const peak = memory.stop();
    console.log(
      `tcp echo: ${r.intact}/${r.clients} intact in ${r.seconds.toFixed(1)} s (${r.mibPerSecond.toFixed(0)} MiB/s both ways), peak RSS ${Math.round(peak / 2 ** 20)} MiB`,
    );
    expect(r.intact).toBe(200);
  }, 60_000);

  it('udp-server.ts: 10 clients, 10,000 datagrams, the loss is reported (and tiny on loopback)', async () => {
    const server = await startServer('udp-server.ts');
    const r = await udpEchoLoad(server.port, 10, 1000);
    console.log(
      `udp echo: ${r.received}/${r.sent} datagrams came back (loss ${r.lossPercent.toFixed(2)} %) in ${r.seconds.toFixed(1)} s, ${Math.round(r.perSecond)} datagrams/s`,
    );
    expect(r.wrong).toBe(0); // never someone else's datagram
    expect(r.lossPercent).toBeLessThanOrEqual(1);
  }, 60_000);
});
