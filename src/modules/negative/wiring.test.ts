// The negative list where it is used: a document marked 不予公开 and a refused application must cite
// a published entry of their agency (or its government), and the refusal counts in the annual
// report under the table-3 row of the entry cited.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../core/auth/actor.js';
import { AppError } from '../../core/errors.js';
import { todayInShanghai } from '../../core/calendar/dates.js';
import { demoActors } from '../../test/actors.js';
import { createDraft, transition } from '../info/service.js';
import { findEdition } from '../info/repository.js';
import type { DraftInput } from '../info/validate.js';
import { registerApplication, type FoiCtx } from '../foi/intake.js';
import { replyCase } from '../foi/handling.js';
import { replyPlainText, replyText } from '../foi/replies.js';
import { createReport, staffReport } from '../report/service.js';
import { createEntry, getEntry, withdrawEntry } from './entries.js';
import { negEntriesFor } from './citing.js';
import { draftEntry, publishedEntry, TIAOLI } from './citing.testing.js';
import { rowFitsCategory, ROWS_OF_CATEGORY } from './rows.js';

const fieldsOf = async (p: Promise<unknown>): Promise<Record<string, string>> => {
  try { await p; } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const d = e.details as { fields?: Record<string, string> } | { field: string; message: string }[] | undefined;
    if (Array.isArray(d)) return Object.fromEntries(d.map((x) => [x.field, x.message]));
    return d?.fields ?? { _: e.message };
  }
  return {};
};

