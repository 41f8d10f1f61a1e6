import { describe, expect, it } from 'vitest';
import {
  extractRegion,
  findRegions,
  RegionError,
  regionLines,
  stripMarkers,
} from '../src/lib/regions.ts';

const source = [
  "import dgram from 'node:dgram';",
  'function start() {',
  '  // #region socket',
  "  const socket = dgram.createSocket('udp4');",
  '  // #region inner',
  '  socket.bind(0);',
  '  // #endregion inner',
  '  // #endregion socket',
  '}',
].join('\n');

describe('code regions', () => {
  it('extracts a region without its markers and without the common indent', () => {
    expect(extractRegion(source, 'x.ts', 'socket')).toBe(
      "const socket = dgram.createSocket('udp4');\nsocket.bind(0);",
    );
    expect(extractRegion(source, 'x.ts', 'inner')).toBe('socket.bind(0);');
  });

  it('strips every marker from the whole file', () => {
    expect(stripMarkers(source)).not.toMatch(/#(end)?region/);
    expect(stripMarkers(source).split('\n')).toHaveLength(5);
  });

  it('names the file and the region when a region is missing, and lists the real ones', () => {
    expect(() => extractRegion(source, 'examples/x.ts', 'bnid')).toThrow(
      'examples/x.ts: no region "bnid" (regions in this file: "inner", "socket")',
    );
  });

  it('refuses a duplicated region', () => {
    const twice = `${source}\n// #region socket\nx\n// #endregion socket`;
    expect(() => findRegions(twice, 'x.ts')).toThrow(RegionError);
    expect(() => findRegions(twice, 'x.ts')).toThrow('x.ts:10: region "socket" is defined twice');
  });

  it('refuses an unclosed region and a stray #endregion', () => {
    expect(() => findRegions('// #region a\nx', 'x.ts')).toThrow(
      'x.ts:1: region "a" is never closed',
    );
    expect(() => findRegions('x\n// #endregion a', 'x.ts')).toThrow(
      'x.ts:2: #endregion without a #region',
    );
  });

  it('refuses crossed regions', () => {
    const crossed = '// #region a\n// #region b\nx\n// #endregion a\n// #endregion b';
    expect(() => findRegions(crossed, 'x.ts')).toThrow('#endregion a closes region "b"');
  });

  it('refuses an empty region', () => {
    expect(() => extractRegion('// #region a\n\n// #endregion a', 'x.ts', 'a')).toThrow(
      'region "a" is empty',
    );
  });
});

describe('regionLines', () => {
  it('says where a region is once the markers are removed, as a code block numbers its lines', () => {
    const source = [
      'a',
      '// #region x',
      'b',
      '// #endregion x',
      'c',
      '// #region cli',
      'd',
      'e',
      '// #endregion cli',
    ].join('\n');
    expect(regionLines(source, 'f.ts', 'cli')).toEqual({ from: 4, to: 5 });
    expect(stripMarkers(source).split('\n').slice(3, 5)).toEqual(['d', 'e']);
    expect(regionLines(source, 'f.ts', 'nope')).toBeUndefined();
  });
});
