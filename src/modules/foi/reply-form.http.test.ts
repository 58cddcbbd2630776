import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { listAgencies } from '../org/service.js';
import { todayInShanghai } from '../../core/calendar/dates.js';
import { foiApplications, foiEvents } from './schema.js';
import { demoActors } from '../../test/actors.js';
import { negEntriesFor } from '../negative/citing.js';
import { draftEntry, publishedEntry } from '../negative/citing.testing.js';

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const letterOf = (html: string) => unescape(/<textarea id="x-text" name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? '');
/** The control with this id, and whether its aria-describedby names the error shown beside it. */
const errorBeside = (html: string, id: string): string | null => {
  const control = new RegExp(`<(?:input|select|textarea) id="${id}"[^>]*aria-describedby="([^"]*)"`).exec(html);
  if (!control?.[1]?.split(' ').includes(`${id}-error`)) return null;
  return unescape(new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1] ?? '') || null;
};

describe('the reply form: withheld parts each with a negative-list entry and reason, errors beside their fields, masking for the office', () => {
  let t: TestApp;
  let staff: Browser;
  let id = 0;
  let privacy = 0;
  let minutes = 0;
  let draft = 0;
  let otherAgency = 0;

  before(async () => {
    t = await createTestApp();
    const town = (await listAgencies(t.database.db)).find((a) => a.name === '城关镇')!.id;
    const actors = await demoActors(t.database.db, ['chengguan', 'office', 'minzheng']);
    const as = (u: string) => ({ db: t.database.db, actor: actors.get(u)! });
    privacy = await publishedEntry(as('chengguan'), as('office'));
    minutes = (await negEntriesFor(t.database.db, actors.get('chengguan')!, town)).find((n) => n.reportRow === 'withheld_process')!.id;
    draft = await draftEntry(as('chengguan'));
    otherAgency = await publishedEntry(as('minzheng'), as('office'), { matter: '县民政局的第三方信息' });
    staff = new Browser(t.app);
    await staff.login('chengguan');
    const reg = await staff.post('/admin/foi/register', {
      agencyId: String(town), applicantType: 'natural', name: '王小明', idType: '居民身份证', idNumber: '110105194912310038', phone: '13900139001',
      address: '城关镇解放路 12 号', content: '城关镇2026年征地补偿款发放明细', form: 'electronic', delivery: 'online', channel: 'letter', receivedOn: todayInShanghai(), submitKey: 'reply-form-1',
    });
    assert.equal(reg.statusCode, 200, reg.body.slice(0, 300));
    const code = /已登记。查询码 (\d{4}-[A-Z0-9]{8})/.exec(reg.body)![1]!;
    id = (await t.database.db.select().from(foiApplications).where(eq(foiApplications.code, code)))[0]!.id;
  });
  after(async () => t.close());

  it('reports every problem of an action in one pass, each beside its field, keeping what was typed', async () => {
    const head = new Browser(t.app);
    await head.login('chengguan-sh');
    const res = await head.post(`/admin/foi/${id}/extend`, { workdays: '99', approver: '', reason: '需要调取档案', on: '2026-99-99' }, { from: `/admin/foi/${id}` });
    assert.equal(res.statusCode, 400);
    assert.match(errorBeside(res.body, 'x-days') ?? '', /最长不得超过 20 个工作日/);
    assert.match(errorBeside(res.body, 'x-approver') ?? '', /请填写批准人/);
    assert.match(errorBeside(res.body, 'd-k10') ?? '', /有效日期/);
    assert.equal(errorBeside(res.body, 'x-reason'), null, 'a good field has no error');
    assert.match(res.body, /<details class="action" open><summary>延长答复期限/, 'the failed action is open');
    assert.match(res.body, /<textarea id="x-reason" name="reason"[^>]*>需要调取档案<\/textarea>/, 'what was typed is kept');
    assert.match(res.body, /id="d-k10-hint">[^<]*格式：年-月-日/, 'date fields carry the format hint');
    const events = await t.database.db.select().from(foiEvents).where(and(eq(foiEvents.applicationId, id), eq(foiEvents.kind, 'extended')));
    assert.equal(events.length, 0, 'nothing was recorded');
  });

  it('builds the letter from each withheld part, refuses a part without an entry or reason, and records the parts with their entries', async () => {
    const draft = await staff.get(`/admin/foi/${id}?outcome=partial`);
    assert.match(draft.body, /<legend>第 1 项<\/legend>/);
    assert.match(letterOf(draft.body), /（请填写不予公开的内容）。不予公开的理由：（请选择不予公开的依据）；（请填写不予公开的理由）/);

    // Two parts typed, the second without ground and reason: the letter rebuilt shows placeholders and a third blank row.
    const typed = { outcome: 'partial', wp1_content: '被征收人身份证号码、银行账号', wp1_entry: String(privacy), wp1_reason: '属于个人隐私，第三方书面表示不同意公开', wp2_content: '补偿标准研究会议纪要', wp2_entry: '', wp2_reason: '' };
    const rebuilt = await staff.post(`/admin/foi/${id}/reply-draft`, typed, { from: `/admin/foi/${id}?outcome=partial` });
    assert.equal(rebuilt.statusCode, 200);
    const half = letterOf(rebuilt.body);
    assert.match(half, /（一）不予公开的内容：被征收人身份证号码、银行账号。不予公开的理由：该内容涉及商业秘密、个人隐私等内容，公开会对第三方合法权益造成损害，根据《中华人民共和国政府信息公开条例》第十五条的规定不予公开；属于个人隐私，第三方书面表示不同意公开。/);
    assert.match(half, /（二）不予公开的内容：补偿标准研究会议纪要。不予公开的理由：（请选择不予公开的依据）；（请填写不予公开的理由）。/);
    assert.match(rebuilt.body, /<legend>第 3 项（可不填）<\/legend>/, 'a blank row to add a further part');

    const refused = await staff.post(`/admin/foi/${id}/reply`, { ...typed, text: half }, { from: `/admin/foi/${id}?outcome=partial` });
    assert.equal(refused.statusCode, 400);
    assert.match(errorBeside(refused.body, 'x-wp2-e') ?? '', /请为第2项选择不予公开所依据的负面清单事项/);
    assert.match(errorBeside(refused.body, 'x-wp2-r') ?? '', /请填写第2项不予公开的理由/);
    assert.equal(errorBeside(refused.body, 'x-wp1-r'), null);
    assert.match(refused.body, /<textarea id="x-wp2-c" name="wp2_content"[^>]*>补偿标准研究会议纪要<\/textarea>/, 'typed parts are kept');

    // Hostile entry ids: a draft, another agency's (a department is not the town's government), a non-number — each refused beside the part's select, nothing recorded.
    for (const bad of [String(draft), String(otherAgency), 'abc', '1e3', '-1', "1' or '1'='1", '<script>alert(1)</script>']) {
      const r = await staff.post(`/admin/foi/${id}/reply`, { ...typed, wp2_entry: bad, wp2_reason: '属于研究讨论中的过程性信息', text: half }, { from: `/admin/foi/${id}?outcome=partial` });
      assert.equal(r.statusCode, 400, bad);
      assert.match(errorBeside(r.body, 'x-wp2-e') ?? '', /不存在、尚未发布或不属于本单位及本级政府/, bad);
      assert.ok(!r.body.includes('<script>alert(1)</script>'), 'no raw script');
    }
    const full = { ...typed, wp2_entry: String(minutes), wp2_reason: '属于研究讨论中的过程性信息' };
    const letter = letterOf((await staff.post(`/admin/foi/${id}/reply-draft`, full, { from: `/admin/foi/${id}?outcome=partial` })).body);
    assert.match(letter, /第十六条第二款的规定不予公开；属于研究讨论中的过程性信息。/);
    // A letter edited so that it no longer states the second part's reason is refused, beside the letter.
    const edited = await staff.post(`/admin/foi/${id}/reply`, { ...full, text: letter.replace('属于研究讨论中的过程性信息', '') }, { from: `/admin/foi/${id}?outcome=partial` });
    assert.equal(edited.statusCode, 400);
    assert.match(errorBeside(edited.body, 'x-text') ?? '', /第2项不予公开的理由/);

    const sent = await staff.post(`/admin/foi/${id}/reply`, { ...full, text: letter }, { from: `/admin/foi/${id}?outcome=partial` });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 400));
    const [replied] = await t.database.db.select().from(foiEvents).where(and(eq(foiEvents.applicationId, id), eq(foiEvents.kind, 'replied')));
    assert.deepEqual((replied!.data as { withheldParts: unknown }).withheldParts, [
      { content: '被征收人身份证号码、银行账号', ground: 'withheld_third_party', reason: '属于个人隐私，第三方书面表示不同意公开', entryId: privacy },
      { content: '补偿标准研究会议纪要', ground: 'withheld_process', reason: '属于研究讨论中的过程性信息', entryId: minutes },
    ]);
  });

  it('registers a review only with a case code and a valid date, each problem beside its field', async () => {
    const res = await staff.post('/admin/foi/reviews', { code: '', kind: 'reconsideration', filedOn: '2026-99-99', body: '示范县人民政府' });
    assert.equal(res.statusCode, 400);
    assert.match(errorBeside(res.body, 'v-code') ?? '', /请填写申请的查询码/);
    assert.match(errorBeside(res.body, 'v-filed') ?? '', /有效日期/);
    assert.match(res.body, /id="v-body"[^>]*value="示范县人民政府"/, 'what was typed is kept');
    assert.match(res.body, /id="v-filed-hint">格式：年-月-日/);
  });

  it('checks both fee settings in one pass, each problem beside its field', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    const res = await office.post('/admin/foi/settings', { feesEnabled: 'on', defaultFeeRule: 'toString', paymentWorkdays: '999' });
    assert.equal(res.statusCode, 400);
    assert.match(errorBeside(res.body, 's-rule') ?? '', /请选择默认计费方式/);
    assert.match(errorBeside(res.body, 's-days') ?? '', /1 到 \d+ 之间的整数/);
    assert.match(res.body, /id="s-days"[^>]*value="999"/, 'what was typed is kept');
  });

  it('masks the applicant for the county office everywhere on the case page, the letter included', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    const page = await office.get(`/admin/foi/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2 id="reply-h">答复书<\/h2>/, 'the office sees the letter');
    assert.match(page.body, /王\*\*：/, 'the salutation is masked');
    for (const secret of ['王小明', '110105194912310038', '13900139001', '解放路 12 号']) assert.ok(!page.body.includes(secret), `no ${secret} on the office's page`);
    const own = await staff.get(`/admin/foi/${id}`);
    assert.ok(own.body.includes('王小明：'), 'the handler sees the letter as sent');
  });
});
