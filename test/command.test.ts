// A session's command read once (src/lib/command.ts): its words, its program, and what really runs.
import { describe, expect, it } from 'vitest';
import {
  capturesPackets,
  listsSockets,
  parseCommand,
  realArgv,
  toolsOf,
} from '../src/lib/command.ts';
import type { Session } from '../src/lib/session.ts';

describe('a command read', () => {
  it('splits words as a shell does for quotes', () => {
    expect(parseCommand(`npx tsx a.ts "olá, mundo" 'x y' z`).words).toEqual([
      'npx',
      'tsx',
      'a.ts',
      'olá, mundo',
      'x y',
      'z',
    ]);
  });

  it('knows an example, its program, its port', () => {
    expect(parseCommand('npx tsx examples/tls-server.ts --port 12444 --cert c.pem')).toMatchObject({
      tool: 'npx',
      example: 'examples/tls-server.ts',
      capture: false,
      port: 12444,
    });
    const nc = parseCommand('nc -u -l -n -v 127.0.0.1 12000');
    expect(nc).toMatchObject({ tool: 'nc', example: undefined, port: undefined });
    expect(nc.args).toEqual(['-u', '-l', '-n', '-v', '127.0.0.1', '12000']);
  });

  it('sets sudo aside: a capture is tcpdump', () => {
    const capture = parseCommand("sudo tcpdump -i lo -n -t 'port 12000 or icmp'");
    expect(capture).toMatchObject({ tool: 'tcpdump', capture: true });
    expect(capture.args.at(-1)).toBe('port 12000 or icmp');
  });

  it('refuses shell syntax that a session cannot show as one program', () => {
    expect(() => parseCommand('ss -tan | grep 12000')).toThrow('one program and its words');
    expect(() => parseCommand('echo hi > file')).toThrow('one program and its words');
  });
});

describe('what really runs', () => {
  const ports = new Map([[12000, 41234]]);

  it('an example as node, given the real port where it relies on its default', () => {
    const argv = realArgv(parseCommand('npx tsx examples/udp-client.ts "olá, mundo"'), {
      ports,
      shownPort: 12000,
      server: false,
    });
    expect(argv).toEqual([
      process.execPath,
      'examples/udp-client.ts',
      'olá, mundo',
      '--port',
      '41234',
    ]);
  });

  it('every shown port the real one, in any word', () => {
    expect(
      realArgv(parseCommand('curl -si http://127.0.0.1:12000/ --max-time 12'), {
        ports,
        shownPort: 12000,
        server: false,
      }),
    ).toEqual(['curl', '-si', 'http://127.0.0.1:41234/', '--max-time', '12']);
  });

  it('a server its chosen port, or 0 where none is chosen yet', () => {
    const nc = parseCommand('nc -u -l -n -v 127.0.0.1 12000');
    expect(realArgv(nc, { ports, shownPort: 12000, server: true }).at(-1)).toBe('41234');
    expect(realArgv(nc, { ports: new Map(), shownPort: 12000, server: true }).at(-1)).toBe('0');
    const server = parseCommand('npx tsx examples/udp-server.ts');
    expect(realArgv(server, { ports: new Map(), shownPort: 12000, server: true }).slice(2)).toEqual(
      ['--port', '0'],
    );
  });

  it('never an example on its fixed default port', () => {
    expect(() =>
      realArgv(parseCommand('npx tsx examples/udp-client.ts hi'), {
        ports: new Map(),
        shownPort: 12000,
        server: false,
      }),
    ).toThrow('no server listens on 12000 yet');
  });

  it('a capture without sudo, every packet at once, its filter widened to the end marker', () => {
    const capture = parseCommand("sudo tcpdump -i lo -n -t -A 'port 12000'");
    expect(realArgv(capture, { ports, shownPort: 12000, server: true, marker: 40001 })).toEqual([
      'tcpdump',
      '-l',
      '--immediate-mode',
      '-i',
      'lo',
      '-n',
      '-t',
      '-A',
      '(port 41234) or udp dst port 40001',
    ]);
  });
});

describe('a session read through its commands', () => {
  const session: Session = {
    port: 12000,
    steps: [
      { in: 'capture', start: 'sudo tcpdump -i lo -n -t port 12000' },
      { in: 'server', start: 'npx tsx examples/udp-server.ts' },
      { in: 'ss', run: 'ss -uan' },
      { in: 'client', start: 'nc -u 127.0.0.1 12000', type: 'hi\n' },
      { in: 'client', type: 'again\n' },
      { in: 'server', interrupt: true },
    ],
  };

  it('captures packets, lists sockets, runs these system programs', () => {
    expect(capturesPackets(session)).toBe(true);
    expect(listsSockets(session)).toBe(true);
    expect(toolsOf(session)).toEqual(['tcpdump', 'ss', 'nc']);
    expect(capturesPackets({ port: 1, steps: [{ in: 'a', run: 'echo tcpdump' }] })).toBe(false);
  });
});
