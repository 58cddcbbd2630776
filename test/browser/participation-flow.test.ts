/**
 * The acceptance walk of a consultation (征求意见), through the real pages only: a 行政规范性文件
 * draft is refused with a 5-working-day period and no reason, then published with a reason and
 * opens; comments arrive (one on 第三条 chosen without JavaScript, one rejected in moderation with
 * a reason the citizen sees under the query code); the consultation closes by itself at its end
 * time; staff decide each comment; a second person publishes the feedback report, which shows the
 * adopted, partly adopted and not adopted comments with their reasons; the final policy document
 * links back to the consultation.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { axeCheck, formatViolations, login, skipReason, startHarness, watchPage, type Harness } from './harness.js';
import { addWorkdays, buildCalendar } from '../../src/core/calendar/calendar.js';

/** The harness runs the single-county demo: the county's site is the root. */
const SITE = '';
const TITLE = '关于《示范县困难群众医疗救助办法（征求意见稿）》公开征求意见';
const DRAFT = ['示范县困难群众医疗救助办法（征求意见稿）', '第一条 为保障困难群众基本医疗权益，制定本办法。', '第二条 本办法适用于本县户籍的困难群众。', '第三条 医疗救助对象为最低生活保障对象、特困人员和低保边缘家庭成员。', '第四条 本办法自发布之日起施行。'].join('\n');
const REASON_SHORT = '上级要求本月内出台，征求意见期限相应缩短。';

/** Beijing wall-clock time `ms` from now as a datetime-local value. */
const local = (ms: number) => new Date(Date.now() + ms + 8 * 3600_000).toISOString().slice(0, 16);
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

