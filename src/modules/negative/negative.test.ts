import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { auditEvents } from '../../core/audit/schema.js';
import { addDays, todayInShanghai } from '../../core/calendar/dates.js';
import { addMonths, articlesCited, citationFlags, createEntry, getEntry, markReviewed, publicEntries, publishEntry, staffEntries, updateEntry, updateReviewMonths, withdrawEntry } from './entries.js';
import { negativeWorklist } from './worklist.js';
import { negVersions } from './schema.js';

const TIAOLI = '《中华人民共和国政府信息公开条例》';
const status = async (p: Promise<unknown>): Promise<number> => { try { await p; return 200; } catch (e) { if (e instanceof AppError) return e.status; throw e; } };
const fieldsOf = async (p: Promise<unknown>): Promise<Record<string, string>> => {
  try { await p; return {}; } catch (e) { return ((e as AppError).details as { fields?: Record<string, string> })?.fields ?? {}; }
};

describe('citationFlags', () => {
  it('reads Chinese and Arabic article numbers', () => {
    assert.deepEqual(articlesCited('第十四条第四款'), [14]);
    assert.deepEqual(articlesCited('第二十二条、第8条'), [22, 8]);
    assert.deepEqual(articlesCited('第十六条'), [16]);
  });
  it('flags the 2007 text and its exemption numbering, and leaves sound 2019 citations and other laws alone', () => {
    assert.equal(citationFlags({ lawName: TIAOLI, lawVersion: '2019-04-03', article: '第十五条', category: 'art15' }).length, 0);
    assert.equal(citationFlags({ lawName: TIAOLI, lawVersion: '2019-04-03', article: '第十六条第二款', category: 'art16' }).length, 0);
    assert.ok(citationFlags({ lawName: TIAOLI, lawVersion: '2007-04-05', article: '第十四条', category: 'art14' }).length > 0, 'a 2007 version date');
    assert.ok(citationFlags({ lawName: TIAOLI, lawVersion: '2019-04-03', article: '第八条', category: 'art14' }).length > 0, 'old Art. 8 安全稳定');
    assert.ok(citationFlags({ lawName: TIAOLI, lawVersion: '2019-04-03', article: '第二十二条', category: 'art16' }).length > 0, 'old Art. 22 区分处理');
    assert.ok(citationFlags({ lawName: TIAOLI, lawVersion: '2019-04-03', article: '第十四条', category: 'art15' }).length > 0, 'privacy under old Art. 14');
    assert.equal(citationFlags({ lawName: '《中华人民共和国保守国家秘密法》', lawVersion: '2010-04-29', article: '第九条', category: 'art14' }).length, 0, 'another law');
  });
  it('adds review months clamped to the month end', () => {
    assert.equal(addMonths('2025-01-31', 1), '2025-02-28');
    assert.equal(addMonths('2025-12-04', 12), '2026-12-04');
  });
});

