/**
 * The acceptance walk of an application for disclosure (依申请公开), through the real pages only: a
 * citizen applies on a phone, the 城关镇 editor confirms receipt and asks for a 补正, the citizen
 * sees it with code and secret, staff record the supplement, consult a third party, the reviewer
 * extends the deadline, the editor answers 部分公开 with the standard letter, the citizen reads
 * the answer, staff download it as DOCX, and the annual report's table 3 counts the case.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axeCheck, formatViolations, login, skipReason, startHarness, watchPage, type Harness } from './harness.js';
import { pngBytes } from '../../src/core/files/fixtures.js';

/** The text of a PDF by poppler's pdftotext; null when it is not installed (an error under CI). */
function pdfText(bytes: Buffer): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'gk-pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT' && !process.env.CI) {
      console.warn('pdftotext (poppler-utils) is not installed: the PDF’s text is not checked');
      return null;
    }
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const APPLICANT = '李明华';
const PHONE = '13912345678';
const REQUEST = '请公开城关镇2025年老旧小区改造项目的招标文件、中标结果及施工合同。';
const SUPPLEMENT_ITEMS = '请写明所需施工合同对应的具体小区名称';
const THIRD_PARTY = '示范县城建工程有限公司';
const EXTEND_REASON = '需征求第三方意见后对合同内容作区分处理，所需时间较长';
const APPROVER = '王建国';
const WITHHELD = '施工合同中的单价明细和银行账户信息';
const SUPPLIED = '所需为城关镇幸福小区老旧小区改造项目的施工合同。';
const REASON = '涉及第三方商业秘密，第三方不同意公开';

/** GB 11643: the 18th character of a resident ID number is a checksum over the first 17 digits. */
function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return first17 + '10X98765432'[sum % 11];
}
const ID_NUMBER = residentId('41010219850317042');

