import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { asc, eq } from 'drizzle-orm';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { demoActors } from '../../test/actors.js';
import { auditEvents } from '../../core/audit/schema.js';
import { splitArticles, chineseNumber } from './articles.js';
import { createConsultation, publishConsultation, runSchedule, updateConsultation } from './consultations.js';
import { decideGroup, decideOpinion, groupOpinions, moderate, opinionStatus, opinionsOf, recordOpinion, submitComment } from './opinions.js';
import { finishConsultation, reportOf, reviewReport, submitReport } from './report.js';
import { commentsXlsx, reportDocx, reportTitle } from './exports.js';
import { updateSettings, getSettings } from './settings.js';
import { participationPanel, publicConsultation, publicList } from './queries.js';
import { partConsultations } from './schema.js';
import { participationWorklist } from './worklist.js';
import { loadConfig } from '../../config.js';

const DRAFT = `某某办法（征求意见稿）
第一条 为了规范某项工作，制定本办法。
第二条 本办法适用于本县。
第三条 申请人应当提交书面申请。
第四条 本办法自发布之日起施行。`;

/** Throws an AppError with this code, or fails. */
async function refused(p: Promise<unknown>, code: string | RegExp): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AppError, `an AppError, got ${String(e)}`);
    if (typeof code === 'string') assert.equal(e.code, code, e.message);
    else assert.match(e.message, code);
    return e;
  }
  assert.fail('expected a refusal');
}

