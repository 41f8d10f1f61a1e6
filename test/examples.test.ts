// The shape of every program a learner reads (examples/*.ts and the exercises' starters and
// solutions), checked on its TypeScript syntax tree, and each one run the way a learner runs it
// after copying it alone into an empty folder.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { exerciseIds, loadExercise } from '../src/lib/exercise-registry.ts';
import { CLI_REGION, pagesUnder, parsePage } from '../src/lib/content-checks.ts';
import { extractRegion, findRegions } from '../src/lib/regions.ts';
import { listeningPort, tsxLoader } from '../src/lib/processes.ts';
import { slack } from '../src/lib/slack.ts';
import { finish, root, run } from './processes.ts';

const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.ts'));
const exercises = await Promise.all(
  exerciseIds().map(async (id) => ({ id, ...(await loadExercise(id)) })),
);
const programs = [
  ...examples,
  ...exercises.flatMap(({ id, file }) => [
    `exercises/${id}/${file}`,
    `exercises/${id}/solution.ts`,
  ]),
];
const source = (file: string) => readFileSync(join(root, 'examples', file), 'utf8');
/** Imported whole, by their default export, in every program. */
const SOCKET_MODULES = ['node:net', 'node:dgram', 'node:tls', 'node:dns'];
/** A region that stops inside a block (or starts inside one) says so with a line like this. */
const SNIP = /^\s*\/\/ …/;

/** What the lessons show: for each file, its regions, and for each exercise, its region. */
const shown = new Map<string, Set<string>>();
const exerciseRegion = new Map<string, string>();
for (const page of pagesUnder(join(root, 'src/content/docs'))) {
  for (const ref of parsePage(readFileSync(join(root, 'src/content/docs', page), 'utf8'))
    .references) {
    if (ref.kind === 'Example' && ref.props.file) {
      if (!shown.has(ref.props.file)) shown.set(ref.props.file, new Set());
      shown.get(ref.props.file)!.add(ref.props.region ?? '*');
    }
    if (ref.kind === 'Exercise') exerciseRegion.set(ref.props.id, ref.props.region);
  }
}

describe.each(programs)('%s', (file) => {
  const text = source(file);
  const tree = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);

  it('exports nothing and has no top-level await (tsx runs a lone file as CommonJS)', () => {
    const exported = tree.statements.filter(
      (s) =>
        ts.isExportDeclaration(s) ||
        ts.isExportAssignment(s) ||
        ts.getModifiers(s as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword),
    );
    expect(exported.map((s) => s.getText().split('\n')[0])).toEqual([]);
    const awaits: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isFunctionLike(node)) return; // an await inside a function is fine
      if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier))
        awaits.push(node.getText().split('\n')[0]);
      ts.forEachChild(node, visit);
    };
    visit(tree);
    expect(awaits).toEqual([]);
  });

  it(`ends with its command-line tail, the "${CLI_REGION}" region`, () => {
    const cli = findRegions(text, file).get(CLI_REGION);
    expect(cli, `no "${CLI_REGION}" region`).toBeDefined();
    const after = text.split('\n').slice(cli!.end + 1);
    expect(after.filter((line) => line.trim() !== '')).toEqual([]);
  });

  it('imports nothing but Node built-ins (a reader copies one file into an empty folder)', () => {
    const imports = tree.statements
      .filter(ts.isImportDeclaration)
      .map((s) => (s.moduleSpecifier as ts.StringLiteral).text);
    expect(imports.filter((m) => !m.startsWith('node:'))).toEqual([]);
  });

  it('imports the socket modules whole (net.connect, dgram.createSocket), the same in every file', () => {
    const named = tree.statements
      .filter(ts.isImportDeclaration)
      .filter((s) => SOCKET_MODULES.includes((s.moduleSpecifier as ts.StringLiteral).text))
      .filter((s) => !s.importClause?.name || s.importClause.namedBindings)
      .map((s) => s.getText());
    expect(named).toEqual([]);
  });

  it('shows teaching code that calls nothing of the tail but commandLine()', () => {
    const span = findRegions(text, file).get(CLI_REGION)!;
    const line = (node: ts.Node) => tree.getLineAndCharacterOfPosition(node.getStart()).line;
    const inTail = (node: ts.Node) => line(node) >= span.start && line(node) < span.end;
    const tailFunctions = new Set<string>();
    const calls: ts.CallExpression[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isFunctionDeclaration(node) && node.name && inTail(node))
        tailFunctions.add(node.name.text);
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && !inTail(node))
        calls.push(node);
      ts.forEachChild(node, visit);
    };
    visit(tree);
    const called = calls
      .map((call) => (call.expression as ts.Identifier).text)
      .filter((name) => tailFunctions.has(name));
    expect(called).toEqual(['commandLine']);
  });

  // (--help and the other command lines: test/robustness/arguments.test.ts.)
});

