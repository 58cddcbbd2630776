// The information editor's body box (src/modules/info/views/admin-form.tsx). Progressive
// enhancement only: without this file a paste arrives as plain text and is saved as paragraphs.
//
// A paste that carries HTML (from Word, WPS or a web page) is sent to the server, whose body
// sanitiser — the same one every saved body passes — returns what it keeps: headings, lists,
// tables, bold. That markup goes into the box, and the preview shows the body as it will be saved.
// The markup that makes the server read the body as HTML (validate.ts bodyFromText).
const MARKUP = /<\/?(p|br|h[1-6]|ul|ol|table)\b/i;

for (const area of document.querySelectorAll('textarea[data-clean-url]')) {
  const form = area.form;
  const token = form && form.querySelector('input[name="_csrf"]');
  const status = document.getElementById(area.dataset.status || '');
  const preview = document.getElementById(area.dataset.preview || '');
  const say = (text) => { if (status) status.textContent = text; };

  const clean = async (payload) => {
    const res = await fetch(area.dataset.cleanUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': token ? token.value : '' },
      body: JSON.stringify(payload),
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok || typeof data.html !== 'string') throw new Error((data.error && data.error.message) || '服务器未能整理该内容。');
    return data.html;
  };

  let timer = 0;
  let seq = 0;
  const refreshPreview = () => {
    if (!preview) return;
    const mine = ++seq;
    clean({ body: area.value }).then((html) => {
      if (mine !== seq) return;
      preview.innerHTML = html;
      const box = preview.closest('details');
      if (box && html) box.open = true;
    }, () => {});
  };
  area.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refreshPreview, 800);
  });

  area.addEventListener('paste', async (e) => {
    const data = e.clipboardData;
    const html = data ? data.getData('text/html') : '';
    if (!html) return; // plain text: the browser pastes it as it is
    e.preventDefault();
    const text = data.getData('text/plain');
    const start = area.selectionStart;
    const end = area.selectionEnd;
    say('正在整理粘贴的内容……');
    area.setAttribute('aria-busy', 'true');
    try {
      const kept = await clean({ paste: html });
      if (area.value.trim() && !MARKUP.test(area.value)) {
        // The box held plain lines: make them paragraphs first, or they would run together once
        // the body is HTML.
        const [before, after] = await Promise.all([area.value.slice(0, start), area.value.slice(end)].map((s) => (s.trim() ? clean({ body: s }) : '')));
        area.value = [before, kept, after].filter(Boolean).join('\n');
        area.selectionStart = area.selectionEnd = (before ? before.length + 1 : 0) + kept.length;
      } else {
        area.setRangeText(kept, start, end, 'end');
      }
      say('已粘贴：保留了标题、列表、表格和加粗，字体、颜色等格式已去除。请在下方预览中核对。');
    } catch (err) {
      area.setRangeText(text, start, end, 'end');
      say(`未能保留格式，已按纯文本粘贴（${err.message}）。`);
    } finally {
      area.removeAttribute('aria-busy');
      clearTimeout(timer);
      refreshPreview();
    }
  });
}