describe('consultations: period, schedule, comments, decisions, feedback', () => {
  let database: Database;
  let actors: Map<string, Actor>;
  const key = randomBytes(32);
  const as = (u: string): Ctx => ({ db: database.db, actor: actors.get(u)! });
  const pub = (address = '192.0.2.1') => ({ db: database.db, key, address });
  const form = (over: Record<string, string | string[]> = {}) => ({ title: '关于某某办法公开征求意见', kind: 'normative', draftText: DRAFT, explanation: '起草说明', methods: ['online'], startsAt: '2026-03-02T09:00', endsAt: '2026-03-10T18:00', ...over });
  const at = (s: string) => new Date(`${s}+08:00`);

  before(async () => {
    database = await createTestDatabase({ demo: true });
    actors = await demoActors(database.db, ['minzheng', 'office', 'chengguan', 'chengguan-sh', 'jiaoyu']);
  });
  after(async () => database.close());

  it('splits a draft into its articles by 第X条', () => {
    const a = splitArticles(DRAFT);
    assert.deepEqual(a.map((x) => [x.no, x.label]), [[1, '第一条'], [2, '第二条'], [3, '第三条'], [4, '第四条']]);
    assert.equal(a[2]!.text, '申请人应当提交书面申请。');
    assert.equal(chineseNumber('二十三'), 23);
    assert.equal(chineseNumber('一百零五'), 105);
    assert.equal(chineseNumber('十'), 10);
  });

  it('refuses a 规范性文件 period of 5 working days without a reason, and takes it with one', async () => {
    const id = await createConsultation(as('minzheng'), form({ startsAt: '2026-03-02T09:00', endsAt: '2026-03-06T18:00' }));
    const e = await refused(publishConsultation(as('minzheng'), id, at('2026-03-01T10:00')), 'invalid_input');
    assert.match(e.message, /不少于 7 个工作日，本次为 5 个工作日/);
    assert.equal((await database.db.select().from(partConsultations).where(eq(partConsultations.id, id)))[0]!.state, 'draft');
    await updateConsultation(as('minzheng'), id, form({ startsAt: '2026-03-02T09:00', endsAt: '2026-03-06T18:00', shortReason: '上级要求3月底前出台，时间紧迫。' }));
    assert.equal(await publishConsultation(as('minzheng'), id, at('2026-03-01T10:00')), 'scheduled');
    // The reason is public.
    const v = await publicConsultation(database.db, id, null);
    assert.equal(v.c.shortReason, '上级要求3月底前出台，时间紧迫。');
  });

  it('takes 7 working days for a 规范性文件 and 30 days for a 重大行政决策; the minimums are settings', async () => {
    const ok = await createConsultation(as('minzheng'), form());
    assert.equal(await publishConsultation(as('minzheng'), ok, at('2026-03-01T10:00')), 'scheduled');
    const major = await createConsultation(as('minzheng'), form({ kind: 'major_decision', startsAt: '2026-03-02T09:00', endsAt: '2026-03-31T09:00' }));
    await refused(publishConsultation(as('minzheng'), major, at('2026-03-01T10:00')), /不少于 30 日/);
    const s = await getSettings(database.db);
    await updateSettings(as('office'), { ...Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)])), sensitiveWords: '', majorDecisionDays: '20' });
    assert.equal(await publishConsultation(as('minzheng'), major, at('2026-03-01T10:00')), 'scheduled');
    await updateSettings(as('office'), { ...Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)])), sensitiveWords: '' });
    await refused(updateSettings(as('minzheng'), { majorDecisionDays: '1' }), 'forbidden');
  });

  it('opens and closes by the job at its times, once, even with two instances running it at once', async () => {
    const id = await createConsultation(as('minzheng'), form({ startsAt: '2026-04-01T09:00', endsAt: '2026-04-10T18:00' }));
    await publishConsultation(as('minzheng'), id, at('2026-03-20T10:00'));
    const state = async () => (await database.db.select().from(partConsultations).where(eq(partConsultations.id, id)))[0]!.state;
    await runSchedule(database.db, at('2026-04-01T08:59'));
    assert.equal(await state(), 'scheduled');
    await refused(submitComment(pub(), id, { body: '意见', contact: '13800000000' }, at('2026-04-01T08:59')), 'not_open');
    const [a, b] = await Promise.all([runSchedule(database.db, at('2026-04-01T09:00')), runSchedule(database.db, at('2026-04-01T09:00'))]);
    assert.equal([...a.opened, ...b.opened].filter((x) => x === id).length, 1, 'opened by exactly one run');
    assert.equal(await state(), 'open');
    await runSchedule(database.db, at('2026-04-10T17:59'));
    assert.equal(await state(), 'open');
    const [c, d] = await Promise.all([runSchedule(database.db, at('2026-04-10T18:00')), runSchedule(database.db, at('2026-04-10T18:00'))]);
    assert.equal([...c.closed, ...d.closed].filter((x) => x === id).length, 1, 'closed by exactly one run');
    assert.equal(await state(), 'closed');
    await refused(submitComment(pub(), id, { body: '意见', contact: '13800000000' }, at('2026-04-10T18:01')), 'not_open');
    const audits = await database.db.select().from(auditEvents).where(eq(auditEvents.targetId, String(id))).orderBy(asc(auditEvents.seq));
    assert.deepEqual(audits.filter((x) => x.action === 'participation.opened' || x.action === 'participation.closed').map((x) => x.action), ['participation.opened', 'participation.closed']);
  });

  it('runs a consultation from comments to a published feedback report, and is finished only then', async () => {
    const id = await createConsultation(as('minzheng'), form({ startsAt: '2026-05-06T09:00', endsAt: '2026-05-20T18:00', methods: ['online', 'symposium'] }));
    await publishConsultation(as('minzheng'), id, at('2026-05-01T10:00'));
    await runSchedule(database.db, at('2026-05-06T09:00'));
    const t = at('2026-05-07T10:00');
    const s1 = await submitComment(pub('192.0.2.10'), id, { article: '3', quote: '书面申请', body: '建议允许网上申请。', contact: '13800000010', name: '张三' }, t);
    const s2 = await submitComment(pub('192.0.2.11'), id, { article: '3', body: '网上申请更方便，应当写进去。', contact: '13800000011' }, t);
    const s3 = await submitComment(pub('192.0.2.12'), id, { article: '0', body: '<script>alert(1)</script> 无关内容', contact: '13800000012' }, t);
    const s4 = await submitComment(pub('192.0.2.13'), id, { article: '1', body: '第一条表述清楚。', contact: '13800000013' }, t);
    assert.match(s1.code, /^YJ-[A-Z0-9]{12}$/);
    assert.equal(s1.state, 'pending');
    const byCode = async (code: string) => (await opinionsOf(database.db, id)).find((o) => o.code === code)!.id;
    // Nothing is public before moderation.
    assert.equal((await publicConsultation(database.db, id, null)).opinions.length, 0);
    await refused(moderate(as('minzheng'), await byCode(s3.code), { action: 'reject', reason: 'irrelevant', text: '' }), 'invalid_input');
    await refused(moderate(as('minzheng'), await byCode(s3.code), { action: 'reject', reason: 'made-up', text: '说明' }), 'invalid_input');
    await moderate(as('minzheng'), await byCode(s3.code), { action: 'reject', reason: 'irrelevant', text: '与办法内容无关。' });
    // Another agency's clerk may not moderate.
    await refused(moderate(as('jiaoyu'), await byCode(s1.code), { action: 'approve' }), 'not_found');
    for (const s of [s1, s2, s4]) await moderate(as('minzheng'), await byCode(s.code), { action: 'approve' });
    const status = await opinionStatus(database.db, s3.code.toLowerCase());
    assert.equal(status.state, 'rejected');
    assert.equal(status.rejectReason, '与征求意见内容无关');
    assert.equal(status.rejectText, '与办法内容无关。');
    const shown = await publicConsultation(database.db, id, null);
    assert.deepEqual(shown.opinions.map((o) => o.body).sort(), ['建议允许网上申请。', '第一条表述清楚。', '网上申请更方便，应当写进去。'].sort());
    assert.ok(!JSON.stringify(shown).includes('13800000010') && !JSON.stringify(shown).includes('张三'), 'no name or contact on the public page data');
    const meeting = await recordOpinion(as('minzheng'), id, { method: 'symposium', source: '5月15日座谈会', body: '建议第二条明确适用于乡镇。', article: 2 });

    // Decisions only after closing.
    await refused(decideOpinion(as('minzheng'), await byCode(s4.code), { disposition: 'adopted' }), 'not_closed');
    await runSchedule(database.db, at('2026-05-20T18:00'));
    await refused(finishConsultation(as('minzheng'), id), 'undecided');
    await refused(decideOpinion(as('minzheng'), meeting, { disposition: 'not_adopted', reason: '' }), /须填写理由/);
    await decideOpinion(as('minzheng'), await byCode(s4.code), { disposition: 'adopted' });
    const g = await groupOpinions(as('minzheng'), id, [await byCode(s1.code), await byCode(s2.code)], '允许网上提交申请');
    await refused(decideOpinion(as('minzheng'), await byCode(s1.code), { disposition: 'adopted' }), 'grouped');
    await refused(submitReport(as('minzheng'), id, ''), 'undecided');
    await decideGroup(as('minzheng'), g, { disposition: 'partly', reason: '增加网上申请渠道，书面申请仍保留。' });
    await refused(finishConsultation(as('minzheng'), id), 'undecided');
    await decideOpinion(as('minzheng'), meeting, { disposition: 'existing', reason: '第二条已涵盖乡镇。' });
    await refused(finishConsultation(as('minzheng'), id), 'report_unpublished');

    await submitReport(as('minzheng'), id, '已据此修改。');
    // Decisions are locked while the report is in review.
    await refused(decideOpinion(as('minzheng'), meeting, { disposition: 'adopted' }), 'report_submitted');
    // The submitter cannot review their own report; an editor of the agency cannot review at all.
    await refused(reviewReport(as('minzheng'), id, 'publish'), 'forbidden');
    assert.equal((await publicConsultation(database.db, id, null)).report, null, 'not public before review');
    assert.ok((await participationWorklist({ db: database.db, actor: actors.get('office')!, config: loadConfig({ NODE_ENV: 'test' }), today: '2026-05-25' })).some((w) => w.kind === '意见采纳情况待审核'));
    await refused(finishConsultation(as('minzheng'), id), 'report_unpublished');
    await reviewReport(as('office'), id, 'publish');
    const r = (await reportOf(database.db, id))!;
    assert.equal(r.state, 'published');
    const c = r.content;
    assert.equal(c.received, 5);
    assert.equal(c.notPublished, 1);
    assert.equal(c.total, 4);
    assert.deepEqual(c.byDisposition, { adopted: 1, partly: 2, not_adopted: 0, existing: 1, out_of_scope: 0 });
    assert.equal(c.counts.online.partly, 2);
    assert.equal(c.counts.symposium.existing, 1);
    assert.equal(c.rows.length, 3, 'one row per ungrouped opinion and one per group');
    const groupRow = c.rows.find((x) => x.text === '允许网上提交申请')!;
    assert.equal(groupRow.count, 2);
    assert.equal(groupRow.article, '第三条');
    assert.equal(groupRow.reason, '增加网上申请渠道，书面申请仍保留。');
    // The citizen sees the decision under the code once it is published.
    const st = await opinionStatus(database.db, s2.code);
    assert.equal(st.disposition, 'partly');
    assert.equal(st.reason, '增加网上申请渠道，书面申请仍保留。');

    await finishConsultation(as('minzheng'), id);
    assert.equal((await publicList(database.db, null, 'finished')).some((x) => x.id === id), true);

    // The DOCX holds the counts and every row's reason.
    const docx = await reportDocx(c);
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    assert.match(text, /关于《某某办法》公开征求意见采纳情况的说明/);
    assert.equal(reportTitle('关于《某某规划（草案）》公开征求意见'), '关于《某某规划（草案）》公开征求意见采纳情况的说明');
    assert.match(text, /采纳 1 条，部分采纳 2 条，不予采纳 0 条，已有规定 1 条，不属于本事项 0 条/);
    assert.ok(text.includes('增加网上申请渠道，书面申请仍保留。') && text.includes('第二条已涵盖乡镇。') && text.includes('允许网上提交申请'));
    assert.ok(text.includes('座谈会'));

    // The staff XLSX has every opinion, with name and contact, and the decisions.
    const { buffer } = await commentsXlsx(as('minzheng'), id);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as never);
    const ws = wb.getWorksheet('意见')!;
    const rows: string[][] = [];
    ws.eachRow((row, n) => { if (n >= 3) rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))); });
    assert.equal(rows.length, 5);
    const first = rows.find((x) => x[1] === s1.code)!;
    assert.equal(first[5], '第三条');
    assert.equal(first[6], '书面申请');
    assert.equal(first[8], '张三');
    assert.equal(first[9], '13800000010');
    assert.equal(first[13], '部分采纳');
    const rejected = rows.find((x) => x[1] === s3.code)!;
    assert.equal(rejected[7], '<script>alert(1)</script> 无关内容', 'kept exactly as typed');
    assert.match(rejected[11]!, /与征求意见内容无关：与办法内容无关。/);
    assert.ok(rows.some((x) => x[3] === '座谈会' && x[4] === '5月15日座谈会'));
    await refused(commentsXlsx(as('jiaoyu'), id), 'not_found');
  });

  it('holds a comment with a listed word for review instead of dropping it, and enforces the limits', async () => {
    const s = await getSettings(database.db);
    await updateSettings(as('office'), { ...Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)])), sensitiveWords: '敏感词甲\n违禁', perContactPerDay: '2', maxCommentChars: '100' });
    const id = await createConsultation(as('minzheng'), form({ startsAt: '2026-06-01T09:00', endsAt: '2026-06-12T18:00' }));
    await publishConsultation(as('minzheng'), id, at('2026-05-30T10:00'));
    await runSchedule(database.db, at('2026-06-01T09:00'));
    const t = at('2026-06-02T10:00');
    const held = await submitComment(pub('192.0.2.50'), id, { body: '这里有一个敏感词甲。', contact: '13700000001' }, t);
    assert.equal(held.state, 'held');
    const row = (await opinionsOf(database.db, id)).find((o) => o.code === held.code)!;
    assert.equal(row.body, '这里有一个敏感词甲。', 'stored exactly');
    assert.deepEqual(row.heldWords, ['敏感词甲']);
    assert.equal((await opinionStatus(database.db, held.code)).state, 'held');
    await submitComment(pub('192.0.2.51'), id, { body: '第二条意见', contact: '137-0000-0001' }, t);
    const e = await refused(submitComment(pub('192.0.2.52'), id, { body: '第三条意见', contact: '13700000001' }, t), 'too_many');
    assert.equal(e.status, 429);
    assert.match(e.message, /同一联系方式 24 小时内最多提交 2 条/);
    const big = await refused(submitComment(pub('192.0.2.53'), id, { body: '字'.repeat(101), contact: '13700000009' }, t), 'invalid_input');
    assert.match(big.message, /最多 100 个字，本次 101 个字/);
    await refused(submitComment(pub('192.0.2.53'), id, { body: '意见', contact: '13700000009', article: '99' }, t), /所选条款不在草案中/);
    await refused(submitComment(pub('192.0.2.53'), id, { body: '意见', contact: '' }, t), /联系方式/);
    // Five sent at the same moment from one contact: the limit of 2 holds, no more are stored.
    const burst = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => submitComment(pub(`192.0.2.6${n}`), id, { body: `同时提交的意见${n}`, contact: '13700000020' }, t)));
    assert.equal(burst.filter((r) => r.status === 'fulfilled').length, 2);
    assert.ok(burst.every((r) => r.status === 'fulfilled' || (r.reason as AppError).code === 'too_many'));
    assert.equal((await opinionsOf(database.db, id)).filter((o) => o.body.startsWith('同时提交的意见')).length, 2);
    // The same form sent twice gives the first code again, and stores one opinion.
    const before = (await opinionsOf(database.db, id)).length;
    const k1 = await submitComment(pub('192.0.2.54'), id, { body: '只提交一次', contact: '13700000010', submitKey: 'abcdefgh12345678' }, t);
    const k2 = await submitComment(pub('192.0.2.54'), id, { body: '只提交一次', contact: '13700000010', submitKey: 'abcdefgh12345678' }, t);
    assert.equal(k1.code, k2.code);
    assert.equal((await opinionsOf(database.db, id)).length, before + 1);
    await updateSettings(as('office'), { ...Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)])), sensitiveWords: '' });
  });

  it('lists a closed consultation without feedback on the office worklist with its age', async () => {
    const id = await createConsultation(as('minzheng'), form({ title: '无人反馈的征求意见', startsAt: '2026-07-01T09:00', endsAt: '2026-07-10T18:00' }));
    await publishConsultation(as('minzheng'), id, at('2026-06-30T10:00'));
    await runSchedule(database.db, at('2026-07-01T09:00'));
    await runSchedule(database.db, at('2026-07-10T18:00'));
    const items = await participationWorklist({ db: database.db, actor: actors.get('office')!, config: loadConfig({ NODE_ENV: 'test' }), today: '2026-08-20' });
    const item = items.find((w) => w.title === '无人反馈的征求意见');
    assert.ok(item, 'on the office worklist');
    assert.equal(item!.kind, '征求意见已结束未反馈');
    assert.match(item!.note!, /已结束 41 天/);
    assert.equal(item!.urgency, 'overdue');
  });

  it('shows a 公众参与情况 panel on the document the consultation led to', async () => {
    const id = await createConsultation(as('minzheng'), form({ title: '有正式文件的征求意见', startsAt: '2026-08-03T09:00', endsAt: '2026-08-12T18:00' }));
    await publishConsultation(as('minzheng'), id, at('2026-08-01T10:00'));
    assert.equal(await participationPanel(database.db, 424242), null);
    await database.db.update(partConsultations).set({ documentId: 424242 }).where(eq(partConsultations.id, id));
    const p = await participationPanel(database.db, 424242);
    assert.equal(p!.title, '公众参与情况');
    assert.ok(p!.links.some((l) => l.href === `/zhengqiu/${id}` && l.label.includes('有正式文件的征求意见')));
  });
});