describe.each(exercises)('exercise $id', ({ id, file }) => {
  it('has a starter and a solution that differ only inside the region the lesson shows', () => {
    const region = exerciseRegion.get(id)!;
    expect(region, `no <Exercise id="${id}"> in any lesson`).toBeDefined();
    const outside = (name: string) => {
      const text = source(`exercises/${id}/${name}`);
      const span = findRegions(text, name).get(region);
      expect(span, `${name} has no region "${region}"`).toBeDefined();
      const lines = text.split('\n');
      return [...lines.slice(0, span!.start), '…', ...lines.slice(span!.end)].join('\n');
    };
    expect(outside(file)).toBe(outside('solution.ts'));
  });

  it('gives its TODO instructions in Portuguese and in English, in the starter', () => {
    // Each block of TODO lines (// TODO or // A FAZER) has a line in each language (told apart by their commonest words).
    const words = (list: string) => new RegExp(`(?<!\\p{L})(${list})(?!\\p{L})`, 'iu');
    const portuguese = words('de|que|e|o|os|um|uma|com|para|não|até|cada|também');
    const english = words(
      'the|and|to|of|with|until|each|it|its|is|an|at|in|on|for|every|keep|gets|answer',
    );
    const blocks = source(`exercises/${id}/${file}`)
      .split(/\n(?!\s*\/\/ (?:TODO|A FAZER))/)
      .map((chunk) => chunk.split('\n').filter((line) => /^\s*\/\/ (?:TODO|A FAZER)/.test(line)))
      .filter((block) => block.length > 0);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      expect(
        block.some((line) => portuguese.test(line) && !english.test(line)),
        block.join('\n'),
      ).toBe(true);
      expect(
        block.some((line) => english.test(line)),
        block.join('\n'),
      ).toBe(true);
    }
  });
});

