// The example files that get a page of their own (/code/FILE/ and /en/code/FILE/):
// every program under examples/, but not the session definitions nor exercise checks.
import { examples } from './site.ts';

export function codePaths() {
  return Object.entries(examples)
    .filter(([path]) => !path.includes('/sessions/') && !path.endsWith('/check.ts'))
    .map(([path, source]) => {
      const file = path.replace(/^\/examples\//, '');
      return { params: { file }, props: { file, source } };
    });
}
