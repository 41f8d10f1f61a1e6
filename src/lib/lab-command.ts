// `npm run lab -- up NAME | down NAME | list | exec NAME HOST -- COMMAND…`: a learner's lab, a
// small network of hosts in network namespaces (lab.ts), up until `down`. Every `ip`, `tc` and
// `nft` command is printed before it runs, so the learner sees how the network is made.
// Needs Linux and root (sudo); says so in one line (exit 1) where it cannot run.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { pickLang } from './check-command.ts';
import type { Lang } from './exercise.ts';
import {
  build,
  hostOf,
  learnerLab,
  namespaceNames,
  removeLearnerLab,
  shown,
  topologies,
  unavailable,
  type Topology,
} from './lab.ts';

const UI = {
  pt: {
    usage: [
      'uso: npm run lab -- list                        os laboratórios',
      '     npm run lab -- up NOME                     monta um laboratório',
      '     npm run lab -- exec NOME HOST -- COMANDO   roda um comando num host dele',
      '     npm run lab -- down NOME                   desmonta o laboratório',
      '     (--lang pt|en)',
    ].join('\n'),
    list: 'Laboratórios (monte um com npm run lab -- up NOME):',
    up: 'no ar',
    unknown: (name: string) => `não existe laboratório "${name}".`,
    noHost: (name: string, host: string, hosts: string) =>
      `o laboratório ${name} não tem o host "${host}" (hosts: ${hosts}).`,
    already: (name: string) =>
      `o laboratório ${name} já está no ar (para desmontar: npm run lab -- down ${name})`,
    notUp: (name: string) =>
      `o laboratório ${name} não está no ar (para montar: npm run lab -- up ${name})`,
    nothing: (name: string) => `nada a desmontar: o laboratório ${name} não está no ar.`,
    failed: (why: string) => `não deu para montar o laboratório: ${why}`,
    ready: (name: string) => `O laboratório ${name} está no ar:`,
    exec: (name: string, host: string) =>
      `Rode um comando num host: npm run lab -- exec ${name} ${host} -- ip addr`,
    down: (name: string) => `Para desmontar: npm run lab -- down ${name}`,
    removed: (name: string) => `O laboratório ${name} foi desmontado.`,
    others: (pid: string, names: string, running: boolean) =>
      `(namespaces do processo ${pid}, ${running ? 'em execução' : 'que já terminou'}: ${names})`,
  },
  en: {
    usage: [
      'usage: npm run lab -- list                        the labs',
      '       npm run lab -- up NAME                     builds a lab',
      '       npm run lab -- exec NAME HOST -- COMMAND   runs a command in one of its hosts',
      '       npm run lab -- down NAME                   removes the lab',
      '       (--lang pt|en)',
    ].join('\n'),
    list: 'Labs (build one with npm run lab -- up NAME):',
    up: 'up',
    unknown: (name: string) => `there is no lab "${name}".`,
    noHost: (name: string, host: string, hosts: string) =>
      `the lab ${name} has no host "${host}" (hosts: ${hosts}).`,
    already: (name: string) =>
      `the lab ${name} is already up (to remove it: npm run lab -- down ${name})`,
    notUp: (name: string) => `the lab ${name} is not up (to build it: npm run lab -- up ${name})`,
    nothing: (name: string) => `nothing to remove: the lab ${name} is not up.`,
    failed: (why: string) => `could not build the lab: ${why}`,
    ready: (name: string) => `The lab ${name} is up:`,
    exec: (name: string, host: string) =>
      `Run a command in a host: npm run lab -- exec ${name} ${host} -- ip addr`,
    down: (name: string) => `To remove it: npm run lab -- down ${name}`,
    removed: (name: string) => `The lab ${name} is gone.`,
    others: (pid: string, names: string, running: boolean) =>
      `(namespaces of process ${pid}, ${running ? 'running' : 'which has ended'}: ${names})`,
  },
};

