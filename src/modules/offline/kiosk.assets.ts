// The touch screen's stylesheet and script, served by the module (the CSP allows no inline style
// or script). Large type and targets of at least 64 px: the screen is read standing, at arm's length.

export const KIOSK_CSS = `* { box-sizing: border-box; }
html { font-size: 24px; -webkit-text-size-adjust: 100%; touch-action: manipulation; }
body.kiosk { margin: 0; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; color: #1a1a1a; background: #f4f6f9; line-height: 1.6; min-height: 100vh; display: flex; flex-direction: column; user-select: none; }
a { color: #0b4ea2; }
.k-head { display: flex; justify-content: space-between; align-items: center; gap: 16px; background: #b3121b; color: #fff; padding: 20px 32px; }
.k-brand { display: flex; flex-direction: column; }
.k-site { font-size: 1.4rem; font-weight: 700; }
.k-zone { font-size: 1rem; opacity: .9; }
.k-nav { display: flex; gap: 16px; }
.k-main { flex: 1; padding: 32px; max-width: 1040px; width: 100%; margin: 0 auto; }
.k-foot { display: flex; justify-content: space-between; gap: 16px; flex-wrap: wrap; padding: 16px 32px; background: #e3e8ef; font-size: .8rem; }
.k-warn { color: #b3121b; font-weight: 700; }
h1 { font-size: 2rem; line-height: 1.3; margin: 0 0 16px; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; }
.k-lead { font-size: 1.05rem; }
.k-btn { display: inline-flex; align-items: center; justify-content: center; min-height: 72px; min-width: 140px; padding: 0 28px; font: inherit; font-size: 1.05rem; border-radius: 12px; border: 2px solid #0b4ea2; background: #fff; color: #0b4ea2; text-decoration: none; cursor: pointer; }
.k-head .k-btn { border-color: #fff; background: transparent; color: #fff; min-height: 64px; }
.k-primary { background: #0b4ea2; color: #fff; }
.k-tiles { display: grid; grid-template-columns: repeat(2, 1fr); gap: 24px; margin-top: 32px; }
.k-tile { display: flex; flex-direction: column; justify-content: center; min-height: 220px; padding: 28px; background: #fff; border-radius: 16px; border: 2px solid #d0d7e2; text-decoration: none; color: #1a1a1a; box-shadow: 0 2px 8px rgba(0,0,0,.06); }
.k-tile strong { font-size: 1.6rem; color: #b3121b; }
.k-tile span { font-size: 1rem; color: #444; }
.k-tile:active, .k-list a:active, .k-btn:active { transform: scale(.98); background: #e8f0fb; }
.k-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 14px; }
.k-list a { display: flex; flex-direction: column; min-height: 88px; justify-content: center; padding: 16px 24px; background: #fff; border-radius: 12px; border: 2px solid #d0d7e2; text-decoration: none; color: #1a1a1a; }
.k-list.k-grid { display: grid; grid-template-columns: repeat(2, 1fr); }
.k-t { font-size: 1.05rem; font-weight: 700; overflow-wrap: anywhere; }
.k-n { font-size: .8rem; color: #555; }
.k-pager { display: flex; align-items: center; gap: 24px; margin: 24px 0; }
.k-body { background: #fff; padding: 24px 32px; border-radius: 12px; font-size: 1rem; overflow-wrap: anywhere; }
.k-body table { border-collapse: collapse; max-width: 100%; display: block; overflow-x: auto; }
.k-body td, .k-body th { border: 1px solid #999; padding: 4px 8px; }
.k-meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 20px; background: #fff; padding: 16px 24px; border-radius: 12px; font-size: .9rem; }
.k-meta dt { color: #555; }
.k-meta dd { margin: 0; overflow-wrap: anywhere; }
.k-actions { display: flex; gap: 20px; flex-wrap: wrap; margin: 28px 0; }
.k-form { display: flex; flex-direction: column; gap: 18px; }
.k-field { display: grid; grid-template-columns: 3fr 2fr; gap: 20px; align-items: start; background: #fff; padding: 18px 22px; border-radius: 12px; border: 2px solid #d0d7e2; }
.k-invalid { border-color: #b3121b; }
.k-label { display: block; font-weight: 700; margin-bottom: 8px; }
.req { color: #b3121b; margin-left: 4px; }
.k-input input, .k-input select, .k-input textarea { width: 100%; min-height: 72px; font: inherit; font-size: 1.05rem; padding: 10px 16px; border: 2px solid #7a8699; border-radius: 10px; background: #fff; user-select: text; }
.k-input textarea { min-height: 160px; }
.k-radios { display: flex; flex-wrap: wrap; gap: 12px; }
.k-radio { display: inline-flex; align-items: center; gap: 10px; min-height: 72px; padding: 0 20px; border: 2px solid #7a8699; border-radius: 10px; }
.k-radio input { width: 36px; height: 36px; }
.k-help { margin: 0; font-size: .85rem; color: #333; background: #fdf6e3; border-left: 6px solid #e0a100; padding: 10px 14px; border-radius: 6px; }
.k-error { color: #b3121b; font-weight: 700; margin: 8px 0 0; }
.k-errors { background: #fdecec; border: 2px solid #b3121b; border-radius: 12px; padding: 8px 24px; margin-bottom: 20px; }
.k-receipt { display: grid; grid-template-columns: max-content 1fr; gap: 12px 24px; font-size: 1.4rem; background: #fff; padding: 24px; border-radius: 12px; }
.k-receipt dd { margin: 0; font-family: monospace; font-weight: 700; letter-spacing: .08em; }
.k-jump { display: flex; gap: 16px; flex-wrap: wrap; margin: 8px 0 16px; }
.k-group { margin: 12px 0 28px; }
.k-group h3 { font-size: 1.15rem; margin: 0 0 12px; color: #333; }
.k-chips { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; }
.k-chip { display: flex; flex-direction: column; justify-content: center; min-height: 104px; padding: 12px 20px; background: #fff; border: 2px solid #d0d7e2; border-radius: 12px; text-decoration: none; color: #b3121b; font-size: 1.15rem; font-weight: 700; }
.k-chip span { font-size: .8rem; font-weight: 400; color: #555; }
.k-chip[aria-current] { border-color: #b3121b; background: #fdecec; }
.k-guide-head { display: flex; gap: 24px; align-items: flex-start; justify-content: space-between; }
.k-qr { margin: 0; flex: 0 0 180px; text-align: center; font-size: .7rem; color: #444; }
.k-qr svg { width: 180px; height: 180px; background: #fff; display: block; }
.k-facts { display: grid; grid-template-columns: repeat(2, 1fr); gap: 14px; margin: 16px 0 24px; }
.k-facts div { background: #fff; border-radius: 12px; border-left: 8px solid #b3121b; padding: 12px 20px; }
.k-facts dt { font-size: .85rem; color: #555; }
.k-facts dd { margin: 0; font-size: 1.15rem; font-weight: 700; overflow-wrap: anywhere; }
.k-guide .k-body, .k-main > .k-body { margin-bottom: 20px; }
.k-body h2 { margin: 0 0 12px; }
.k-body .k-meta { padding: 0; font-size: 1rem; }
.k-materials { margin: 0; padding-left: 1.6em; display: flex; flex-direction: column; gap: 14px; }
.k-materials li { padding-bottom: 12px; border-bottom: 1px solid #e3e8ef; }
.k-mat-head { display: flex; gap: 16px; align-items: baseline; justify-content: space-between; }
.k-mat-name { font-weight: 700; font-size: 1.1rem; overflow-wrap: anywhere; }
.k-tag { flex: none; font-size: .8rem; font-weight: 700; padding: 2px 14px; border-radius: 999px; border: 2px solid currentColor; }
.k-need { color: #b3121b; }
.k-opt { color: #4a5668; }
.k-later { color: #8a5a00; }
.k-materials p { margin: 4px 0 0; }
.k-materials .k-n { font-size: .9rem; }
.k-req { font-size: .9rem; }
.k-steps { margin: 0; padding-left: 1.6em; }
.k-steps li { margin-bottom: 8px; }
.k-url { overflow-wrap: anywhere; }
:focus-visible { outline: 4px solid #e0a100; outline-offset: 3px; }
@media (max-width: 700px) { html { font-size: 18px; } .k-tiles { grid-template-columns: 1fr; } .k-field { grid-template-columns: 1fr; } .k-chips { grid-template-columns: repeat(2, 1fr); } .k-list.k-grid { grid-template-columns: 1fr; } .k-facts { grid-template-columns: 1fr; } .k-guide-head { flex-direction: column; } .k-main { padding: 16px; } .k-head { padding: 12px 16px; flex-wrap: wrap; } }
@media print { .k-head .k-nav, .k-foot, .k-actions, .k-pager, .k-jump { display: none !important; } body.kiosk { background: #fff; } .k-body, .k-meta { padding: 0; } }
`;

