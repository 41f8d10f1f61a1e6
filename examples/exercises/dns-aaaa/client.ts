// Exercise dns-aaaa (lesson around/names): a DNS client by hand that asks one server for the IPv6
// addresses of a NAME (its AAAA records) and prints them, one per line, in their short form.
//
//   npx tsx examples/exercises/dns-aaaa/client.ts [--server 127.0.0.1] [--port 5300] [--timeout 2000] NAME
//   npm run check -- dns-aaaa        (checks client.ts; add --file FILE to check another file)
//
// Try it against examples/dns-server.ts: curso.test has the AAAA record ::1.
// client.ts is the starter: the work goes in its region "query", where the TODO is.
// solution.ts is the same file with that region done.
import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { server, port, timeout, name } = commandLine(); // the options and NAME, read at the end of this file
const socket = dgram.createSocket('udp4');

// #region query
// TODO: monte a consulta (um ID aleatório, RD, uma pergunta: NAME, tipo AAAA = 28, classe IN = 1) e envie ao servidor.
// TODO: aceite só a resposta com o seu ID; escreva cada registro AAAA (16 bytes) na forma curta, um por linha; desista depois de --timeout ms.
// TODO: build the query (a random ID, RD, one question: NAME, type AAAA = 28, class IN = 1) and send it to the server.
// TODO: accept only the answer with your ID; print each AAAA record (16 bytes) in short form, one per line; give up after --timeout ms.
socket.connect(port, server, () => socket.close()); // nothing asked yet
// #endregion query

// #region cli
// The command line (a mistake: the usage, exit 2); an error nothing handles: one line, exit 1.
function commandLine() {
  const usage = `usage: npx tsx ${relative('.', process.argv[1])} [--server ADDRESS] [--port 1-65535] [--timeout MS] NAME`;
  process.on('uncaughtException', (err) => exit(1, err.message));
  try {
    const text = { type: 'string' } as const;
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { server: text, port: text, timeout: text, help: { type: 'boolean' } },
    });
    if (values.help) exit(0, usage);
    const { server = '127.0.0.1', port = '5300', timeout = '2000' } = values;
    const [name = ''] = positionals;
    const isName = /^([a-z\d-]{1,63}\.)*[a-z\d-]{1,63}$/i.test(name) && name.length <= 253;
    if (!isName || positionals.length > 1) throw new Error('give one NAME, such as curso.test');
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) throw new Error('invalid --port');
    if (!/^[1-9]\d{0,5}$/.test(timeout)) throw new Error('invalid --timeout');
    return { server, port: Number(port), timeout: Number(timeout), name };
  } catch (err) {
    exit(2, `${(err as Error).message}\n${usage}`);
  }
}
function exit(code: number, message: string): never {
  (code === 0 ? console.log : console.error)(message);
  process.exit(code);
}
// #endregion cli