describe('a consultation on a 规范性文件 draft: period rule, comments, moderation, closing by itself, a decision on each, the feedback report', { skip: skipReason() }, () => {
  let h: Harness;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];
  let staff: Page;
  let office: Page;
  let citizen: Page;
  let adminPath = '';
  let publicPath = '';

  const openBrowser = async (options: Parameters<Harness['newContext']>[0] = {}): Promise<Page> => {
    const context = await h.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    problems.push(watchPage(page).problems);
    return page;
  };
  const errorText = async (page: Page) => ((await page.locator('.error-box').count()) ? page.locator('.error-box').first().innerText() : '(no error box)');

  before(async () => {
    h = await startHarness();
    staff = await openBrowser();
    await login(staff, 'minzheng');
    office = await openBrowser();
    await login(office, 'office');
    citizen = await openBrowser({ viewport: { width: 375, height: 800 } });
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await h?.close();
  });

  it('refuses a 5-working-day period without a reason, then publishes with one and opens', async () => {
    await staff.goto('/admin/participation/new');
    const today = shanghaiToday();
    const fifth = addWorkdays(buildCalendar([]), today, 5, { countStartDay: true });
    await staff.locator('#f-title').fill(TITLE);
    await staff.locator('#f-kind').selectOption('normative');
    await staff.locator('#f-draft').fill(DRAFT);
    await staff.locator('#f-start').fill(local(-60_000));
    await staff.locator('#f-end').fill(`${fifth}T17:00`);
    await staff.locator('form.doc-form button[type=submit]').click();
    await staff.waitForURL(/\/admin\/participation\/\d+\?notice=created/);
    adminPath = new URL(staff.url()).pathname;
    await staff.locator(`form[action="${adminPath}/publish"] button`).click();
    assert.match(await errorText(staff), /不少于 7 个工作日/);
    await staff.goto(`${adminPath}/edit`);
    await staff.locator('#f-short').fill(REASON_SHORT);
    // It closes a little after the next minute turns, so the scheduler closes it while we watch.
    await staff.locator('#f-end').fill(local(150_000));
    await staff.locator('form.doc-form button[type=submit]').click();
    await staff.waitForURL(/notice=saved/);
    await staff.locator(`form[action="${adminPath}/publish"] button`).click();
    await staff.waitForURL(/notice=published/);
    assert.match(await staff.locator('dl.facts').innerText(), /正在征集/);
    publicPath = `${SITE}/zhengqiu/${adminPath.split('/').pop()}`;
  });

  const codes: string[] = [];
  it('takes comments from the public, one on 第三条, each acknowledged with a query code', async () => {
    await citizen.goto(publicPath);
    assert.match(await citizen.locator('main').innerText(), new RegExp(REASON_SHORT));
    const comments = [
      { article: '3', body: '建议把低保边缘家庭成员的认定标准写进办法。' },
      { article: '0', body: '建议增加“一站式”结算，减少群众垫资。' },
      { article: '2', body: '建议把在本县居住满一年的非户籍困难群众也纳入。' },
      { article: '0', body: '加微信领取补贴，名额有限。' },
    ];
    for (const [i, c] of comments.entries()) {
      await citizen.goto(publicPath);
      await citizen.locator('#c-article').selectOption(c.article);
      await citizen.locator('#c-body').fill(c.body);
      await citizen.locator('#c-contact').fill(`1390000000${i}`);
      await citizen.locator('#comment button[type=submit]').click();
      await citizen.waitForSelector('strong.code');
      codes.push(await citizen.locator('strong.code').innerText());
    }
    assert.ok(codes.every((c) => /^YJ-[A-Z0-9]{12}$/.test(c)));
    const width = await citizen.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 376, `receipt is ${width}px wide on a 375px screen`);
  });

  it('moderates: three approved and public, one rejected with a reason the citizen sees', async () => {
    await staff.goto(adminPath);
    const forms = () => staff.locator('#mod-h ~ .opinion');
    assert.equal(await forms().count(), 4);
    for (let i = 0; i < 3; i++) {
      await staff.locator('#mod-h ~ .opinion').first().locator('button', { hasText: '通过并公开' }).click();
      await staff.waitForURL(/notice=moderated/);
    }
    const last = staff.locator('#mod-h ~ .opinion').first();
    await last.locator('select[name=reason]').selectOption('advert');
    await last.locator('input[name=text]').fill('内容为广告信息，与办法无关。');
    await last.locator('button', { hasText: '不予公开' }).click();
    await staff.waitForURL(/notice=moderated/);
    await citizen.goto(`${SITE}/zhengqiu/status`);
    await citizen.locator('#s-code').fill(codes[3]!);
    await citizen.locator('form[action$="/zhengqiu/status"] button').click();
    const status = await citizen.locator('main').innerText();
    assert.match(status, /不予公开/);
    assert.match(status, /广告或垃圾信息：内容为广告信息，与办法无关。/);
    await citizen.goto(publicPath);
    const page = await citizen.locator('main').innerText();
    assert.match(page, /公开的意见（3）/);
    assert.ok(!page.includes('加微信领取补贴'));
  });

  it('closes by itself at its end time', async () => {
    const deadline = Date.now() + 240_000;
    for (;;) {
      await staff.goto(adminPath);
      if (/已结束待反馈/.test(await staff.locator('dl.facts').innerText())) break;
      assert.ok(Date.now() < deadline, 'closed within four minutes of the start');
      await staff.waitForTimeout(10_000);
    }
    await citizen.goto(publicPath);
    assert.equal(await citizen.locator('#comment').count(), 0, 'no comment form once closed');
  });

  it('decides each comment, and a second person publishes the feedback report', async () => {
    const decisions: [string, string, string][] = [['第三条', 'adopted', ''], ['整体意见', 'partly', '在第五条增加一站式结算，垫资问题另行研究。'], ['第二条', 'not_adopted', '医疗救助以户籍为基础，非户籍人员按临时救助办理。']];
    for (const [article, disposition, reason] of decisions) {
      await staff.goto(adminPath);
      const box = staff.locator('#dec-h ~ .opinion', { hasText: article }).first();
      await box.locator('select[name=disposition]').selectOption(disposition);
      await box.locator('input[name=reason]').fill(reason);
      await box.locator('button', { hasText: '保存' }).click();
      await staff.waitForURL(/notice=decided/);
    }
    // Finishing is refused until the report is published.
    await staff.locator(`form[action="${adminPath}/finish"] button`).click();
    assert.match(await errorText(staff), /意见采纳情况发布后才能办结/);
    await staff.goto(adminPath);
    await staff.locator(`form[action="${adminPath}/report"] button`).click();
    await staff.waitForURL(/notice=submitted/);
    assert.equal(await staff.locator('button', { hasText: '审核通过并发布' }).count(), 0, 'the submitter cannot publish it');
    await office.goto(adminPath);
    await office.locator('button', { hasText: '审核通过并发布' }).click();
    await office.waitForURL(/notice=reviewed/);
    await staff.goto(adminPath);
    await staff.locator(`form[action="${adminPath}/finish"] button`).click();
    await staff.waitForURL(/notice=finished/);

    await citizen.goto(publicPath);
    const report = await citizen.locator('.feedback-report').innerText();
    assert.match(report, /采纳 1 条，部分采纳 1 条，不予采纳 1 条/);
    assert.match(report, /在第五条增加一站式结算，垫资问题另行研究。/);
    assert.match(report, /医疗救助以户籍为基础，非户籍人员按临时救助办理。/);
    const violations = await axeCheck(citizen);
    assert.equal(violations.length, 0, formatViolations('consultation page with feedback', violations));
    const docx = await citizen.request.get(`${publicPath}/feedback.docx`);
    assert.equal(docx.status(), 200);
    await citizen.goto(`${SITE}/zhengqiu/status`);
    await citizen.locator('#s-code').fill(codes[1]!);
    await citizen.locator('main form[action$="/zhengqiu/status"] button[type="submit"]').click();
    await citizen.waitForLoadState();
    assert.match(await citizen.locator('main').innerText(), /部分采纳/);
  });

  it('links the final policy document back to the consultation', async () => {
    await citizen.goto(`${SITE}/xxgk`);
    const href = await citizen.locator('a[href*="/xxgk/"]').filter({ hasText: /./ }).evaluateAll((as) => as.map((a) => a.getAttribute('href')!).find((x) => /\/xxgk\/\d+$/.test(x)));
    assert.ok(href, 'a published document to link');
    const documentId = href!.split('/').pop()!;
    await staff.goto(adminPath);
    await staff.locator('#d-id').fill(documentId);
    await staff.locator(`form[action="${adminPath}/document"] button`).click();
    await staff.waitForURL(/notice=linked/);
    await citizen.goto(href!);
    const panel = citizen.locator('section', { hasText: '公众参与情况' });
    assert.equal(await panel.count(), 1);
    await panel.locator('a', { hasText: TITLE }).click();
    assert.equal(new URL(citizen.url()).pathname, publicPath);
    assert.deepEqual(problems.flat(), []);
  });
});
