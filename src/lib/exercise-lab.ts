// Runs the checks of an exercise checked in a lab (LabExercise, exercise.ts): the lab is built
// once (lab.ts), each check gets a `LabWorld` that starts programs on its hosts, and what a check
// started is stopped when it ends; the lab is removed after the last check, whatever happens.
// The first result says whether the lab is up: where it cannot be built (not Linux, not root),
// that result says why, in one line, and no check runs.
import {
  CheckFailure,
  SLACK,
  type LabExercise,
  type LabWorld,
  type Result,
  type Text,
} from './exercise.ts';
import { build, topologies, unavailable, type Lab } from './lab.ts';
import { NotListening, finish, listeningPort, typescript, type Process } from './processes.ts';

const START_LIMIT_MS = 8000;
const RUN_LIMIT_MS = 10_000;
const REPLY_LIMIT_MS = 1000;

/** Build the exercise's lab, run every check in it, remove it. */
export async function runLabChecks(
  exercise: LabExercise,
  file: string,
  cwd: string,
  { startLimitMs = START_LIMIT_MS }: { startLimitMs?: number } = {},
): Promise<Result[]> {
  const topology = topologies[exercise.lab];
  const hosts = (lang: 'pt' | 'en') => topology.hosts.map((h) => h.label[lang]).join(', ');
  const up: Text = {
    pt: `o laboratório ${exercise.lab} está no ar (${hosts('pt')})`,
    en: `the lab ${exercise.lab} is up (${hosts('en')})`,
  };
  const notRun = exercise.checks.map((c) => ({ name: c.name, passed: false }));
  const why = unavailable();
  if (why)
    return [
      {
        name: up,
        passed: false,
        detail: { pt: `sem laboratório aqui: ${why}`, en: `no lab here: ${why}` },
        hint: {
          pt: 'o laboratório precisa de Linux (ou do WSL 2) e de root: rode o comando com sudo. No macOS e no Windows sem WSL, leia as sessões da lição.',
          en: "the lab needs Linux (or WSL 2) and root: run the command with sudo. On macOS, and on Windows without WSL, read the lesson's sessions.",
        },
      },
      ...notRun,
    ];
  let lab: Lab;
  try {
    lab = await build(topology);
  } catch (err) {
    const message = (err as Error).message;
    return [{ name: up, passed: false, detail: { pt: message, en: message } }, ...notRun];
  }
  const results: Result[] = [{ name: up, passed: true }];
  try {
    for (const check of exercise.checks) {
      const world = new World(lab, file, cwd, startLimitMs);
      try {
        await check.run(world);
        results.push({ name: check.name, passed: true });
      } catch (err) {
        const detail =
          err instanceof CheckFailure
            ? err.detail
            : { pt: (err as Error).message, en: (err as Error).message };
        results.push({ name: check.name, passed: false, detail, hint: check.hint });
      } finally {
        await world.stopAll();
      }
    }
  } finally {
    lab.down();
  }
  return results;
}

// From a host: connect, send, half-close, read to the end; one line of JSON says what happened.
const TCP = `
const [host, port, payload, limit] = process.argv.slice(1);
const socket = require('node:net').connect(Number(port), host);
const chunks = [];
const done = (result) => { console.log(JSON.stringify(result)); process.exit(0); };
socket.setTimeout(Number(limit), () => done({ error: 'ETIMEDOUT' }));
socket.on('connect', () => socket.end(payload));
socket.on('data', (chunk) => chunks.push(chunk));
socket.on('end', () => done({ reply: Buffer.concat(chunks).toString() }));
socket.on('error', (err) => done({ error: err.code ?? err.message }));`;

// From a host: one datagram from a connected socket; what comes back until a quiet moment (or the
// limit), as one line of JSON, the datagrams in base64.
const UDP = `
const [host, port, payload, limit, quiet] = process.argv.slice(1);
const socket = require('node:dgram').createSocket('udp4');
const replies = [];
const done = (error) => { console.log(JSON.stringify({ replies, error })); process.exit(0); };
let timer = setTimeout(done, Number(limit));
socket.on('message', (message) => {
  replies.push(message.toString('base64'));
  clearTimeout(timer);
  timer = setTimeout(done, Number(quiet));
});
socket.on('error', (err) => done(err.code ?? err.message));
socket.connect(Number(port), host, () => socket.send(payload));`;

/** What one check can do in the lab. */
class World implements LabWorld {
  private readonly started: Process[] = [];
  private readonly lab: Lab;
  private readonly file: string;
  private readonly cwd: string;
  private readonly startLimitMs: number;
  constructor(lab: Lab, file: string, cwd: string, startLimitMs: number) {
    this.lab = lab;
    this.file = file;
    this.cwd = cwd;
    this.startLimitMs = startLimitMs;
  }

  private launch(host: string, argv: string[]): Process {
    const proc = this.lab.start(host, argv, { cwd: this.cwd });
    this.started.push(proc);
    return proc;
  }

  async serve(host: string, args: string[] = []) {
    const argv = typescript(this.file, ['--port', '0', ...args], { tsx: true });
    const proc = this.launch(host, argv);
    try {
      await listeningPort(proc, this.startLimitMs * SLACK);
    } catch (err) {
      if (!(err instanceof NotListening)) throw err;
      const stderr = proc.stderr().trim().split('\n').slice(0, 6).join('\n');
      throw new CheckFailure(
        err.exitCode === undefined
          ? {
              pt: `o programa não disse "listening on ENDEREÇO:PORTA" em ${this.startLimitMs / 1000} s`,
              en: `the program did not say "listening on ADDRESS:PORT" within ${this.startLimitMs / 1000} s`,
            }
          : {
              pt: `o programa terminou (código ${err.exitCode}) antes de dizer "listening on ENDEREÇO:PORTA"\n${stderr}`,
              en: `the program ended (exit code ${err.exitCode}) before it said "listening on ADDRESS:PORT"\n${stderr}`,
            },
      );
    }
    const [, address, port] = /listening on (\S+):(\d+)/.exec(proc.output())!;
    return { address, port: Number(port) };
  }

  async run(host: string, args: string[], { limitMs = RUN_LIMIT_MS } = {}) {
    const started = performance.now();
    const proc = this.launch(host, typescript(this.file, args, { tsx: true }));
    const result = await finish(proc, limitMs * SLACK);
    return { ...result, ms: Math.round(performance.now() - started) };
  }

  async start(host: string, example: string, args: string[] = []) {
    const proc = this.launch(host, typescript(`examples/${example}`, args));
    await listeningPort(proc);
    return { output: () => proc.output() };
  }

  async tcp(
    host: string,
    address: string,
    port: number,
    payload = '',
    { limitMs = REPLY_LIMIT_MS } = {},
  ) {
    const argv = [process.execPath, '-e', TCP, address, String(port), payload];
    const { stdout } = await finish(this.launch(host, [...argv, String(limitMs * SLACK)]));
    return JSON.parse(stdout) as { reply?: string; error?: string };
  }

  async udp(
    host: string,
    address: string,
    port: number,
    payload: string,
    { limitMs = REPLY_LIMIT_MS, quietMs = 300 } = {},
  ) {
    const times = [limitMs, quietMs].map((ms) => String(ms * SLACK));
    const argv = [process.execPath, '-e', UDP, address, String(port), payload, ...times];
    const { stdout } = await finish(this.launch(host, argv));
    const { replies, error } = JSON.parse(stdout) as { replies: string[]; error?: string };
    return { replies: replies.map((r) => Buffer.from(r, 'base64')), error };
  }

  async stopAll() {
    await Promise.allSettled(this.started.map((p) => p.stop()));
  }
}
