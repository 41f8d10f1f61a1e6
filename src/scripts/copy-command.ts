// Copy buttons next to terminal commands: they copy the command alone (no prompt,
// no output). They exist only with JavaScript; without it there is nothing to click.
for (const button of document.querySelectorAll<HTMLButtonElement>('button.copy-command')) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText(button.dataset.command ?? '');
    button.classList.add('copied');
    button.title = button.dataset.copied ?? '';
    setTimeout(() => button.classList.remove('copied'), 1500);
  });
}