/**
 * The idle timer: any touch, key or scroll re-arms it; when it fires, every form is emptied and the
 * page is replaced by the kiosk home (location.replace, so 返回 cannot bring the typed page back).
 * Ten seconds before (or at half time on short settings) a warning shows.
 */
export const KIOSK_JS = `(() => {
  const body = document.body;
  const secs = Math.max(1, Number(body.dataset.idle) || 120);
  const home = body.dataset.home || '/kiosk';
  const warn = document.querySelector('[data-idle-warning]');
  let timer = 0, warnTimer = 0;
  const clearForms = () => {
    for (const f of Array.from(document.forms)) {
      for (const el of Array.from(f.elements)) {
        if (el.type === 'hidden' || el.type === 'submit' || el.type === 'button') continue;
        if (el.type === 'radio' || el.type === 'checkbox') el.checked = false;
        else if ('value' in el) el.value = '';
      }
    }
  };
  const reset = () => {
    clearForms();
    const atHome = location.pathname === home && !location.search;
    if (atHome) { window.scrollTo(0, 0); arm(); return; }
    location.replace(home);
  };
  function arm() {
    clearTimeout(timer); clearTimeout(warnTimer);
    if (warn) warn.hidden = true;
    timer = setTimeout(reset, secs * 1000);
    const lead = Math.min(10, secs / 2);
    if (warn) warnTimer = setTimeout(() => { warn.hidden = false; }, (secs - lead) * 1000);
  }
  for (const ev of ['pointerdown', 'keydown', 'input', 'touchstart', 'wheel', 'scroll']) addEventListener(ev, arm, { passive: true, capture: true });
  // A page brought back from the browser's cache (返回) is emptied too.
  addEventListener('pageshow', (e) => { if (e.persisted) clearForms(); });
  arm();
  for (const b of Array.from(document.querySelectorAll('[data-print]'))) b.addEventListener('click', () => window.print());
  for (const b of Array.from(document.querySelectorAll('[data-back]'))) b.addEventListener('click', () => (history.length > 1 ? history.back() : location.assign(home)));
})();
`;
