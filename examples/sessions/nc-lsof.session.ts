import { defineSession } from '../../src/lib/session.ts';

// What lsof and ss show before and after a netcat client talks to a netcat server:
// one unconnected socket, then two connected ones (the arrows, ESTAB).
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'nc -u -l -n -v 127.0.0.1 12000' },
    { in: 'lsof', run: 'lsof -nP -i udp:12000' },
    { in: 'ss', run: 'ss -uanp "sport = :12000 or dport = :12000"' },
    {
      in: 'client',
      start: 'nc -u -n 127.0.0.1 12000',
      type: 'olá\n',
      waitFor: { server: 'olá' },
    },
    { in: 'lsof', run: 'lsof -nP -i udp:12000' },
    { in: 'ss', run: 'ss -uanp "sport = :12000 or dport = :12000"' },
    { in: 'client', interrupt: true },
    { in: 'server', interrupt: true },
  ],
});