describe('the negative list wired into information, applications and the annual report', () => {
  let database: Database;
  let actors: Map<string, Actor>;
  const as = (u: string) => ({ db: database.db, actor: actors.get(u)! });
  const foi = (u: string): FoiCtx => ({ ...as(u), key: Buffer.alloc(32, 9), countStartDay: false });
  const draft = (over: Partial<DraftInput>): DraftInput => ({
    title: '测算底稿', kind: '通知', theme: '综合政务\\政务公开', assembly: '业务工作', docNumber: '', writtenDate: '2026-03-02', formedDate: '2026-03-02',
    regulatory: false, statutoryItem: null, body: '内部材料', disclosure: 'not_public', disclosureGround: '', catalogItemKeys: [], changeNote: '', minorChange: false, ...over,
  });
  let town = 0;
  let minutes = 0; // the demo's 城关镇 entry: meeting records, 过程性信息

  before(async () => {
    database = await createTestDatabase({ demo: true, region: true });
    actors = await demoActors(database.db, ['chengguan', 'chengguan-sh', 'office', 'minzheng', 'nx-office']);
    town = actors.get('chengguan')!.agencyId;
    minutes = (await negEntriesFor(database.db, actors.get('chengguan')!, town)).find((n) => n.agencyId === town && n.reportRow === 'withheld_process')!.id;
  });
  after(async () => database?.close());

  it('keeps each entry’s table-3 row within its category', async () => {
    const base = { agencyId: actors.get('minzheng')!.agencyId, matter: '事项', lawName: TIAOLI, lawVersion: '2019-04-03', force: 'mandatory', releaseCondition: '权利人同意的', reviewMonths: '12' };
    const wrong = await fieldsOf(createEntry(as('minzheng'), { ...base, category: 'art14', article: '第十四条', reportRow: 'withheld_third_party' }));
    assert.match(wrong.reportRow ?? '', /不属于所选类别.*属于国家秘密/);
    assert.match((await fieldsOf(createEntry(as('minzheng'), { ...base, category: 'art16', force: 'discretionary', article: '第十六条' }))).reportRow ?? '', /请选择年度报告中计入/);
    const only = await createEntry(as('minzheng'), { ...base, category: 'art15', article: '第十五条' });
    assert.equal((await getEntry(as('minzheng'), only)).reportRow, 'withheld_third_party', 'Art. 15 has one row, taken without asking');
    for (const [c, rows] of Object.entries(ROWS_OF_CATEGORY)) for (const r of rows) assert.ok(rowFitsCategory(r, c as 'art14'));
    assert.equal(Object.values(ROWS_OF_CATEGORY).flat().length, 7, 'the seven rows of （三） 1–7, each under one category');
  });

  it('marking a document 不予公开 requires a published entry of its agency or government; the ground is the entry’s', async () => {
    assert.match((await fieldsOf(createDraft(as('chengguan'), draft({})))).negEntryId ?? '', /不予公开须从负面清单中选择依据事项/);
    const unpublished = await draftEntry(as('chengguan'));
    const elsewhere = await publishedEntry(as('nx-office'), as('nx-office'), { matter: '南县的第三方信息' });
    const dept = await publishedEntry(as('minzheng'), as('office'), { matter: '县民政局的第三方信息' });
    for (const bad of [String(unpublished), String(elsewhere), String(dept), 'abc', '0', '-3', '99999999']) {
      assert.match((await fieldsOf(createDraft(as('chengguan'), draft({ negEntryId: bad })))).negEntryId ?? '', /不存在、尚未发布或不属于本单位及本级政府/, bad);
    }
    const { editionId } = await createDraft(as('chengguan'), draft({ negEntryId: String(minutes), negArticle: '第十六条第二款', disclosureGround: '随手写的理由' }));
    const e = await findEdition(database.db, editionId);
    assert.equal(e.negEntryId, minutes);
    assert.match(e.disclosureGround, /^依据《中华人民共和国政府信息公开条例》第十六条第二款，属于城关镇政务公开负面清单事项“镇党委会议/);
    assert.ok(!e.disclosureGround.includes('随手写'), 'the typed ground gives way to the entry');
    // 依申请公开 keeps its free-text ground and carries no entry.
    const onRequest = await createDraft(as('chengguan'), draft({ disclosure: 'on_request', disclosureGround: '《条例》第二十七条', negEntryId: String(minutes) }));
    const r = await findEdition(database.db, onRequest.editionId);
    assert.equal(r.negEntryId, null);
    assert.equal(r.disclosureGround, '《条例》第二十七条');
    // The county government's own entry may be cited by its township (the government's list).
    const countyGov = await publishedEntry(as('office'), as('office'), { agencyId: actors.get('office')!.placement.govId!, matter: '县政府层面的第三方信息' });
    await createDraft(as('chengguan'), draft({ negEntryId: String(countyGov) }));
    // An entry withdrawn after the draft was saved stops its submission.
    const later = await publishedEntry(as('chengguan'), as('office'), { matter: '将被撤回的事项' });
    const w = await createDraft(as('chengguan'), draft({ negEntryId: String(later) }));
    await withdrawEntry(as('office'), later, { reason: '经评估可以公开' });
    await assert.rejects(transition(as('chengguan'), w.editionId, 'submit'), (x) => /已撤回或不再适用/.test((x as Error).message));
    await transition(as('chengguan'), editionId, 'submit');
  });

  it('a refusal citing an entry counts under the right table-3 row, and only an entry of that row is accepted', async () => {
    const year = Number(todayInShanghai().slice(0, 4));
    const t3 = async () => {
      const ctx = as('office');
      const id = await createReport(ctx, { agencyId: town, year }).catch(async () => (await import('../report/service.js')).staffReports(ctx).then((l) => l.find((r) => r.agencyId === town && r.year === year)!.id));
      return (await staffReport(ctx, id)).content.tables.t3;
    };
    const before = await t3();
    const privacy = await publishedEntry(as('chengguan'), as('office'), { matter: '申请人以外的被征收人身份证号码、银行账号' });
    const register = async (content: string, n: string) => (await registerApplication(foi('chengguan'), {
      agencyId: town, applicantType: 'natural', name: '赵六', idType: '居民身份证', idNumber: n, phone: '13800138000', content, form: 'electronic', delivery: 'online', channel: 'letter', receivedOn: todayInShanghai(),
    })).code;
    const { foiApplications } = await import('../foi/schema.js');
    const { eq } = await import('drizzle-orm');
    const idOf = async (code: string) => (await database.db.select({ id: foiApplications.id }).from(foiApplications).where(eq(foiApplications.code, code)))[0]!.id;
    const letter = (outcome: 'withheld_process' | 'withheld_third_party', reason: string) => replyPlainText(replyText({ outcome, agencyName: '城关镇人民政府', code: 'X', applicantName: '赵六', receivedOn: todayInShanghai(), repliedOn: todayInShanghai(), content: '申请内容', reason }));

    const a = await idOf(await register('城关镇2026年第9次镇长办公会议讨论记录', '110105194912310046'));
    const reply = (over: Record<string, unknown>) => replyCase(foi('chengguan'), a, { outcome: 'withheld_process', text: letter('withheld_process', '属于会议讨论记录'), reason: '属于会议讨论记录', ...over });
    assert.match((await fieldsOf(reply({}))).negEntryId ?? '', /须从负面清单中选择/);
    assert.match((await fieldsOf(reply({ negEntryId: privacy }))).negEntryId ?? '', /计入“保护第三方合法权益”，与办理结果“不予公开：过程性信息”不一致/);
    assert.match((await fieldsOf(reply({ negEntryId: await draftEntry(as('chengguan')) }))).negEntryId ?? '', /尚未发布/);
    await reply({ negEntryId: minutes });

    const b = await idOf(await register('城关镇征地补偿对象名册（含身份证号码）', '110105194912310054'));
    await replyCase(foi('chengguan'), b, { outcome: 'withheld_third_party', text: letter('withheld_third_party', '涉及个人隐私'), reason: '涉及个人隐私', negEntryId: String(privacy) });

    const after = await t3();
    assert.equal(after.withheld_process.natural - before.withheld_process.natural, 1, '（三）6 属于四类过程性信息');
    assert.equal(after.withheld_third_party.natural - before.withheld_third_party.natural, 1, '（三）4 保护第三方合法权益');
    assert.equal(after.withheld_internal_affairs.total, before.withheld_internal_affairs.total, 'nothing under a row no entry was cited for');
    assert.equal(after.withheld_state_secret.total, before.withheld_state_secret.total);
  });
});