/** Today on the Asia/Shanghai calendar (the app's), plus `days`, as YYYY-MM-DD. */
function shanghaiDate(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The page's error box, if it has one (without waiting for one to appear). */
const errorText = async (page: Page) => ((await page.locator('.error-box').count()) ? page.locator('.error-box').first().innerText() : '(no error box)');

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('an application for disclosure is made, supplemented, consulted on, extended, answered in part and counted', { skip: skipReason() }, () => {
  let h: Harness;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  let citizen: Page;
  let editor: Page;
  let reviewer: Page;
  let code = '';
  let secret = '';
  let casePath = '';

  const openBrowser = async (options: Parameters<Harness['newContext']>[0] = {}): Promise<Page> => {
    const context = await h.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    problems.push(watchPage(page).problems);
    return page;
  };

  const assertAccessible = async (page: Page, where: string) => {
    const violations = await axeCheck(page);
    assert.equal(violations.length, 0, formatViolations(where, violations));
  };

  const assertNoSidewaysScroll = async (page: Page, where: string) => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375 + 1, `${where} is ${width}px wide on a 375px screen`);
  };

  /** The citizen's follow-up: code and secret into the form, the progress page back. */
  const follow = async () => {
    await citizen.goto('/yishenqing/follow');
    await citizen.getByLabel('查询码').fill(code);
    await citizen.getByLabel('密码').fill(secret);
    const [response] = await Promise.all([
      citizen.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/yishenqing/follow'),
      citizen.getByRole('button', { name: '查询' }).click(),
    ]);
    await citizen.waitForLoadState('domcontentloaded');
    // A checked code and secret are answered with a redirect to the progress page (post/redirect/get).
    if (response.status() !== 303) assert.fail(`follow-up answered ${response.status()}: ${await errorText(citizen)}`);
    await citizen.waitForURL((u) => u.pathname === '/yishenqing/progress');
    await citizen.getByRole('heading', { level: 1, name: `申请 ${code}` }).waitFor();
  };
  const fact = (page: Page, label: string) => page.locator('dl.facts dt', { hasText: label }).first().locator('xpath=following-sibling::dd[1]').innerText();
  const timeline = async (page: Page) => (await page.locator('ol.timeline li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));

  /** One of the case page's collapsed action forms, opened by its summary (matched exactly). */
  const openAction = async (page: Page, summary: string | RegExp): Promise<Locator> => {
    const name = typeof summary === 'string' ? new RegExp(`^${escapeRe(summary)}$`) : summary;
    const details = page.locator('details.action').filter({ has: page.locator('summary', { hasText: name }) });
    assert.equal(await details.count(), 1, `one action "${String(summary)}" on ${page.url()}`);
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    return details;
  };
  /** Submits an action form and expects the redirect back to the case with 已保存. */
  const submitAction = async (page: Page, form: Locator, button: string) => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith(`${casePath}/`)),
      form.getByRole('button', { name: button, exact: true }).click(),
    ]);
    await page.waitForLoadState('domcontentloaded');
    if (response.status() !== 303) {
      assert.fail(`${button} on ${casePath}: HTTP ${response.status()} ${await errorText(page)}`.trim());
    }
    await page.waitForURL((u) => u.pathname === casePath && u.searchParams.get('notice') === 'done');
    assert.match(await page.locator('main').innerText(), /已保存/);
  };
  const caseState = (page: Page) => fact(page, '状态');

  before(async () => {
    // Table 3 is counted below: this test's case must be the only one, so no demo applications.
    h = await startHarness({ env: { DEMO_APPLICATIONS: 'false' } });
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await h?.close();
  });

  it('lets a citizen apply online from a phone and shows the code and secret once', async () => {
    assert.equal(ID_NUMBER.length, 18);
    citizen = await openBrowser({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await citizen.goto('/yishenqing');
    assert.equal(await citizen.getByRole('heading', { level: 1 }).innerText(), '政府信息依申请公开');
    await assertAccessible(citizen, '/yishenqing (375×667)');
    await assertNoSidewaysScroll(citizen, '/yishenqing');

    await Promise.all([citizen.waitForURL((u) => u.pathname === '/yishenqing/apply'), citizen.getByRole('link', { name: '在线提交申请' }).click()]);
    await assertAccessible(citizen, '/yishenqing/apply (375×667)');
    await assertNoSidewaysScroll(citizen, '/yishenqing/apply');

    // Options read 城关镇（乡镇）: the agency name, then its kind.
    await citizen.getByLabel('受理机关').selectOption({ label: '城关镇（乡镇）' });
    await citizen.getByRole('radio', { name: '公民' }).check();
    await citizen.locator('#a-name').fill(APPLICANT);
    await citizen.locator('#a-idtype').selectOption('居民身份证');
    await citizen.locator('#a-id').fill(ID_NUMBER);
    await citizen.locator('#a-phone').fill(PHONE);
    await citizen.locator('#a-content').fill(REQUEST);
    await citizen.locator('#a-form').selectOption('electronic');
    await citizen.locator('#a-delivery').selectOption('online');
    const [response] = await Promise.all([
      citizen.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/yishenqing/apply'),
      citizen.getByRole('button', { name: '提交申请' }).click(),
    ]);
    await citizen.waitForLoadState('domcontentloaded');
    if (response.status() !== 303) assert.fail(`apply answered ${response.status()}: ${await errorText(citizen)}`);
    await citizen.waitForURL((u) => u.pathname === '/yishenqing/receipt');
    assert.ok(!citizen.url().includes('_csrf'), 'no CSRF token in the address bar');
    assert.equal(await citizen.getByRole('heading', { level: 1 }).innerText(), '申请已提交');
    code = (await fact(citizen, '查询码')).trim();
    secret = (await fact(citizen, '密码')).trim();
    assert.match(code, /^\S{6,40}$/, `a 查询码 is shown, got "${code}"`);
    assert.match(secret, /^\S{6,64}$/, 'a 密码 is shown');
    assert.match(await fact(citizen, '受理机关'), /城关镇/);
    await assertAccessible(citizen, 'application submitted page (375×667)');
    // The receipt survives a reload and prints without the site's chrome.
    await citizen.reload();
    assert.equal((await fact(citizen, '查询码')).trim(), code, 'the receipt is still there after a reload');
    await citizen.emulateMedia({ media: 'print' });
    assert.equal(await citizen.locator('.site-header').isVisible(), false, 'no site header on the printed receipt');
    assert.ok(await citizen.getByRole('heading', { name: '政府信息公开申请回执' }).isVisible(), 'the receipt title prints');
    await citizen.emulateMedia({ media: 'screen' });

    await citizen.goto('/yishenqing/follow');
    await assertAccessible(citizen, '/yishenqing/follow (375×667)');
    await assertNoSidewaysScroll(citizen, '/yishenqing/follow');
  });

  it('lets the 城关镇 editor find the case, confirm receipt and ask for a 补正', async () => {
    editor = await openBrowser();
    await login(editor, 'chengguan');
    await editor.goto('/admin/foi');
    await assertAccessible(editor, '/admin/foi');
    const row = editor.locator('table.data tbody tr', { hasText: code });
    assert.equal(await row.count(), 1, `the case ${code} is listed on /admin/foi`);
    assert.match(await row.innerText(), /待确认受理/);
    assert.match(await row.innerText(), new RegExp(APPLICANT));
    await Promise.all([editor.waitForURL(/\/admin\/foi\/\d+$/), row.getByRole('link', { name: code }).click()]);
    casePath = new URL(editor.url()).pathname;
    assert.equal(await editor.getByRole('heading', { level: 1 }).innerText(), `申请 ${code}`);
    assert.equal(await fact(editor, '居民身份证'), ID_NUMBER, 'the handling agency sees the ID number decrypted');
    await assertAccessible(editor, 'case page before receipt');

    const confirm = await openAction(editor, '确认受理（确认之日为收到申请之日）');
    await submitAction(editor, confirm, '确认受理');
    assert.match(await caseState(editor), /办理中/);
    assert.equal(await fact(editor, '收到申请之日'), shanghaiDate());

    const supplement = await openAction(editor, /^告知补正/);
    await supplement.getByLabel('需要补正的事项').fill(SUPPLEMENT_ITEMS);
    await supplement.getByLabel('补正期限').fill(shanghaiDate(10));
    await submitAction(editor, supplement, '发出补正告知');
    assert.match(await caseState(editor), /待补正/);
    assert.equal(await fact(editor, '申请人补正期限'), shanghaiDate(10));
  });

  it('shows the citizen that a 补正 is awaited, with the request, and nothing private', async () => {
    await follow();
    assert.equal(await fact(citizen, '办理状态'), '待补正');
    assert.match(await fact(citizen, '补正期限'), new RegExp(shanghaiDate(10)));
    assert.equal((await citizen.locator('main p.pre').first().innerText()).trim(), REQUEST);
    const steps = await timeline(citizen);
    assert.ok(steps.some((s) => s.includes('告知补正') && s.includes(SUPPLEMENT_ITEMS)), `the 补正 items are on the timeline: ${steps.join(' | ')}`);
    const html = await citizen.content();
    assert.ok(!html.includes(ID_NUMBER) && !html.includes(PHONE), 'the progress page shows neither the ID number nor the phone');
    await assertAccessible(citizen, 'progress page awaiting 补正 (375×667)');
    await assertNoSidewaysScroll(citizen, 'the progress page');
  });

  it('lets the citizen supply the 补正 online, from the progress page on a phone', async () => {
    await follow();
    const form = citizen.locator('form[action="/yishenqing/progress/supplement"]');
    assert.equal((await citizen.locator('section.supplement .letter').innerText()).trim(), SUPPLEMENT_ITEMS, 'the office’s request is shown above the form');
    await form.getByLabel('补正内容').fill(SUPPLIED);
    await form.getByLabel('补正材料（选填）').setInputFiles({ name: '施工合同首页.png', mimeType: 'image/png', buffer: pngBytes() });
    await Promise.all([citizen.waitForURL((u) => u.pathname === '/yishenqing/progress'), form.getByRole('button', { name: '提交补正' }).click()]);
    assert.match(await citizen.locator('main .notice').first().innerText(), /补正已提交/);
    assert.equal(await fact(citizen, '办理状态'), '办理中');
    await assertNoSidewaysScroll(citizen, 'the progress page after the 补正');
  });

  it('shows the editor what was supplied, then lets them consult a third party and record its refusal', async () => {
    await editor.goto(casePath);
    assert.match(await caseState(editor), /办理中/);
    assert.match(await fact(editor, '起算日'), /收到补正，重新起算/);
    const supplement = editor.locator('section.supplement');
    assert.match(await supplement.innerText(), /申请人在线提交/);
    assert.ok((await supplement.innerText()).includes(SUPPLIED), 'the citizen’s own words reach whoever writes the reply');
    assert.equal(await supplement.getByRole('link', { name: '施工合同首页.png' }).count(), 1);
    assert.ok((await timeline(editor)).some((s) => s.includes('收到补正材料') && s.includes(SUPPLIED)), 'and the case log says what was supplied');

    const consult = await openAction(editor, /^征求第三方或其他机关意见/);
    await consult.getByLabel('对象').selectOption({ label: '第三方' });
    await consult.getByLabel('名称').fill(THIRD_PARTY);
    await submitAction(editor, consult, '发出征求意见');
    assert.match(await caseState(editor), /征求意见中/);
    assert.match(await fact(editor, '答复期限'), /暂停计算/);

    const ended = await openAction(editor, '记录征求意见结果（第三方）');
    await ended.getByLabel('意见', { exact: true }).selectOption({ label: '不同意公开' });
    await submitAction(editor, ended, '记录意见');
    assert.match(await caseState(editor), /办理中/);
  });

  it('refuses the extension from the editor and lets the 城关镇 reviewer extend by 10 working days', async () => {
    await editor.goto(casePath);
    const dueBefore = await fact(editor, '答复期限');
    assert.match(dueBefore, /共 20 个工作日/);
    // An editor may not approve an extension: that is for the head of the disclosure office.
    const attempt = await openAction(editor, /^延长答复期限/);
    await attempt.getByLabel('延长工作日数').fill('10');
    await attempt.getByLabel(/^批准人/).fill(APPROVER);
    await attempt.getByLabel(/^理由/).fill(EXTEND_REASON);
    const [refused] = await Promise.all([
      editor.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `${casePath}/extend`),
      attempt.getByRole('button', { name: '延长', exact: true }).click(),
    ]);
    await editor.waitForLoadState('domcontentloaded');
    assert.equal(refused.status(), 400);
    assert.match(await editor.locator('.error-box').innerText(), /须由政府信息公开工作机构负责人/);
    await editor.goto(casePath);
    assert.equal(await fact(editor, '答复期限'), dueBefore, 'the refused extension changed nothing');

    reviewer = await openBrowser();
    await login(reviewer, 'chengguan-sh');
    await reviewer.goto(casePath);
    const extend = await openAction(reviewer, /^延长答复期限/);
    await extend.getByLabel('延长工作日数').fill('10');
    await extend.getByLabel(/^批准人/).fill(APPROVER);
    await extend.getByLabel(/^理由/).fill(EXTEND_REASON);
    await submitAction(reviewer, extend, '延长');
    assert.match(await fact(reviewer, '答复期限'), /共 30 个工作日，含延长 10 个/);
  });

  it('lets the editor answer 部分公开 with the standard letter, filled in and edited', async () => {
    await editor.goto(casePath);
    const answer = await openAction(editor, '答复');
    await answer.getByLabel('办理结果').selectOption('partial');
    await Promise.all([
      editor.waitForURL((u) => u.pathname === casePath && u.searchParams.get('outcome') === 'partial'),
      answer.getByRole('button', { name: '生成标准文本' }).click(),
    ]);
    const form = editor.locator(`form[action="${casePath}/reply"]`);
    await form.waitFor();
    assert.match(await form.innerText(), /部分公开/);
    const letter = form.getByLabel('答复书（可修改）');
    const standard = await letter.inputValue();
    assert.match(standard, /^政府信息公开申请答复书/);
    assert.match(standard, new RegExp(`${APPLICANT}：`), 'the letter is addressed to the applicant');
    assert.match(standard, /能够作区分处理/);
    assert.match(standard, /第三十七条/);
    assert.ok(standard.includes(REQUEST.replace(/。$/, '')), 'the letter quotes the request');

    await assertAccessible(editor, 'case page with the standard letter to edit');
    // Issuing the standard text with its placeholders unfilled is refused, and nothing is sent,
    // even with the withheld part filled in above: the letter is what goes out.
    const part = (f: typeof form) => f.locator('fieldset.withheld-part').first();
    assert.match(await part(form).locator('legend').innerText(), /第 1 项/);
    await part(form).getByLabel('不予公开的内容').fill(WITHHELD);
    // The part rests on 城关镇's published negative-list entry for companies' contract details (Art. 15).
    const entrySelect = part(form).getByLabel('依据（负面清单事项）');
    const entry = (await entrySelect.locator('option', { hasText: '工程建设项目合同' }).getAttribute('value'))!;
    await entrySelect.selectOption(entry);
    await part(form).getByLabel('具体理由').fill(REASON);
    const [refused] = await Promise.all([
      editor.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `${casePath}/reply`),
      form.getByRole('button', { name: '作出答复并办结' }).click(),
    ]);
    assert.equal(refused.status(), 400);
    assert.match(await errorText(editor), /未填写的内容“（请填写/);
    assert.doesNotMatch(await caseState(editor), /已办结/);
    // The withheld part, its ground and its reason reach the letter when it is rebuilt.
    const again = editor.locator(`form[action="${casePath}/reply"]`);
    assert.equal(await part(again).getByLabel('具体理由').inputValue(), REASON, 'what was typed is kept');
    assert.equal(await part(again).getByLabel('依据（负面清单事项）').inputValue(), entry);
    await Promise.all([
      editor.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `${casePath}/reply-draft` && r.status() === 200),
      again.getByRole('button', { name: '按填写内容重新生成答复书' }).click(),
    ]);
    await editor.waitForLoadState('domcontentloaded');
    const rebuilt = await editor.locator(`form[action="${casePath}/reply"]`).getByLabel('答复书（可修改）').inputValue();
    assert.ok(rebuilt.includes(`不予公开的内容：${WITHHELD}。不予公开的理由：该内容涉及商业秘密、个人隐私等内容，公开会对第三方合法权益造成损害，根据《中华人民共和国政府信息公开条例》第十五条的规定不予公开；${REASON}。`), 'the part, its article and its reason are in the letter');
    assert.doesNotMatch(rebuilt, /（请(填写|选择)/);
    assert.equal(await editor.locator('fieldset.withheld-part').count(), 2, 'a blank row to add a second part');
    // Staff may still edit the letter itself before it goes out; the edit is what is sent.
    const edited = standard.replace('（请填写不予公开的内容）', WITHHELD).replace('（请选择不予公开的依据）', '依据条例第十五条不予公开').replace('（请填写不予公开的理由）', REASON);
    assert.notEqual(edited, standard, 'the standard text has placeholders to complete');
    const final = editor.locator(`form[action="${casePath}/reply"]`);
    await final.getByLabel('答复书（可修改）').fill(edited);
    await submitAction(editor, final, '作出答复并办结');
    assert.match(await caseState(editor), /已办结：部分公开/);
    const sent = await editor.locator('section', { has: editor.getByRole('heading', { name: '答复书', exact: true }) }).locator('.official-letter').innerText();
    assert.match(sent, new RegExp(`不予公开的内容：${WITHHELD}。不予公开的理由：依据条例第十五条不予公开；${REASON}。`));
    await assertAccessible(editor, 'closed case page');
    for (const path of ['/admin/foi/stats', '/admin/foi/popular', '/admin/foi/reviews', '/admin/foi/register']) {
      await editor.goto(path);
      await assertAccessible(editor, path);
    }
  });

  it('shows the citizen the answer, and every step that led to it', async () => {
    await follow();
    assert.equal(await fact(citizen, '办理状态'), '已办结');
    const steps = await timeline(citizen);
    const order = ['提交申请', '收到申请', '告知补正', '收到补正材料', '征求意见', '征求意见结束', '延长答复期限', '作出答复'];
    const labels = await citizen.locator('ol.timeline li strong').allInnerTexts();
    assert.deepEqual(labels, order, `timeline: ${steps.join(' | ')}`);
    assert.ok(steps.some((s) => s.includes('延长答复期限') && s.includes('10 个工作日') && s.includes(EXTEND_REASON)), 'the extension and its reason are told');
    assert.ok(!steps.join('\n').includes(THIRD_PARTY), 'the consulted company is not named to the applicant');
    const reply = citizen.locator('section', { has: citizen.getByRole('heading', { name: /^答复（部分公开/ }) });
    const text = await reply.locator('.official-letter').innerText();
    assert.match(text, /向.+县人民政府申请行政复议/, 'a township’s letter names the county government for 复议');
    assert.ok(!text.includes('本级人民政府'));
    assert.match(text, /能够作区分处理/);
    assert.match(text, /第三十七条/);
    assert.ok(text.includes(WITHHELD) && text.includes(REASON), 'the reply names what is withheld and why');
    await assertAccessible(citizen, 'progress page with the answer (375×667)');
    await assertNoSidewaysScroll(citizen, 'the progress page with the answer');
  });

  it('lets the citizen download the letter as PDF, with its Chinese font embedded, and as DOCX', async () => {
    await follow();
    const [pdf] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('link', { name: 'PDF' }).click()]);
    assert.match(pdf.suggestedFilename(), /^政府信息公开申请答复书-.+\.pdf$/);
    const bytes = await readFile((await pdf.path())!);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(bytes.toString('latin1'), /\/FontFile2/, 'the font is embedded');
    assert.match(bytes.toString('latin1'), /NotoSansSC/);
    const text = pdfText(bytes);
    if (text !== null) assert.ok(text.replace(/\s+/g, '').includes(WITHHELD.replace(/\s+/g, '')), 'the PDF carries the letter’s words');
    const [docx] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('link', { name: 'Word（DOCX）' }).click()]);
    const xml = await (await JSZip.loadAsync(await readFile((await docx.path())!))).file('word/document.xml')?.async('string');
    assert.ok(xml?.includes(WITHHELD), 'the DOCX is the letter that was sent');
  });

  it('lets staff download the reply as a real DOCX', async () => {
    await editor.goto(casePath);
    const [download] = await Promise.all([editor.waitForEvent('download'), editor.getByRole('link', { name: '下载 DOCX' }).click()]);
    assert.match(download.suggestedFilename(), /^政府信息公开申请答复书-.+\.docx$/);
    const bytes = await readFile((await download.path())!);
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a ZIP container');
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('word/document.xml')?.async('string');
    assert.ok(xml, 'word/document.xml is in the file');
    assert.ok(xml.includes(APPLICANT), 'the applicant is named in the letter');
    assert.ok(xml.includes(WITHHELD), 'the edited letter is what went into the file');
  });

  it('counts the case in table 3 of the 城关镇 and county reports for this year', async () => {
    const year = shanghaiDate().slice(0, 4);
    const table3Row = async (page: Page, heading: RegExp) => {
      const tr = page.locator('#table-3 tbody tr').filter({ has: page.locator('th', { hasText: heading }) });
      assert.equal(await tr.count(), 1, `one table-3 row ${heading}`);
      // Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
      return (await tr.locator('td').allInnerTexts()).map((t) => Number(t.trim()));
    };
    const draftReport = async (page: Page, agency: string) => {
      await page.goto('/admin/reports');
      await page.locator('#n-agency').selectOption({ label: agency });
      await page.locator('#n-year').selectOption(year);
      await Promise.all([page.waitForURL(/\/admin\/reports\/\d+\?notice=created/), page.getByRole('button', { name: '新建报告' }).click()]);
      await page.locator('#table-3').waitFor();
      return {
        received: await table3Row(page, /^一、本年新收/),
        partial: await table3Row(page, /^（二）部分公开/),
        closed: await table3Row(page, /^（七）总计/),
        carriedOut: await table3Row(page, /^四、结转下年度/),
      };
    };
    const expected = [1, 0, 0, 0, 0, 0, 1];
    const township = await draftReport(editor, '城关镇');
    await assertAccessible(editor, 'annual report draft');
    assert.deepEqual(township.received, expected, '本年新收: one natural person');
    assert.deepEqual(township.partial, expected, '（二）部分公开: one natural person');
    assert.deepEqual(township.closed, expected, '（七）总计');
    assert.deepEqual(township.carriedOut, [0, 0, 0, 0, 0, 0, 0], 'nothing carried over');

    const office = await openBrowser();
    await login(office, 'office');
    const county = '示范县人民政府';
    const whole = await draftReport(office, county);
    assert.deepEqual(whole.partial, expected, 'the county report counts the township case');
    assert.deepEqual(whole.received, expected);
    assert.deepEqual(problems.flat(), []);
  });
});
