// Exercise http-client (lesson tcp/web-server): an HTTP/1.1 client by hand, on a plain TCP socket
// (node:net; no fetch, no node:http). It asks for PATH with GET and prints the status line, then
// the body: Content-Length bytes of it, or, without that header, all that comes until the close.
//
//   npx tsx examples/exercises/http-client/client.ts [--host 127.0.0.1] [--port 8080] [--timeout 2000] [PATH]
//   npm run check -- http-client        (checks client.ts; add --file FILE to check another file)
//
// Try it against examples/http-server.ts. Any status, 404 included, is a success (exit 0).
// client.ts is the starter: the work goes in its region "get", where the TODO is.
// solution.ts is the same file with that region done.
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { host, port, timeout, path } = commandLine(); // the options and PATH, read at the end of this file
const server = `${host}:${port}`;

// #region get
// TODO: envie "GET PATH HTTP/1.1", o cabeçalho Host e uma linha vazia, cada linha com \r\n no fim.
// TODO: escreva a linha de status e depois o corpo: Content-Length bytes dele, ou, sem esse cabeçalho, até o servidor fechar.
// TODO: send "GET PATH HTTP/1.1", the Host header and an empty line, each line ending in \r\n.
// TODO: print the status line, then the body: Content-Length bytes of it, or, without that header, all until the server closes.
const socket = net.connect(port, host, () => socket.write(`GET ${path}\r\n\r\n`)); // not HTTP/1.1 yet: no version, no Host
socket.on('data', (chunk: Buffer) => process.stdout.write(chunk)); // a chunk is not the response
// #endregion get

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--host ADDRESS] [--port 1-65535] [--timeout MS] [PATH]`;
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { host: text, port: text, timeout: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { host = '127.0.0.1', port = '8080', timeout = '2000' } = values;
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    const [path = '/', ...more] = positionals;
    if (more.length || !/^\/[!-~]*$/.test(path))
      throw new Error('give one PATH, such as /page.html');
    return { host, port: Number(port), timeout: Number(timeout), path };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
