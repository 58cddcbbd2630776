// Progressive enhancement only: every page works without this file.
// Confirm destructive actions before the form is submitted.
document.addEventListener('submit', (e) => {
  const btn = e.submitter;
  if (btn && btn.classList.contains('danger') && !window.confirm('确定要执行此操作吗？')) e.preventDefault();
});

// Print buttons (a receipt, a letter) are hidden without JavaScript: the browser's own print works then.
for (const b of document.querySelectorAll('[data-print]')) {
  b.hidden = false;
  b.addEventListener('click', () => window.print());
}
