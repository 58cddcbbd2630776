import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Browser, type TestApp } from '../test/app.js';
import { DEMO_USERS, expectedWorklist, worklistProblems, type ShownItem } from '../test/demo-worklist.js';
import { loadCalendar } from '../core/calendar/service.js';
import { yearsWithoutData } from '../core/calendar/calendar.js';
import { addDays, todayInShanghai } from '../core/calendar/dates.js';
import { NAV_GROUPS } from '../core/module.js';

const ITEM = /<li class="work work-\w+"(?: data-due="([^"]*)")?><strong>([^<]*)<\/strong> <a href="([^"]+)">([^<]*)<\/a><span class="work-meta">([^<]*)<\/span>/g;

export const shownItems = (html: string): ShownItem[] =>
  [...html.matchAll(ITEM)].map((m) => ({ due: m[1] ?? null, urgency: m[2]!, href: m[3]!.replace(/&amp;/g, '&'), title: m[4]!, meta: m[5]! }));

describe('the 工作台 on the full demo', () => {
  let t: TestApp;
  let today: string;
  let missingYears: number[];

  before(async () => {
    t = await createTestApp({}, { full: true });
    today = todayInShanghai();
    missingYears = yearsWithoutData(await loadCalendar(t.database.db), today, addDays(today, 365));
  });
  after(async () => t?.close());

  for (const user of DEMO_USERS) {
    it(`shows ${user} exactly what waits for them, most urgent first, each link opening its page`, async () => {
      const b = new Browser(t.app);
      await b.login(user);
      const page = await b.get('/admin');
      assert.equal(page.statusCode, 200);
      const shown = shownItems(page.body);
      assert.deepEqual(worklistProblems(shown, expectedWorklist(user, { today, yearsWithoutData: missingYears })), []);
      assert.match(page.body, new RegExp(`待我处理（${shown.length}）`));
      for (const s of shown) assert.equal((await b.get(s.href)).statusCode, 200, `${s.title} → ${s.href}`);
      // The navigation counts what waits in each group.
      const nav = /<nav aria-label="后台导航"[^>]*>([\s\S]*?)<\/nav>/.exec(page.body)![1]!;
      for (const g of NAV_GROUPS) {
        const n = shown.filter((s) => s.meta.startsWith(`${g.label} · `)).length;
        const badge = new RegExp(`class="nav-group-link">${g.label}</a><span class="nav-count"[^>]*>(\\d+)`).exec(nav);
        assert.equal(badge ? Number(badge[1]) : 0, n, `${user}: ${g.label} shows ${n} waiting`);
      }
    });
  }

  it('still shows the rest, and says which module is missing, when one module’s provider fails', async () => {
    const { buildApp } = await import('./server.js');
    const { MODULES } = await import('../modules/index.js');
    const broken = { name: 'broken', label: '测试模块', worklist: async () => { throw new Error('provider bug'); } };
    const app = await buildApp({ config: t.config, db: t.database.db }, [...MODULES, broken]);
    try {
      const b = new Browser(app);
      await b.login('chengguan');
      const page = await b.get('/admin');
      assert.equal(page.statusCode, 200, 'the 工作台 still opens');
      assert.match(page.body, /role="alert">测试模块的待办事项暂时无法读取/);
      assert.deepEqual(worklistProblems(shownItems(page.body), expectedWorklist('chengguan', { today, yearsWithoutData: missingYears })), [], 'the other modules’ items are all there');
      assert.equal((await b.get('/admin/catalogs')).statusCode, 200, 'and every other staff page too');
    } finally {
      await app.close();
    }
  });

  it('no longer shows a reviewer “nothing to do” while a document waits for them', async () => {
    const b = new Browser(t.app);
    await b.login('chengguan-sh');
    const shown = shownItems((await b.get('/admin')).body);
    assert.ok(shown.some((s) => s.meta.includes('信息待审核')), 'the document in review is on the reviewer’s worklist');
  });
});