/** The command; returns its exit code (0 done, 1 cannot run here or failed, 2 a usage error). */
export async function main(
  args: string[],
  print = console.log,
  printError = console.error,
): Promise<number> {
  // What follows `--` is the command for `exec`, options and all.
  const cut = args.indexOf('--');
  const command = cut < 0 ? [] : args.slice(cut + 1);
  let values: { lang?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: cut < 0 ? args : args.slice(0, cut),
      allowPositionals: true,
      options: { lang: { type: 'string' } },
    }));
  } catch (err) {
    printError(`${(err as Error).message}\n${UI[pickLang(undefined)].usage}`);
    return 2;
  }
  const lang = pickLang(values.lang);
  const ui = UI[lang];
  const [action, name, host, ...rest] = positionals;
  const usage = () => {
    printError(ui.usage);
    return 2;
  };
  if (action === 'list' && !name) return list(lang, print);
  // up NAME, down NAME, exec NAME HOST -- COMMAND…
  const wellFormed =
    action === 'exec'
      ? name && host && !rest.length && command.length
      : ['up', 'down'].includes(action ?? '') && name && !host && cut < 0;
  if (!wellFormed) return usage();
  const topology = Object.hasOwn(topologies, name) ? topologies[name] : undefined;
  if (!topology) {
    printError(ui.unknown(name));
    list(lang, printError);
    return 2;
  }
  const why = unavailable();
  if (why) {
    printError(why);
    return 1;
  }
  if (action === 'up') return up(topology, lang, print, printError);
  if (action === 'down') {
    if (!removeLearnerLab(topology, print).length) print(ui.nothing(name));
    else print(ui.removed(name));
    return 0;
  }
  const h = hostOf(topology, host);
  if (!h) {
    printError(ui.noHost(name, host, topology.hosts.map((x) => x.label[lang]).join(', ')));
    return 2;
  }
  const lab = learnerLab(topology);
  if (!lab) {
    printError(ui.notUp(name));
    return 1;
  }
  return exec(['ip', 'netns', 'exec', lab[h.id], ...command], print);
}

function list(lang: Lang, print: (line: string) => void): number {
  const ui = UI[lang];
  const existing = process.platform === 'linux' ? namespaceNames() : [];
  print(ui.list);
  for (const topology of Object.values(topologies)) {
    const up = process.platform === 'linux' && learnerLab(topology) ? ui.up : '';
    const hosts = topology.hosts.map((h) => h.label[lang]).join(', ');
    print(`  ${topology.name.padEnd(13)} ${up.padEnd(6)} ${hosts}: ${topology.about[lang]}`);
  }
  // Namespaces that programs (tests, sessions) built: removed when they end, or by the next lab.
  const owners = new Map<string, string[]>();
  for (const ns of existing) {
    const pid = /^sp(\d+)-\d+[a-z]$/.exec(ns)?.[1];
    if (pid) owners.set(pid, [...(owners.get(pid) ?? []), ns]);
  }
  for (const [pid, names] of owners) print(ui.others(pid, names.join(' '), running(Number(pid))));
  return 0;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function up(
  topology: Topology,
  lang: Lang,
  print: (line: string) => void,
  printError: (line: string) => void,
): Promise<number> {
  const ui = UI[lang];
  if (learnerLab(topology)) {
    printError(ui.already(topology.name));
    return 1;
  }
  let namespaces: Record<string, string>;
  try {
    ({ namespaces } = await build(topology, { print, learner: lang }));
  } catch (err) {
    printError(ui.failed((err as Error).message));
    return 1;
  }
  print(`\n${ui.ready(topology.name)}`);
  for (const h of topology.hosts) {
    const ends = topology.links.flatMap((l) => l.ends).filter((e) => e.host === h.id);
    const addresses = ends.map((e) => `${e.address} (${e.iface})`).join(', ');
    print(`  ${h.label[lang].padEnd(9)} ${addresses}  [${namespaces[h.id]}]`);
  }
  print(ui.exec(topology.name, topology.hosts[0].label[lang]));
  print(ui.down(topology.name));
  return 0;
}

/** Run the command in the terminal; Ctrl+C goes to it, and its exit code is ours. */
async function exec(argv: string[], print: (line: string) => void): Promise<number> {
  print(shown(argv));
  const ignore = () => {};
  process.on('SIGINT', ignore); // the terminal sends Ctrl+C to the command too
  try {
    const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit' });
    return await new Promise<number>((resolve) => {
      child.on('error', () => resolve(127));
      child.on('close', (code, signal) => resolve(code ?? 128 + constants.signals[signal!]));
    });
  } finally {
    process.off('SIGINT', ignore);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
