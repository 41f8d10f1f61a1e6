// The example files that get a page of their own (/code/FILE/ and /en/code/FILE/):
// every program under examples/, but not the session definitions nor exercise checks.
const files = import.meta.glob<string>('/examples/**/*.{ts,py}', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export function codePaths() {
  return Object.entries(files)
    .filter(([path]) => !path.includes('/sessions/') && !path.endsWith('/check.ts'))
    .map(([path, source]) => {
      const file = path.replace(/^\/examples\//, '');
      return { params: { file }, props: { file, source } };
    });
}
