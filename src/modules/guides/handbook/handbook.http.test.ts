import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Browser, type TestApp } from '../../../test/app.js';
import { listPublishedGuides } from '../public.js';
import { demoActors } from '../../../test/actors.js';

const SCRIPT = '<script>alert(1)</script>';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('办事一本通 pages', () => {
  let t: TestApp;
  let office: Browser, editor: Browser, other: Browser, anon: Browser;
  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0' }, { region: true });
    office = new Browser(t.app); await office.login('office');
    editor = new Browser(t.app); await editor.login('minzheng');
    other = new Browser(t.app); await other.login('nx-office');
    anon = new Browser(t.app);
  });
  after(async () => { await t?.close(); });

  it('says the handbook is being compiled before the first edition, and editors cannot start one', async () => {
    const pub = await anon.get('/shifanxian/banshi/yibentong');
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, /暂未发布办事一本通/);
    const page = await editor.get('/admin/banshi/yibentong');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /尚未编制/);
    assert.doesNotMatch(page.body, /开始编制按部门编排/, 'no button for an editor');
    assert.equal((await editor.post('/admin/banshi/yibentong', { arrangement: 'department' }, { from: '/admin/banshi/yibentong' })).statusCode, 403);
    assert.equal((await anon.get('/admin/banshi/yibentong')).statusCode === 200, false, 'the staff page needs a sign-in');
  });

  it('refuses a request without the CSRF token, and hostile arrangements with a message on the page', async () => {
    assert.equal((await office.post('/admin/banshi/yibentong', { arrangement: 'department' }, { csrf: null })).statusCode, 403);
    for (const bad of [SCRIPT, "department'; DROP TABLE handbook_editions; --", 'x'.repeat(300_000), '', '\uFFFD']) {
      const r = await office.post('/admin/banshi/yibentong', { arrangement: bad }, { from: '/admin/banshi/yibentong' });
      assert.equal(r.statusCode, 400, `refused: ${bad.slice(0, 20)}`);
      assert.match(r.body, /请选择编排方式/);
      assert.doesNotMatch(r.body, /<script>alert/);
    }
    assert.equal((await office.post('/admin/banshi/yibentong', { arrangement: 'department\u0000' }, { from: '/admin/banshi/yibentong' })).statusCode, 400, 'a NUL is refused');
    const twice = await office.post('/admin/banshi/yibentong', { arrangement: ['department', 'theme'] }, { from: '/admin/banshi/yibentong' });
    assert.equal(twice.statusCode, 400, 'two values at once are refused');
    const page = await office.get('/admin/banshi/yibentong');
    assert.match(page.body, /尚未编制/, 'nothing was queued by the refused requests');
  });

  it('builds with a progress endpoint, then offers the PDF and Word files on the staff page and the public site', async () => {
    const res = await office.post('/admin/banshi/yibentong', { arrangement: 'department' }, { from: '/admin/banshi/yibentong' });
    assert.equal(res.statusCode, 303);
    const queued = await office.get('/admin/banshi/yibentong?notice=queued');
    assert.match(queued.body, /已开始编制办事一本通/);
    const id = /data-handbook-edition="(\d+)"/.exec(queued.body)?.[1];
    let s: { state: string; done: number; total: number; pdf: string | null; docx: string | null } | undefined;
    if (id) {
      assert.equal((await other.get(`/admin/banshi/yibentong/editions/${id}/status`)).statusCode, 404, 'another county does not see it');
      for (let i = 0; i < 120; i++) {
        const r = await office.get(`/admin/banshi/yibentong/editions/${id}/status`, { accept: 'application/json' });
        assert.equal(r.statusCode, 200);
        s = r.json();
        if (s!.state === 'done' || s!.state === 'failed') break;
        assert.ok(s!.done <= s!.total || s!.total === 0);
        await sleep(500);
      }
      assert.equal(s?.state, 'done');
    }
    const actors = await demoActors(t.database.db, ['office']);
    const count = (await listPublishedGuides(t.database.db, actors.get('office')!.placement.govId)).length;
    const page = await office.get('/admin/banshi/yibentong');
    assert.match(page.body, new RegExp(`当前版本：<strong>第 1 版</strong>，编制于 [^，]+，收录办事指南 ${count} 项`));
    const pub = await anon.get('/shifanxian/banshi/yibentong');
    const pdf = /href="((?:\/shifanxian)?\/files\/[0-9a-f]{64}\/[^"]+\.pdf)"/.exec(pub.body)?.[1];
    const docx = /href="((?:\/shifanxian)?\/files\/[0-9a-f]{64}\/[^"]+\.docx)"/.exec(pub.body)?.[1];
    assert.ok(pdf && docx, 'the public page links both files');
    assert.match(pub.body, new RegExp(`当前版本：第 1 版 · [0-9-]+ 编制 · 收录办事指南 ${count} 项`));
    const file = await anon.get(pdf.replace(/&amp;/g, '&'));
    assert.equal(file.statusCode, 200);
    assert.match(String(file.headers['content-type']), /application\/pdf/);
    assert.equal(file.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.equal((await anon.get(docx.replace(/&amp;/g, '&'))).statusCode, 200);
    assert.equal((await office.get('/admin/banshi/yibentong/editions/99999/status')).statusCode, 404);
    assert.equal((await office.get('/admin/banshi/yibentong/editions/abc/status')).statusCode, 404);
  });
});
