// The forms that cite the negative list, over HTTP with hostile input: the information form's
// 不予公开 entry, the refusal's entry on the reply form, and the entry form's table-3 row.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import { todayInShanghai } from '../../core/calendar/dates.js';
import { foiApplications } from '../foi/schema.js';
import { negEntriesFor } from './citing.js';
import { draftEntry, publishedEntry } from './citing.testing.js';

const SCRIPT = '<script>alert(1)</script>';
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const errorBeside = (html: string, id: string): string | null => {
  const control = new RegExp(`<(?:input|select|textarea) id="${id}"[^>]*aria-describedby="([^"]*)"`).exec(html);
  if (!control?.[1]?.split(' ').includes(`${id}-error`)) return null;
  return unescape(new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1] ?? '') || null;
};
const letterOf = (html: string) => unescape(/<textarea id="x-text" name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? '');
const doc = (over: Record<string, string> = {}) => ({
  title: '城关镇征地补偿测算底稿', kind: '其他', theme: '综合政务\\其他', assembly: '业务工作', docNumber: '',
  writtenDate: '2026-03-02', formedDate: '2026-03-02', statutoryItem: '', body: '测算底稿。', disclosure: 'not_public', disclosureGround: '', ...over,
});

describe('citing the negative list over HTTP: the information form and the reply form, with hostile input', () => {
  let t: TestApp;
  let editor: Browser;
  let minutes = 0;
  let unpublished = 0;
  let otherCounty = 0;
  let town = 0;
  const hostile = () => [String(unpublished), String(otherCounty), 'abc', '1.5', '-1', '0x10', "1' OR '1'='1", '1; DROP TABLE neg_entries;--', SCRIPT, '9'.repeat(150)];
const refusedFor = (bad: string) => (bad ? /不存在、尚未发布或不属于本单位及本级政府/ : /须从负面清单中选择/);

  before(async () => {
    t = await createTestApp({}, { region: true });
    const actors = await demoActors(t.database.db, ['chengguan', 'office', 'nx-office']);
    const as = (u: string) => ({ db: t.database.db, actor: actors.get(u)! });
    town = actors.get('chengguan')!.agencyId;
    minutes = (await negEntriesFor(t.database.db, actors.get('chengguan')!, town)).find((n) => n.agencyId === town && n.reportRow === 'withheld_process')!.id;
    unpublished = await draftEntry(as('chengguan'));
    otherCounty = await publishedEntry(as('nx-office'), as('nx-office'), { matter: '南县的第三方个人信息' });
    editor = new Browser(t.app);
    await editor.login('chengguan');
  });
  after(async () => t?.close());

  it('the information form offers the town’s published entries and refuses 不予公开 without one, beside the select, keeping what was typed', async () => {
    const form = (await editor.get('/admin/info/new')).body;
    assert.match(form, new RegExp(`<select id="d-negentry" name="negEntryId"[^>]*>[\\s\\S]*<option value="${minutes}">城关镇｜第十六条第二款｜镇党委会议`));
    const select = /<select id="d-negentry"[\s\S]*?<\/select>/.exec(form)![0];
    assert.ok(!select.includes(`<option value="${unpublished}">`), 'a draft entry is not offered');
    assert.ok(!select.includes(`<option value="${otherCounty}">`), 'another county’s entry is not offered');

    const none = await editor.post('/admin/info/new', doc());
    assert.equal(none.statusCode, 400);
    assert.match(errorBeside(none.body, 'd-negentry') ?? '', /不予公开须从负面清单中选择依据事项/);
    assert.match(none.body, /<input id="d-title" name="title"[^>]*value="城关镇征地补偿测算底稿"/, 'the title is kept');

    for (const bad of hostile()) {
      const r = await editor.post('/admin/info/new', doc({ negEntryId: bad }));
      assert.equal(r.statusCode, 400, `entry ${bad.slice(0, 30)}`);
      assert.match(errorBeside(r.body, 'd-negentry') ?? '', refusedFor(bad), `entry ${bad.slice(0, 30)}`);
      assert.ok(!r.body.includes(SCRIPT), 'no raw script');
    }
    const long = await editor.post('/admin/info/new', doc({ negEntryId: String(minutes), negArticle: '第十六条'.repeat(40) }));
    assert.equal(long.statusCode, 400);
    assert.match(errorBeside(long.body, 'd-negarticle') ?? '', /所引条款不能超过 100 个字符/);
    const twice = await editor.post('/admin/info/new', { ...doc(), negEntryId: [String(minutes), String(otherCounty)] });
    assert.equal(twice.statusCode, 400, 'of two values for one select the last counts, and is checked like any other');

    const ok = await editor.post('/admin/info/new', doc({ negEntryId: String(minutes), negArticle: '第十六条第二款' }));
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const page = (await editor.get(String(ok.headers.location).split('?')[0]!)).body;
    assert.match(page, /不予公开（依据《中华人民共和国政府信息公开条例》第十六条第二款，属于城关镇政务公开负面清单事项/);
    assert.match(page, new RegExp(`<option value="${minutes}" selected>`), 'the edit form keeps the entry chosen');
  });

  it('a whole refusal on the reply form picks an entry of its row; others are refused beside the select and nothing is recorded', async () => {
    const reg = await editor.post('/admin/foi/register', {
      agencyId: String(town), applicantType: 'natural', name: '钱七', idType: '居民身份证', idNumber: '110105194912310038', phone: '13900139001',
      content: '城关镇第9次镇长办公会议讨论记录', form: 'electronic', delivery: 'online', channel: 'letter', receivedOn: todayInShanghai(), submitKey: 'negwire-1',
    });
    const code = /已登记。查询码 (\d{4}-[A-Z0-9]{8})/.exec(reg.body)![1]!;
    const id = (await t.database.db.select().from(foiApplications).where(eq(foiApplications.code, code)))[0]!.id;
    const url = `/admin/foi/${id}?outcome=withheld_process`;
    const page = (await editor.get(url)).body;
    assert.match(page, new RegExp(`<select id="x-negentry" name="negEntryId"[^>]*><option value="">请选择负面清单事项</option><option value="${minutes}">`));
    const typed = { outcome: 'withheld_process', negEntryId: String(minutes) };
    const drafted = await editor.post(`/admin/foi/${id}/reply-draft`, typed, { from: url });
    const letter = letterOf(drafted.body);
    assert.match(letter, /理由如下：该信息属于城关镇政务公开负面清单所列事项“镇党委会议/, 'the standard text names the entry');

    for (const bad of ['', ...hostile()]) {
      const r = await editor.post(`/admin/foi/${id}/reply`, { ...typed, negEntryId: bad, reason: '会议讨论记录', text: letter }, { from: url });
      assert.equal(r.statusCode, 400, `entry ${bad.slice(0, 30)}`);
      assert.match(errorBeside(r.body, 'x-negentry') ?? '', refusedFor(bad), `entry ${bad.slice(0, 30)}`);
      assert.ok(!r.body.includes(SCRIPT), 'no raw script');
    }
    assert.equal((await t.database.db.select().from(foiApplications).where(eq(foiApplications.id, id)))[0]!.state, 'in_progress', 'nothing was recorded');
    const sent = await editor.post(`/admin/foi/${id}/reply`, { ...typed, reason: '会议讨论记录', text: letter }, { from: url });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
    assert.equal((await t.database.db.select().from(foiApplications).where(eq(foiApplications.id, id)))[0]!.outcome, 'withheld_process');
  });

  it('the entry form refuses a table-3 row outside the category, beside the row select', async () => {
    const res = await editor.post('/admin/negative/new', {
      agencyId: String(town), category: 'art14', reportRow: 'withheld_process', matter: '涉密事项', lawName: '《中华人民共和国保守国家秘密法》', lawVersion: '2024-02-27',
      article: '第十三条', force: 'mandatory', releaseCondition: '', reviewMonths: '12', lastReviewedOn: '',
    });
    assert.equal(res.statusCode, 400);
    assert.match(errorBeside(res.body, 'n-row') ?? '', /不属于所选类别/);
    for (const bad of [SCRIPT, "x' OR 1=1", 'toString']) {
      const r = await editor.post('/admin/negative/new', { agencyId: String(town), category: 'art16', reportRow: bad, matter: '事项', lawName: 'a', lawVersion: '2019-04-03', article: '第十六条', force: 'discretionary' });
      assert.equal(r.statusCode, 400);
      assert.match(errorBeside(r.body, 'n-row') ?? '', /请选择年度报告中计入/);
      assert.ok(!r.body.includes(SCRIPT));
    }
  });
});
