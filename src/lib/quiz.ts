// What a lesson's self-check questions are: src/content/quizzes/<lesson>.ts holds them, both
// languages side by side, and <Quiz lesson="…" /> shows them on both pages. A question whose
// answer is a fact of a real run names that run (`tiedTo`), and test/quiz.test.ts reads the
// value from it again on every `npm test`: when the run changes, the question fails with it.
// Nothing here runs or reads anything: the page build imports it (the checks: quiz-checks.ts).
import type { Lang, Text } from './exercise.ts';
import type { Packet } from './capture.ts';

export type { Lang, Text };

/**
 * Where an answer comes from, and how to read it there. The value read must appear in the
 * right option (in both languages), or equal a number question's answer.
 */
export type Tie =
  /** The first match's one group, in a golden transcript (examples/sessions/NAME.txt). */
  | { session: string; terminal?: string; match: RegExp }
  /** How many times a pattern (with the g flag) matches in a golden transcript. */
  | { session: string; terminal?: string; count: RegExp }
  /** How many packets of a capture session pass a test (src/lib/capture.ts reads them). */
  | { capture: string; packets: (packet: Packet, index: number, all: Packet[]) => boolean }
  /** The number of the first packet that passes a test: 1 for the first, as the diagram and Wireshark count. */
  | { capture: string; packet: (packet: Packet, index: number, all: Packet[]) => boolean }
  /** The first match's one group, in a region of an example (examples/FILE). */
  | { example: string; region: string; match: RegExp };

interface Common {
  /** The question. `code` between backticks is shown as code. */
  question: Text;
  /** Why the answer is right, shown after answering (or when the reader opens it). */
  explanation: Text;
  /** The myth this question corrects, in a few words, when it corrects one. */
  corrects?: string;
  tiedTo?: Tie;
}

/** Multiple choice: one right option. */
export interface Choice extends Common {
  kind: 'choice';
  options: Text[];
  /** The index of the right option. */
  answer: number;
}

/** A short answer that is a whole number ("how many bytes…?"). */
export interface NumberAnswer extends Common {
  kind: 'number';
  answer: number;
  /** What the number counts ("bytes", "ms"), shown after the box. */
  unit?: Text;
}

export type Question = Choice | NumberAnswer;

export function defineQuiz(questions: Question[]): Question[] {
  return questions;
}

/** A text split into plain parts and `code` parts, for the page to render. */
export function inlineParts(text: string): { code: boolean; text: string }[] {
  return text
    .split(/`([^`]+)`/)
    .map((part, i) => ({ code: i % 2 === 1, text: part }))
    .filter((part) => part.text !== '');
}

/** The file a tie reads, as a path in the repository. */
export function sourceOf(tie: Tie): string {
  if ('example' in tie) return `examples/${tie.example}`;
  return `examples/sessions/${'capture' in tie ? tie.capture : tie.session}.txt`;
}

/** A whole number as a reader may type it: "65.507", "65,507", "65 507" and "65507" are one. */
export function parseWholeNumber(typed: string): number | undefined {
  const plain = typed.trim().replace(/(?<=\d)[\s.,](?=\d{3}(\D|$))/g, '');
  return /^-?\d+$/.test(plain) ? Number(plain) : undefined;
}