describe('the examples, as a reader meets them', () => {
  // What the shape tests above guarantee for every file (built-ins only, no top-level await,
  // no exports), shown end to end once: the model, copied alone into an empty folder and run
  // with tsx's loader as `npx tsx` runs it (there tsx compiles a lone .ts file as CommonJS).
  it.for(['udp-server.ts', 'exercises/udp-upper/server.ts'])(
    '%s runs from an empty folder with tsx',
    async (file) => {
      const dir = mkdtempSync(join(tmpdir(), 'copied-'));
      try {
        copyFileSync(join(root, 'examples', file), join(dir, basename(file)));
        const r = await finish(
          run(process.execPath, ['--import', tsxLoader, basename(file), '--help'], { cwd: dir }),
          20_000,
        );
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^usage: npx tsx \S+\.ts/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  // Every other test runs an example as `node FILE` does (test/processes.ts, and the session
  // runner for the transcripts); this one runs the commands exactly as the lessons show them.
  it(
    'npx tsx examples/udp-server.ts and npx tsx examples/udp-client.ts, as the lesson shows them',
    async () => {
      const server = run('npx', ['tsx', 'examples/udp-server.ts', '--port', '0']);
      const port = String(await listeningPort(server, slack(20_000)));
      const client = await finish(
        run('npx', ['tsx', 'examples/udp-client.ts', '--port', port, 'olá, mundo']),
        slack(20_000),
      );
      expect(client.stderr).toBe('');
      expect(client.code).toBe(0);
      expect(client.stdout).toContain('received 11 bytes back: olá, mundo');
      await server.waitFor(/^11 bytes from 127\.0\.0\.1:\d+: "olá, mundo"$/m);
      await server.stop('SIGINT'); // Ctrl+C reaches npx and the server it started (or the stop fails)
    },
    slack(30_000),
  );

  // Go by Example's median is 49 lines: one idea per file, read in one sitting. Laid out by
  // Prettier (100 columns), the examples' median is 82 lines and the lessons show 61% of their
  // code lines; the rest is the command-line tail (parseArgs, exit codes, one handler for
  // errors), about 20 lines. Everything above that tail is shown by some lesson. These bounds
  // catch an example that grows, a tail that swells, or code no lesson shows.
  it('are short, and the lessons show their teaching code', () => {
    const lengths: number[] = [];
    let code = 0;
    let cli = 0;
    let inLessons = 0;
    for (const file of examples) {
      const text = source(file);
      lengths.push(text.split('\n').length);
      const regions = findRegions(text, file);
      const cliSpan = regions.get(CLI_REGION);
      const wanted = shown.get(file) ?? new Set();
      text.split('\n').forEach((line, i) => {
        const s = line.trim();
        if (!s || s.startsWith('//') || s.startsWith('*') || s.startsWith('/*')) return;
        code++;
        if (cliSpan && i >= cliSpan.start && i < cliSpan.end) cli++;
        const inside = [...regions].some(
          ([name, span]) =>
            (wanted.has('*') || wanted.has(name)) &&
            name !== CLI_REGION &&
            i >= span.start &&
            i < span.end,
        );
        if (inside) inLessons++;
      });
    }
    lengths.sort((a, b) => a - b);
    const median = lengths[Math.floor(lengths.length / 2)];
    expect(median).toBeLessThanOrEqual(85);
    expect(inLessons / code, 'share of all code lines shown').toBeGreaterThanOrEqual(0.6);
    expect(
      inLessons / (code - cli),
      'share of the teaching code (all but the cli tail) shown',
    ).toBeGreaterThanOrEqual(0.95);
  });

  // A region cut inside a function shows a page with brackets left open (or closed that never
  // opened): such a region says so, the Rust book's way, with a comment line "// …" at the cut.
  it.for(programs)('%s: every region a lesson shows is whole, or marks its cut', (file) => {
    const text = source(file);
    const wanted = shown.get(file) ?? new Set();
    const unmarked: string[] = [];
    for (const name of findRegions(text, file).keys()) {
      if (name === CLI_REGION || !(wanted.has(name) || wanted.has('*'))) continue;
      const lines = extractRegion(text, file, name).split('\n');
      const { open, closed } = brackets(lines.join('\n'));
      if (open > 0 && !SNIP.test(lines.at(-1)!)) unmarked.push(`${name}: ${open} left open`);
      if (closed > 0 && !SNIP.test(lines[0])) unmarked.push(`${name}: ${closed} never opened`);
    }
    expect(unmarked).toEqual([]);
  });
});

/** Brackets ((, [, {) a piece of code leaves open, and those it closes without opening them. */
function brackets(code: string): { open: number; closed: number } {
  const K = ts.SyntaxKind;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, code);
  const stack: ('bracket' | 'template')[] = [];
  const valueEnd = [K.Identifier, K.NumericLiteral, K.StringLiteral, K.CloseParenToken];
  let closed = 0;
  let previous = K.Unknown;
  for (let token = scanner.scan(); token !== K.EndOfFileToken; token = scanner.scan()) {
    if ((token === K.SlashToken || token === K.SlashEqualsToken) && !valueEnd.includes(previous))
      token = scanner.reScanSlashToken(); // a regular expression, not a division
    if (token === K.TemplateHead) stack.push('template');
    else if (token === K.CloseBraceToken && stack.at(-1) === 'template') {
      token = scanner.reScanTemplateToken(false); // the rest of a template string
      if (token === K.TemplateTail) stack.pop();
    } else if ([K.OpenBraceToken, K.OpenParenToken, K.OpenBracketToken].includes(token))
      stack.push('bracket');
    else if ([K.CloseBraceToken, K.CloseParenToken, K.CloseBracketToken].includes(token)) {
      if (stack.length > 0) stack.pop();
      else closed++;
    }
    previous = token;
  }
  return { open: stack.length, closed };
}

// A from-scratch exercise (`scratch: true`): the learner writes the whole program, so the
// region is everything between the header comment and the command-line tail, and the starter
// holds nothing of its own there but the imports and the line that reads the command line.
describe.each(exercises.filter((e) => e.scratch))('from-scratch exercise $id', ({ id, file }) => {
  it('its region is all above the command-line tail', () => {
    const region = exerciseRegion.get(id)!;
    const spans = (name: string) => {
      const text = source(`exercises/${id}/${name}`);
      const regions = findRegions(text, name);
      return { lines: text.split('\n'), span: regions.get(region)!, cli: regions.get(CLI_REGION)! };
    };
    for (const name of [file, 'solution.ts']) {
      const { lines, span, cli } = spans(name);
      const header = lines.slice(0, span.start - 1); // up to the #region line
      const between = lines.slice(span.end + 1, cli.start - 1); // after #endregion, before the tail
      expect(
        header.filter((l) => !l.startsWith('//')),
        name,
      ).toEqual([]);
      expect(
        between.filter((l) => l.trim() !== ''),
        name,
      ).toEqual([]);
    }
    const { lines, span } = spans(file);
    const code = lines
      .slice(span.start, span.end)
      .filter((l) => l.trim() !== '' && !l.trim().startsWith('//'));
    const own = code.filter((l) => !/^import |^const \{[\w, ]+\} = commandLine\(\);/.test(l));
    expect(own).toEqual([]);
  });
});
