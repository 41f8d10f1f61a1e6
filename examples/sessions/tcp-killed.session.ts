import { defineSession } from '../../src/lib/session.ts';

// A sender killed mid-message: its kernel still delivers what was written, then a normal FIN.
// Only the length in front tells the receiver that the message is cut short. (A process killed
// by SIGKILL ends with 137, 128 + 9, as a shell says. After `npx tsx …` an interactive bash prints
// nothing more; `node examples/killed-sender.ts` dies of the signal itself, and bash prints "Killed".)
export default defineSession({
  port: 12000,
  steps: [
    { in: 'server', start: 'npx tsx examples/length-receiver.ts' },
    {
      in: 'client',
      run: 'npx tsx examples/killed-sender.ts --size 1000000 --kill-after 300000',
      exit: 137,
      waitFor: { server: 'cut short' },
    },
    {
      in: 'client',
      run: 'npx tsx examples/killed-sender.ts --size 1000000 --kill-after 1000000',
      exit: 137,
      waitFor: { server: 'nothing is missing' },
    },
    { in: 'server', interrupt: true },
  ],
});
