import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';

// In the region demo the root host is the city's site (示范市); the county's public pages are under /shifanxian.
// Staff of the county working on the root host must be sent to the county's site, not the city's.
const pathOf = (href: string) => href.replace(/^https?:\/\/[^/]+/, '');
const hrefBefore = (body: string, label: string) => [...body.matchAll(/<a href="([^"]+)"[^>]*>([^<]*)<\/a>/g)].filter((m) => m[2] === label).map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('staff links to public pages open the item’s own site', () => {
  let t: TestApp;
  let office: Browser;
  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0' }, { region: true });
    office = new Browser(t.app);
    await office.login('office');
  });
  after(async () => t?.close());

  it('messages: the 公开页面 links of the county office lead to /shifanxian/liuyan… and open', async () => {
    const list = await office.get('/admin/messages');
    assert.equal(list.statusCode, 200);
    const nav = hrefBefore(list.body, '公开页面');
    assert.ok(nav.length, 'the list links to the public pages');
    for (const href of nav) {
      assert.match(pathOf(href), /^\/shifanxian\/liuyan/, href);
      assert.equal((await office.get(pathOf(href))).statusCode, 200, href);
    }
    const stats = await office.get('/admin/messages/stats');
    const statLinks = hrefBefore(stats.body, '公开页面');
    assert.ok(statLinks.some((x) => /^\/shifanxian\/liuyan\/tongji\?month=/.test(pathOf(x))), statLinks.join(' '));
    for (const href of statLinks) assert.equal((await office.get(pathOf(href))).statusCode, 200, href);
  });

  it('interview: 查看公开页面 leads to /shifanxian/fangtan/:id and opens', async () => {
    const made = await office.post('/admin/interview/new', { topic: '聊聊县城养老服务', startsAt: '2030-06-01T09:30', g1Name: '李四', g1Title: '局长', g1Agency: '县民政局', description: '围绕养老服务补贴与网友交流。' }, { from: '/admin/interview/new' });
    assert.equal(made.statusCode, 303, made.body.slice(0, 300));
    const id = /\/admin\/interview\/(\d+)/.exec(String(made.headers.location))?.[1];
    assert.ok(id);
    assert.equal((await office.post(`/admin/interview/${id}/announce`, {}, { from: `/admin/interview/${id}` })).statusCode, 303);
    const page = await office.get(`/admin/interview/${id}`);
    const links = hrefBefore(page.body, '查看公开页面');
    assert.equal(links.length, 1);
    assert.match(pathOf(links[0]!), new RegExp(`^/shifanxian/fangtan/${id}$`));
    assert.equal((await office.get(pathOf(links[0]!))).statusCode, 200);
  });
});
