import { defineSession } from '../../src/lib/session.ts';

// A sender killed mid-message: its kernel still delivers what was written, then a normal FIN.
// Only the length in front tells the receiver that the message is cut short. (A process killed
// by a signal ends with 128 here. In a shell, `npx tsx …` exits with 137, 128 + 9: tsx reports
// the signal as an exit code; `node examples/killed-sender.ts` dies of it, and bash prints "Killed".)
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/length-receiver.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/killed-sender.ts --size 1000000 --kill-after 300000',
      exit: 128,
    },
    {
      in: 'client',
      run: 'npx tsx examples/killed-sender.ts --size 1000000 --kill-after 1000000',
      exit: 128,
    },
    { in: 'server', interrupt: true },
  ],
});
