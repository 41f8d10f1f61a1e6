// Connects to a name the way net.connect does: first the name's addresses, then a connection to one.
//   npx tsx examples/connect-name.ts [--host localhost] [--port 12000] [--dns ADDRESS:PORT] [--no-happy-eyeballs]
// Without --dns the addresses come from the system's resolver; with --dns, from that DNS server only.
// #region lookup
import dns from 'node:dns';
import net from 'node:net';
import { parseArgs } from 'node:util';

const { host, port, server, happyEyeballs } = commandLine(); // the flags, read at the end of this file

// dns.lookup asks the system's resolver, getaddrinfo(): /etc/hosts, then the DNS servers in
// /etc/resolv.conf (/etc/nsswitch.conf says in which order). net.connect uses it unless told otherwise.
// A dns.Resolver speaks the DNS protocol itself, to the servers you give it, and never reads /etc/hosts.
function lookupWith(server: string | undefined): net.LookupFunction {
  if (!server) return dns.lookup;
  const resolver = new dns.promises.Resolver({ timeout: 1000, tries: 2 });
  resolver.setServers([server]);
  return (name, options, callback) => {
    // Both questions, AAAA and A; IPv6 first, as getaddrinfo usually sorts them (RFC 6724).
    Promise.allSettled([resolver.resolve6(name), resolver.resolve4(name)]).then(([v6, v4]) => {
      const found = [
        ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 })) : []),
        ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 })) : []),
      ];
      if (found.length === 0) callback((v4 as PromiseRejectedResult).reason, '');
      else if (options.all)
        callback(null, found); // every address (what Happy Eyeballs asks for)
      else callback(null, found[0].address, found[0].family); // or only the first one
    });
  };
}
// #endregion lookup

// #region connect
// Happy Eyeballs (autoSelectFamily, on by default since Node 20): with addresses of both families,
// try one after the other, alternating IPv6 and IPv4, until one connects. Every attempt but the
// last gets a time limit; the last one runs until it connects, fails or the kernel gives up.
const autoSelectFamily = happyEyeballs && net.getDefaultAutoSelectFamily();
const limit = net.getDefaultAutoSelectFamilyAttemptTimeout();
console.log(
  `Happy Eyeballs ${autoSelectFamily ? `on, ${limit} ms for every attempt but the last` : 'off'}`,
);
// An address and a port as people write them: 127.0.0.1:12000, or [::1]:12000 on IPv6.
const where = (ip: string, port: number) => (net.isIPv6(ip) ? `[${ip}]:${port}` : `${ip}:${port}`);
const socket = net.connect({ host, port, lookup: lookupWith(server), autoSelectFamily });
socket.on('lookup', (err, address, family) => {
  if (!err) console.log(`${host} is ${address} (IPv${family})`);
});
socket.on('connectionAttempt', (ip, port) => console.log(`trying ${where(ip, port)}`));
socket.on('connectionAttemptFailed', (ip, port, _family, err) =>
  console.log(`  ${where(ip, port)} failed (${(err as NodeJS.ErrnoException).code})`),
);
socket.on('connectionAttemptTimeout', (ip, port) =>
  console.log(`  ${where(ip, port)} no answer within ${limit} ms, dropped`),
);
socket.on('connect', () => {
  console.log(`connected to ${where(socket.remoteAddress!, socket.remotePort!)}`);
  socket.end();
});
// No address (ENOTFOUND…), or none that connects (each attempt is above): its code, exit 1.
socket.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`no connection to ${host}: ${err.code}`);
  process.exit(1);
});
// #endregion connect

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage =
    'usage: npx tsx examples/connect-name.ts [--host NAME] [--port 1-65535] [--dns ADDRESS:PORT] [--no-happy-eyeballs]';
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const flag = { type: 'boolean' } as const;
    const { values } = parseArgs({
      options: { host: text, port: text, dns: text, 'no-happy-eyeballs': flag, help: flag },
    });
    if (values.help) exit(0, usage);
    const { host = 'localhost', port = '12000', dns: server } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (server) new dns.Resolver().setServers([server]); // throws on a bad address; sends nothing
    return { host, port: Number(port), server, happyEyeballs: !values['no-happy-eyeballs'] };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
