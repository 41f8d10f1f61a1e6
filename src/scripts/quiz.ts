// Self-check questions (<Quiz>): with JavaScript, Check marks the reader's answer right or wrong,
// says so in the question's live region and opens the answer with its explanation. Without it
// there is no Check button, and each answer is a <details> the reader opens.
import { parseWholeNumber } from '../lib/quiz.ts';

for (const quiz of document.querySelectorAll<HTMLElement>('.quiz')) {
  const words = quiz.dataset;
  for (const question of quiz.querySelectorAll<HTMLElement>('.quiz-question')) {
    const check = question.querySelector<HTMLElement>('.quiz-check')!;
    const button = check.querySelector('button')!;
    const verdict = check.querySelector<HTMLElement>('.quiz-verdict')!;
    const details = question.querySelector('details')!;
    const answer = Number(question.dataset.answer);

    const mark = (label: Element | null | undefined, right: boolean) => {
      if (!label) return;
      label.setAttribute('data-mark', right ? 'right' : 'wrong');
      const badge = document.createElement('span');
      badge.className = 'quiz-mark';
      badge.textContent = `${right ? '✓' : '✗'} ${right ? words.markRight : words.markWrong}`;
      // After the option's words (its <span>), or after the box and its unit.
      (label.querySelector(':scope > span') ?? label).append(badge);
    };
    const clear = () => {
      for (const badge of question.querySelectorAll('.quiz-mark')) badge.remove();
      for (const label of question.querySelectorAll('[data-mark]'))
        label.removeAttribute('data-mark');
      verdict.removeAttribute('data-verdict');
      verdict.textContent = '';
    };
    const say = (text: string, right?: boolean) => {
      if (right !== undefined) verdict.dataset.verdict = right ? 'right' : 'wrong';
      verdict.textContent = text;
    };

    const run = () => {
      clear();
      let chosen: number | undefined;
      let labels: (Element | null)[];
      if (question.dataset.kind === 'choice') {
        const radios = [...question.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
        const picked = radios.find((r) => r.checked);
        if (!picked) return say(words.choose ?? '');
        chosen = Number(picked.value);
        labels = radios.map((r) => r.closest('label'));
      } else {
        const input = question.querySelector<HTMLInputElement>('input')!;
        chosen = parseWholeNumber(input.value);
        if (chosen === undefined) return say(words.typeNumber ?? '');
        labels = [input.closest('label')];
      }
      const right = chosen === answer;
      const choiceLabel = question.dataset.kind === 'choice' ? labels[chosen] : labels[0];
      mark(choiceLabel, right);
      if (right) say(words.right ?? '', true);
      else {
        if (question.dataset.kind === 'choice') mark(labels[answer], true);
        say(`${words.wrong} ${words.rightIs} ${question.dataset.answerText}.`, false);
      }
      details.open = true;
    };

    check.hidden = false;
    button.addEventListener('click', run);
    // A new choice, or a new digit, wipes the old verdict: the marks speak of the answer given now.
    // (Not on 'change' for the number: Enter fires one, right after checking.)
    for (const input of question.querySelectorAll('input'))
      input.addEventListener(input.type === 'radio' ? 'change' : 'input', clear);
    question.querySelector('input[type="text"]')?.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Enter') run();
    });
  }
}
