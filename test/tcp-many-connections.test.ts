// The "one port, many connections" lesson: every accepted socket keeps the listening port.
import { describe, expect, it } from 'vitest';
import { finish, has, run, runExample, startServer } from './processes.ts';

interface End {
  local: string;
  remote: string;
}

/** The program's report: the listening port, then both ends of each connection. */
function parseReport(stdout: string) {
  const port = Number(/^tcp server listening on (?:127\.0\.0\.1|::1):(\d+)$/m.exec(stdout)![1]);
  const ends = [...stdout.matchAll(/^ {2}(client|server) {2}local {2}(\S+)\n {10}remote (\S+)$/gm)];
  const clients: End[] = ends
    .filter((m) => m[1] === 'client')
    .map((m) => ({ local: m[2], remote: m[3] }));
  const servers: End[] = ends
    .filter((m) => m[1] === 'server')
    .map((m) => ({ local: m[2], remote: m[3] }));
  return { port, clients, servers };
}

const portOf = (address: string) => Number(address.slice(address.lastIndexOf(':') + 1));

describe.concurrent('many-connections.ts', () => {
  it('shows that every accepted socket has the listening port as its local port', async ({
    expect,
  }) => {
    const r = await finish(runExample('many-connections.ts', ['--port', '0', '--clients', '5']));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const { port, clients, servers } = parseReport(r.stdout);
    expect(clients).toHaveLength(5);
    expect(servers).toHaveLength(5);
    for (const [i, client] of clients.entries()) {
      expect(client.remote).toBe(`127.0.0.1:${port}`);
      expect(servers[i].local).toBe(`127.0.0.1:${port}`); // not a new port: the listening one
      expect(servers[i].remote).toBe(client.local); // the two ends of one connection
    }
    expect(new Set(clients.map((c) => c.local)).size).toBe(5); // what tells them apart
    expect(r.stdout).toContain(
      `all 5 accepted sockets have local port ${port}, the listening port\n`,
    );
    expect(r.stdout).toContain('the clients have 5 different ports\n');
  });

  it('works over IPv6 loopback too', async ({ expect }) => {
    const r = await finish(
      runExample('many-connections.ts', ['--host', '::1', '--port', '0', '--clients', '2']),
    );
    expect(r.code).toBe(0);
    const { port, servers } = parseReport(r.stdout);
    expect(servers.map((s) => s.local)).toEqual([`::1:${port}`, `::1:${port}`]);
  });

  it.runIf(has('ss'))(
    '--hold keeps them open: ss shows one LISTEN and the ESTAB sockets on the same port',
    async ({ expect }) => {
      const held = await startServer('many-connections.ts', ['--clients', '4', '--hold']);
      await held.waitFor('holding 4 connections open; press Ctrl+C to close them\n');
      const { port, clients } = parseReport(held.stdout());
      const ss = await finish(run('ss', ['-tan', `sport = :${port} or dport = :${port}`]));
      const rows = ss.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s+/));
      const listening = rows.filter((r) => r[0] === 'LISTEN');
      const serverSide = rows.filter((r) => r[0] === 'ESTAB' && portOf(r[3]) === port);
      const clientSide = rows.filter((r) => r[0] === 'ESTAB' && portOf(r[4]) === port);
      expect(listening.map((r) => r[3])).toEqual([`127.0.0.1:${port}`]);
      expect(serverSide).toHaveLength(4);
      expect(clientSide.map((r) => r[3]).sort()).toEqual(clients.map((c) => c.local).sort());
    },
  );
  // (Ctrl+C and SIGTERM while it holds them, a port in use, its command line: test/robustness/.)
});
