// How much longer than a stated time a wait may take: the one factor that every time bound of the
// exercise checks and of the tests is scaled by. A learner's `npm run check` holds a program to the
// limits it states (1); the test suite sets CHECK_SLACK=3 (vitest.config.ts), because two suites
// at once on a small machine can stall a program for over a second. Nothing else here: the pages
// import it too (through exercise.ts), so it reads the environment only where there is one.

/** How many times longer than its stated limits a wait may take (CHECK_SLACK, default 1). */
export const SLACK = Math.max(1, Number(globalThis.process?.env.CHECK_SLACK) || 1);

/** A stated time in ms, as long as a wait for it may take here. */
export const slack = (ms: number): number => ms * SLACK;
