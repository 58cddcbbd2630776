import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { asc, like } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { auditEvents } from '../audit/schema.js';

describe('calendar API and office page', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.close());
  const api = (url: string) => t.app.inject({ url, headers: { accept: 'application/json' } });

  it('computes a deadline', async () => {
    // 20 working days from Thu 2026-02-12 across 春节: 03-18 (start day not counted), see calendar.test.ts.
    const res = await api('/api/v1/calendar/deadline?start=2026-02-12&workdays=20');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { data: { start: '2026-02-12', workdays: 20, due: '2026-03-18', countStartDay: false, warnings: [] } });
    assert.equal((await api('/api/v1/calendar/deadline?start=2026-02-12&workdays=20&countStartDay=true')).json().data.due, '2026-03-17');
    const far = (await api('/api/v1/calendar/deadline?start=2030-01-01&workdays=5')).json().data;
    assert.equal(far.due, '2030-01-08'); // plain weekends: 01-02, 01-03, 01-04, 01-07, 01-08
    assert.match(far.warnings[0], /2030年的法定节假日安排尚未录入/);
  });

  it('refuses bad and hostile input with 400 and a JSON error', async () => {
    const cases: [string, string][] = [
      ['start=2026-02-30&workdays=20', 'invalid_date'],
      ['start=2026-2-3&workdays=20', 'invalid_date'],
      ['start=%3Cscript%3Ealert(1)%3C%2Fscript%3E&workdays=20', 'invalid_date'],
      ["start=2026-01-01'%20OR%201%3D1--&workdays=20", 'invalid_date'],
      ['start=2026-01-01%3B%20DROP%20TABLE%20calendar_overrides&workdays=5', 'invalid_date'],
      ['start=2026-01-05&workdays=-1', 'invalid_query'],
      ['start=2026-01-05&workdays=0', 'invalid_query'],
      ['start=2026-01-05&workdays=367', 'invalid_query'],
      ['start=2026-01-05&workdays=99999999999999999999', 'invalid_query'],
      ['start=2026-01-05&workdays=1e2', 'invalid_query'],
      ['start=2026-01-05&workdays=0x10', 'invalid_query'],
      ['start=2026-01-05&workdays=1.5', 'invalid_query'],
      ['start=2026-01-05&workdays=abc', 'invalid_query'],
      ['start=2026-01-05&workdays=5&workdays=6', 'invalid_query'],
      ['start=2026-01-05&start=2026-01-06&workdays=5', 'invalid_query'],
      ['start=2026-01-05&workdays=5&countStartDay=yes', 'invalid_query'],
      ['workdays=5', 'invalid_query'],
      ['start=' + 'x'.repeat(5000) + '&workdays=5', 'invalid_query'],
    ];
    for (const [q, expected] of cases) {
      const res = await api('/api/v1/calendar/deadline?' + q);
      assert.equal(res.statusCode, 400, q);
      const body = res.json();
      assert.equal(body.error.code, expected, q);
      assert.match(body.error.message, /[\u4e00-\u9fff]/, 'the message is Chinese');
      assert.doesNotMatch(res.body, /<script>|DROP TABLE/, 'input is not echoed back');
    }
    assert.equal((await api('/api/v1/calendar/deadline?start=2026-01-05&workdays=366')).statusCode, 200);
  });

  it('lists a year\'s days with their source', async () => {
    const all = (await api('/api/v1/calendar/days?year=2026')).json();
    assert.equal(all.data.length, 365);
    assert.equal(all.hasData, true);
    assert.deepEqual(all.data.find((d: { date: string }) => d.date === '2026-03-02'), { date: '2026-03-02', workday: true, kind: 'workday', name: null, source: 'rule' });
    const special = (await api('/api/v1/calendar/days?year=2026&only=special')).json().data;
    assert.deepEqual(special.find((d: { date: string }) => d.date === '2026-02-14'), { date: '2026-02-14', workday: true, kind: 'makeup_workday', name: '春节', source: 'chinese-days' });
    assert.ok(special.every((d: { source: string }) => d.source !== 'rule'));
    const y2030 = (await api('/api/v1/calendar/days?year=2030')).json();
    assert.equal(y2030.hasData, false);
    assert.match(y2030.warnings[0], /2030年/);
    for (const q of ['year=abc', 'year=1900', 'year=20266', 'year=', 'year=2026&only=all']) assert.equal((await api('/api/v1/calendar/days?' + q)).statusCode, 400, q);
    const doc = (await api('/api/v1/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/calendar/deadline'].get);
    assert.ok(doc.paths['/api/v1/calendar/days'].get);
  });

  it('keeps the office page to the office and administrators', async () => {
    const anon = await t.app.inject({ url: '/admin/calendar', headers: { accept: 'text/html' } });
    assert.equal(anon.statusCode, 302);
    assert.match(anon.headers.location as string, /^\/login/);
    const editor = new Browser(t.app);
    await editor.login('chengguan');
    assert.equal((await editor.get('/admin/calendar')).statusCode, 403);
    assert.doesNotMatch((await editor.get('/admin')).body, /工作日历/, 'no nav entry for an editor');
    // The form posts are refused too, with a valid token taken from a page the editor may see.
    assert.equal((await editor.post('/admin/calendar/overrides', { date: '2026-03-10', kind: 'holiday', name: '私自放假' }, { from: '/admin' })).statusCode, 403);
    assert.equal((await editor.post('/admin/calendar/import', { text: '2026-03-10,放假,私自放假' }, { from: '/admin' })).statusCode, 403);
    assert.equal((await editor.post('/admin/calendar/overrides/remove', { date: '2026-03-10' }, { from: '/admin' })).statusCode, 403);
  });

  it('lets the office add, correct, import and remove days, with Chinese errors and audit events', async () => {
    const b = new Browser(t.app);
    await b.login('office');
    const page = await b.get('/admin/calendar?year=2026');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /工作日历（2026年）/);
    assert.match(page.body, /2026年2月14日（周六）<\/td><td>调休上班<\/td><td>春节/);
    assert.doesNotMatch(page.body, /尚未录入/);
    assert.match((await b.get('/admin/calendar?year=2030')).body, /role="alert"><p><strong>注意：<\/strong>2030年的法定节假日安排尚未录入/);
    assert.equal((await b.get('/admin/calendar?year=<script>')).statusCode, 400);

    // Mon 2026-03-02 + 20 working days = Mon 03-30 (see service.test.ts); declaring 03-10 a holiday moves it to Tue 03-31.
    assert.equal((await api('/api/v1/calendar/deadline?start=2026-03-02&workdays=20')).json().data.due, '2026-03-30');
    const bad = await b.post('/admin/calendar/overrides', { date: '2026-02-30', kind: 'holiday', name: '临时"放假"&' }, { from: '/admin/calendar' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /日期“2026-02-30”不正确/);
    assert.match(bad.body, /value="临时&quot;放假&quot;&amp;"/, 'typed values are kept, escaped');
    const hostile = await b.post('/admin/calendar/overrides', { date: '2026-03-10', kind: 'holiday', name: '<script>alert(1)</script>' }, { from: '/admin/calendar' });
    assert.equal(hostile.statusCode, 400);
    assert.doesNotMatch(hostile.body, /<script>alert/);
    const ok = await b.post('/admin/calendar/overrides', { date: '2026-03-10', kind: 'holiday', name: '临时放假', note: '县政府通知' }, { from: '/admin/calendar' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/admin/calendar?year=2026&notice=saved');
    const after = await b.get(ok.headers.location as string);
    assert.match(after.body, /已保存该日的安排/);
    assert.match(after.body, /2026年3月10日（周二）<\/td><td>放假<\/td><td>临时放假<\/td><td>本办调整/);
    assert.equal((await api('/api/v1/calendar/deadline?start=2026-03-02&workdays=20')).json().data.due, '2026-03-31');

    const badImport = await b.post('/admin/calendar/import', { text: '2027-02-06,放假,春节\n2027-02-06,上班,春节\n2027-13-01,放假,春节' }, { from: '/admin/calendar' });
    assert.equal(badImport.statusCode, 400);
    assert.match(badImport.body, /第2行：日期 2027-02-06 与第1行重复/);
    assert.match(badImport.body, /第3行：日期“2027-13-01”不正确/);
    assert.match(badImport.body, /2027-02-06,放假,春节\n2027-02-06,上班,春节/, 'the list is kept for correction');
    assert.match((await b.get('/admin/calendar?year=2027')).body, /2027年的法定节假日安排尚未录入/, 'nothing was imported');
    const imp = await b.post('/admin/calendar/import', { text: '2027-02-06,放假,春节\n2027-02-14,上班,春节' }, { from: '/admin/calendar' });
    assert.equal(imp.statusCode, 303);
    const y2027 = await b.get(imp.headers.location as string);
    assert.match(y2027.body, /已导入 2 天的安排/);
    assert.doesNotMatch(y2027.body, /尚未录入/);

    const removed = await b.post('/admin/calendar/overrides/remove', { date: '2026-03-10' }, { from: '/admin/calendar?year=2026' });
    assert.equal(removed.statusCode, 303);
    assert.equal((await api('/api/v1/calendar/deadline?start=2026-03-02&workdays=20')).json().data.due, '2026-03-30');
    const again = await b.post('/admin/calendar/overrides/remove', { date: '2026-03-10' }, { from: '/admin/calendar?year=2026' });
    assert.equal(again.statusCode, 404);
    assert.match(again.body, /未找到该日历调整/);

    const actions = (await t.database.db.select().from(auditEvents).where(like(auditEvents.action, 'calendar.%')).orderBy(asc(auditEvents.seq))).map((e) => e.action);
    assert.deepEqual(actions, ['calendar.override_set', 'calendar.imported', 'calendar.override_removed']);
  });
});