describe('negative list service', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });
  const today = todayInShanghai();
  const work = (u: string, day = today) => negativeWorklist({ db: t.database.db, actor: actors.get(u)!, config: t.config, today: day });
  const base = (agency: string) => ({
    agencyId: actors.get(agency)!.agencyId, category: 'art15', matter: '救助对象的家庭财产状况', lawName: TIAOLI, lawVersion: '2019-04-03',
    article: '第十五条', force: 'mandatory', releaseCondition: '第三方同意公开的', reviewMonths: '12', lastReviewedOn: addDays(today, -30),
  });

  before(async () => {
    t = await createTestApp({}, { region: true });
    actors = await demoActors(t.database.db, ['office', 'admin', 'minzheng', 'jiaoyu', 'chengguan', 'chengguan-sh', 'nx-office', 'shi-office']);
  });
  after(async () => t?.close());

  it('the demo: five published entries of 县民政局 and 城关镇 on the county site, the 2007 one held back as a flagged draft', async () => {
    const gov = actors.get('office')!.placement.govId;
    const pub = await publicEntries(t.database.db, gov);
    assert.equal(pub.filter((e) => e.agencyName === '县民政局').length, 2);
    assert.equal(pub.filter((e) => e.agencyName === '城关镇').length, 3);
    const flagged = (await staffEntries(as('minzheng'), { flagged: true }));
    assert.equal(flagged.length, 1);
    assert.equal(flagged[0]!.state, 'draft');
    assert.equal(flagged[0]!.lawVersion, '2007-04-05');
  });

  it('scope: an editor drafts for their own agency only; others cannot read it; the office reads and acts; a sibling county sees nothing', async () => {
    const id = await createEntry(as('minzheng'), base('minzheng'));
    assert.equal(await status(createEntry(as('minzheng'), base('jiaoyu'))), 403);
    assert.equal(await status(getEntry(as('jiaoyu'), id)), 404);
    assert.equal(await status(getEntry(as('nx-office'), id)), 404);
    assert.equal((await getEntry(as('office'), id)).mayPublish, true);
    assert.equal(await status(getEntry(as('shi-office'), id)), 404, 'a draft stays with the county');
    assert.ok(!(await staffEntries(as('shi-office'))).some((e) => e.id === id));
    assert.ok(!(await staffEntries(as('jiaoyu'))).some((e) => e.id === id));
    assert.ok((await staffEntries(as('office'))).some((e) => e.id === id));
    assert.ok(!(await staffEntries(as('nx-office'))).some((e) => e.id === id));
    // An editor without the reviewer role cannot publish; the office can.
    assert.equal(await status(publishEntry(as('minzheng'), id)), 403);
    assert.equal(await status(publishEntry(as('shi-office'), id)), 404, 'the city does not even see the county’s draft');
    await publishEntry(as('office'), id);
    assert.ok((await publicEntries(t.database.db, actors.get('office')!.placement.govId)).some((e) => e.id === id));
    assert.equal((await getEntry(as('shi-office'), id)).mayPublish, false, 'the city reads the county’s published entry but does not act');
    assert.ok((await staffEntries(as('shi-office'))).some((e) => e.id === id));
    assert.ok(!(await publicEntries(t.database.db, actors.get('nx-office')!.placement.govId)).some((e) => e.id === id), 'not on the sibling county’s site');
    // The township's reviewer publishes its own agency's entries.
    const town = await createEntry(as('chengguan'), { ...base('chengguan'), category: 'art16', reportRow: 'withheld_internal_affairs', article: '第十六条', force: 'discretionary', releaseCondition: '' });
    await publishEntry(as('chengguan-sh'), town);
    assert.equal((await getEntry(as('chengguan'), town)).state, 'published');
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.targetType, 'neg_entry'), eq(auditEvents.targetId, String(town))));
    assert.deepEqual(audit.map((a) => a.action).sort(), ['negative.created', 'negative.published']);
  });

  it('validation: every field problem in Chinese beside its field; Art. 14/15 cannot be discretionary', async () => {
    const f = await fieldsOf(createEntry(as('minzheng'), { agencyId: actors.get('minzheng')!.agencyId, category: 'x', matter: '', lawName: '', lawVersion: '2026-02-30', article: '', force: 'maybe', reviewMonths: '0', lastReviewedOn: '2999-01-01' }));
    for (const k of ['category', 'matter', 'lawName', 'lawVersion', 'article', 'force', 'reviewMonths', 'lastReviewedOn']) assert.match(f[k] ?? '', /[\u4e00-\u9fff]/, k);
    const g = await fieldsOf(createEntry(as('minzheng'), { ...base('minzheng'), force: 'discretionary' }));
    assert.match(g.force ?? '', /应当不予公开/);
    const h = await fieldsOf(createEntry(as('minzheng'), { ...base('minzheng'), releaseCondition: '' }));
    assert.match(h.releaseCondition ?? '', /第十五条/);
  });

  it('publishing a 2007 citation is refused until it is fixed or confirmed with a reason', async () => {
    const id = await createEntry(as('minzheng'), { ...base('minzheng'), lawVersion: '2007-04-05', article: '第十四条' });
    assert.ok((await getEntry(as('minzheng'), id)).flags.length >= 1);
    const f = await fieldsOf(publishEntry(as('office'), id));
    assert.match(f.confirm ?? '', /2007/);
    assert.equal((await getEntry(as('office'), id)).state, 'draft');
    assert.ok((await work('minzheng')).some((w) => w.href === `/admin/negative/${id}` && w.kind === '负面清单依据待更正'));
    // Fixed: published without a reason; a new version is kept.
    await updateEntry(as('minzheng'), id, { ...base('minzheng') });
    await publishEntry(as('office'), id);
    const e = await getEntry(as('office'), id);
    assert.equal(e.state, 'published');
    assert.equal(e.version, 2);
    assert.equal((await t.database.db.select().from(negVersions).where(eq(negVersions.entryId, id))).length, 2);
    // Editing a published entry sends it back to draft.
    await updateEntry(as('minzheng'), id, { ...base('minzheng'), matter: '救助对象的家庭财产和收入状况' });
    assert.equal((await getEntry(as('office'), id)).state, 'draft');
    // Another flagged one, confirmed with a reason: published, and the reason kept.
    const other = await createEntry(as('minzheng'), { ...base('minzheng'), article: '第十四条' });
    await publishEntry(as('office'), other, { confirm: '经核实该条款引用无误' });
    const o = await getEntry(as('office'), other);
    assert.equal(o.state, 'published');
    assert.equal(o.citationConfirmed, '经核实该条款引用无误');
    // Withdraw needs a reason; then it leaves the public list.
    assert.equal(await status(withdrawEntry(as('office'), other, { reason: '' })), 400);
    await withdrawEntry(as('office'), other, { reason: '经评估已可以公开' });
    assert.ok(!(await publicEntries(t.database.db, actors.get('office')!.placement.govId)).some((x) => x.id === other));
  });

  it('review due: a published entry past its cycle is on the agency’s and the office’s worklist, not on others’; marking it reviewed clears it', async () => {
    const id = await createEntry(as('minzheng'), { ...base('minzheng'), matter: '待评估事项', lastReviewedOn: addDays(today, -400) });
    // Still a draft: not due for review.
    assert.ok(!(await work('minzheng')).some((w) => w.href === `/admin/negative/${id}`));
    await publishEntry(as('office'), id);
    for (const u of ['minzheng', 'office']) {
      const item = (await work(u)).find((w) => w.href === `/admin/negative/${id}`);
      assert.equal(item?.urgency, 'overdue', u);
      assert.equal(item?.kind, '负面清单逾期未评估');
    }
    assert.ok(!(await work('jiaoyu')).some((w) => w.href === `/admin/negative/${id}`));
    assert.ok(!(await work('nx-office')).some((w) => w.href === `/admin/negative/${id}`));
    assert.ok((await staffEntries(as('office'), { due: true })).some((e) => e.id === id));
    assert.equal(await status(markReviewed(as('jiaoyu'), id, { on: today })), 404);
    assert.equal(await status(markReviewed(as('minzheng'), id, { on: 'not-a-date' })), 400);
    assert.equal(await status(markReviewed(as('minzheng'), id, { on: addDays(today, 1) })), 400);
    await markReviewed(as('minzheng'), id, { on: today, note: '仍需不予公开' });
    assert.ok(!(await work('minzheng')).some((w) => w.href === `/admin/negative/${id}`));
    // A fixed clock: 11 months on, it is coming due (soon); 12 months on, due.
    assert.equal((await work('minzheng', addDays(addMonths(today, 12), -20))).find((w) => w.href === `/admin/negative/${id}`)?.urgency, 'soon');
    assert.equal((await work('minzheng', addMonths(today, 12))).find((w) => w.href === `/admin/negative/${id}`)?.urgency, 'due');
  });

  it('the default review cycle is the top government’s office’s setting', async () => {
    assert.equal(await status(updateReviewMonths(as('minzheng'), '6')), 403);
    assert.equal(await status(updateReviewMonths(as('shi-office'), 'abc')), 400);
    await updateReviewMonths(as('shi-office'), '6');
    const id = await createEntry(as('minzheng'), { ...base('minzheng'), reviewMonths: '' });
    assert.equal((await getEntry(as('minzheng'), id)).reviewMonths, 6);
  });
});
