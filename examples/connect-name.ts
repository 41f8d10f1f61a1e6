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
const socket = net.connect({ host, port, lookup: lookupWith(server), autoSelectFamily });
socket.on('lookup', (err, address, family) => {
  if (err) fail(`cannot find the addresses of ${host}${server ? ` at ${server}` : ''}`, err);
  console.log(`${host} is ${address} (IPv${family})`);
});
socket.on('connectionAttempt', (ip, port) => console.log(`trying ${name(ip, port)}`));
socket.on('connectionAttemptFailed', (ip, port, _family, err) =>
  console.log(`  ${name(ip, port)} failed (${(err as NodeJS.ErrnoException).code})`),
);
socket.on('connectionAttemptTimeout', (ip, port) =>
  console.log(`  ${name(ip, port)} no answer within ${limit} ms, dropped`),
);
socket.on('connect', () => {
  console.log(`connected to ${name(socket.remoteAddress!, socket.remotePort!)}`);
  socket.end();
});
socket.on('error', (err) => fail(`cannot connect to ${host} on port ${port}`, err));
// #endregion connect

// #region cli
// The command line (a mistake in it: the usage, exit 2) and failures told in one line (exit 1).
function commandLine() {
  const usage =
    'usage: npx tsx examples/connect-name.ts [--host NAME] [--port 1-65535] [--dns ADDRESS:PORT] [--no-happy-eyeballs]';
  try {
    const { values } = parseArgs({
      options: {
        host: { type: 'string', default: 'localhost' },
        port: { type: 'string', default: '12000' },
        dns: { type: 'string' },
        'no-happy-eyeballs': { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) exit(0, usage);
    if (!/^\d+$/.test(values.port) || Number(values.port) < 1 || Number(values.port) > 65535)
      throw new Error(`invalid port "${values.port}": use 1 to 65535`);
    if (values.dns) new dns.Resolver().setServers([values.dns]); // throws on a bad address; sends nothing
    return {
      host: values.host,
      port: Number(values.port),
      server: values.dns,
      happyEyeballs: !values['no-happy-eyeballs'],
    };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}

function fail(what: string, err: NodeJS.ErrnoException): never {
  const why = {
    ECONNREFUSED: 'nothing is listening there',
    ENOTFOUND: 'no such name',
    ENODATA: 'no address of that type',
    ETIMEOUT: 'no answer',
  }[err.code ?? ''];
  exit(1, `${what}: ${why ?? err.message} (${err.code})`);
}

function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}

function name(host: string, port: number) {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
// #endregion cli
