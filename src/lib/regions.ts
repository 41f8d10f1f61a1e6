// Code regions: the part of an example file that a lesson shows.
//
// An example marks a region with VS Code's folding markers:
//
//     // #region bind
//     socket.bind(port, host);
//     // #endregion bind
//
// The markers never reach the page, the common indentation is removed, and a
// region that is missing, duplicated or left open is an error that names the
// file and the region: a lesson must never show the wrong code silently.

const MARKER = /^\s*\/\/\s*#(region|endregion)\b\s*(\S*)\s*$/;

export class RegionError extends Error {
  override name = 'RegionError';
}

interface Span {
  start: number; // index of the first line inside the region
  end: number; // index of the #endregion line
}

/** Every region of a file, by name. Throws RegionError on a malformed file. */
export function findRegions(source: string, file: string): Map<string, Span> {
  const lines = source.split('\n');
  const found = new Map<string, Span>();
  const open: { name: string; start: number; line: number }[] = [];
  lines.forEach((line, i) => {
    const m = MARKER.exec(line);
    if (!m) return;
    const [, kind, name] = m;
    if (kind === 'region') {
      if (!name) throw new RegionError(`${file}:${i + 1}: a #region needs a name`);
      if (found.has(name) || open.some((o) => o.name === name)) {
        throw new RegionError(`${file}:${i + 1}: region "${name}" is defined twice`);
      }
      open.push({ name, start: i + 1, line: i + 1 });
    } else {
      const top = open.pop();
      if (!top) throw new RegionError(`${file}:${i + 1}: #endregion without a #region`);
      if (name && name !== top.name) {
        throw new RegionError(
          `${file}:${i + 1}: #endregion ${name} closes region "${top.name}" (opened on line ${top.line})`,
        );
      }
      found.set(top.name, { start: top.start, end: i });
    }
  });
  const unclosed = open.pop();
  if (unclosed) {
    throw new RegionError(`${file}:${unclosed.line}: region "${unclosed.name}" is never closed`);
  }
  return found;
}

/** The file as a reader should see it: every region marker line removed. */
export function stripMarkers(source: string): string {
  return source
    .split('\n')
    .filter((line) => !MARKER.test(line))
    .join('\n')
    .trimEnd();
}

/** The lines of one region, markers of nested regions removed, common indent removed. */
export function extractRegion(source: string, file: string, region: string): string {
  const regions = findRegions(source, file);
  const span = regions.get(region);
  if (!span) {
    const known = [...regions.keys()].map((r) => `"${r}"`).join(', ') || 'none';
    throw new RegionError(`${file}: no region "${region}" (regions in this file: ${known})`);
  }
  const lines = source
    .split('\n')
    .slice(span.start, span.end)
    .filter((line) => !MARKER.test(line));
  const code = trimBlankEdges(dedent(lines)).join('\n');
  if (code === '') throw new RegionError(`${file}: region "${region}" is empty`);
  return code;
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.match(/^ */)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut));
}

function trimBlankEdges(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a].trim() === '') a++;
  while (b > a && lines[b - 1].trim() === '') b--;
  return lines.slice(a, b);
}

/**
 * Where a region's lines are in the file as a reader sees it (markers removed), 1-based and
 * inclusive: what a code block needs to collapse them. Undefined when there is no such region.
 */
export function regionLines(
  source: string,
  file: string,
  region: string,
): { from: number; to: number } | undefined {
  const span = findRegions(source, file).get(region);
  if (!span) return undefined;
  const lines = source.split('\n');
  const shownBefore = (index: number) =>
    lines.slice(0, index).filter((line) => !MARKER.test(line)).length;
  const from = shownBefore(span.start) + 1;
  const to = shownBefore(span.end);
  return to >= from ? { from, to } : undefined;
}
