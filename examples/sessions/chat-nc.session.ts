import { defineSession } from '../../src/lib/session.ts';

// The chat lesson: the course's solution with three nc clients. Each client's first line is its
// name (bia tries "ana" first, which is taken); ana speaks before anyone else has joined, so her
// line reaches no one. Ctrl+C in a client's terminal ends its connection: the others are told.
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/exercises/chat/solution.ts' },
    {
      in: 'client-ana',
      start: 'nc 127.0.0.1 12000',
      type: 'ana\n',
      waitFor: ['* ana joined', { server: '* ana joined' }],
    },
    { in: 'client-ana', type: 'alguém aí?\n' },
    {
      in: 'client-bia',
      start: 'nc 127.0.0.1 12000',
      type: 'ana\n',
      waitFor: '* ana is taken',
    },
    {
      in: 'client-bia',
      type: 'bia\n',
      waitFor: ['* bia joined', { 'client-ana': '* bia joined' }],
    },
    { in: 'client-bia', type: 'oi, ana!\n', waitFor: { 'client-ana': 'bia: oi, ana!' } },
    { in: 'client-ana', type: 'oi, bia!\n', waitFor: { 'client-bia': 'ana: oi, bia!' } },
    {
      in: 'client-caio',
      start: 'nc 127.0.0.1 12000',
      type: 'caio\n',
      waitFor: [
        '* caio joined',
        { 'client-ana': '* caio joined' },
        { 'client-bia': '* caio joined' },
      ],
    },
    {
      in: 'client-caio',
      type: 'oi, gente\n',
      waitFor: [{ 'client-ana': 'caio: oi, gente' }, { 'client-bia': 'caio: oi, gente' }],
    },
    {
      in: 'client-bia',
      interrupt: true,
      waitFor: [{ 'client-ana': '* bia left' }, { 'client-caio': '* bia left' }],
    },
    { in: 'client-ana', interrupt: true, waitFor: { 'client-caio': '* ana left' } },
    { in: 'client-caio', interrupt: true, waitFor: { server: '* caio left' } },
    { in: 'server', interrupt: true },
  ],
});
