import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase } from '../../db/testing.js';
import { openDatabase, type Database } from '../../db/client.js';
import type { Actor } from '../../core/auth/actor.js';
import { AppError } from '../../core/errors.js';
import { login } from '../account/service.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { createDraft, newEdition, publishDue, setValidity, transition, updateDraft } from './service.js';
import { documentEditions, findEdition, interpretationsOf } from './repository.js';
import { infoEditions } from './schema.js';
import { docNumberProblem } from './metadata.js';
import { recordReevaluation, reevaluationList } from './reevaluation.js';
import { search } from '../../core/search/index.js';
import type { DraftInput } from './validate.js';
import { negEntriesFor } from '../negative/citing.js';

const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));
const draft = (over: Partial<DraftInput> = {}): DraftInput => ({
  title: '示范县人民政府办公室关于印发示范县最低生活保障审核确认办法的通知',
  kind: '通知',
  theme: '民政、扶贫、救灾\\社会福利',
  assembly: '政策法规',
  docNumber: '示政办〔2026〕12号',
  writtenDate: '2026-03-02',
  formedDate: '2026-03-02',
  regulatory: false,
  body: '第一条 为规范最低生活保障审核确认工作……\n\n第二条 本办法自印发之日起施行。',
  disclosure: 'active',
  disclosureGround: '',
  catalogItemKeys: [],
  changeNote: '',
  minorChange: false,
  ...over,
});

describe('文号 validation', () => {
  it('accepts GB/T 9704 numbers and 令 numbers, and explains the usual mistakes', () => {
    assert.equal(docNumberProblem('国办发〔2019〕54号'), null);
    assert.equal(docNumberProblem('国务院令第711号'), null);
    assert.match(docNumberProblem('国办发(2019)54号')!, /六角括号/);
    assert.match(docNumberProblem('国办发[2019]54号')!, /六角括号/);
    assert.match(docNumberProblem('国办发〔2019〕第54号')!, /不加“第”字/);
    assert.match(docNumberProblem('国办发〔2019〕054号')!, /虚位/);
    assert.match(docNumberProblem('国办发〔2019〕54')!, /号/);
  });
});

describe('government information lifecycle', () => {
  let database: Database;
  const actors = new Map<string, Actor>();
  const as = (u: string) => ({ db: database.db, actor: actors.get(u)! });

  before(async () => {
    database = await createTestDatabase({ demo: true });
    for (const u of ['chengguan', 'chengguan-sh', 'hexi', 'office']) {
      const r = await login(database.db, { username: u, password: DEMO_PASSWORD, address: "127.0.0.1" });
      assert.ok(r.ok);
      actors.set(u, r.actor);
    }
  });
  after(() => database.close());

  it('refuses bad metadata with the reason in Chinese, and sanitises the body', async () => {
    await assert.rejects(createDraft(as('chengguan'), draft({ docNumber: '示政办(2026)12号' })), (e) => code(e) === 'invalid_input' && /六角括号/.test((e as Error).message));
    await assert.rejects(createDraft(as('chengguan'), draft({ writtenDate: '2026-02-30' })), (e) => /成文日期不是有效日期/.test((e as Error).message));
    await assert.rejects(createDraft(as('chengguan'), draft({ theme: '不存在' })), (e) => /主题分类/.test((e as Error).message));
    await assert.rejects(createDraft(as('chengguan'), draft({ disclosure: 'not_public' })), (e) => /依据/.test((e as Error).message));
    const { editionId } = await createDraft(as('chengguan'), draft({ body: '<p onclick="x()">正文<script>alert(1)</script></p>' }));
    const e = await findEdition(database.db, editionId);
    assert.equal(e.bodyHtml, '<p>正文</p>');
  });

  it('goes draft → review → approved (with 保密审查) → published, and gets a 索引号 once', async () => {
    const { documentId, editionId } = await createDraft(as('chengguan'), draft());
    await assert.rejects(transition(as('hexi'), editionId, 'submit'), (e) => code(e) === 'not_found', 'another township cannot see it');
    await transition(as('chengguan'), editionId, 'submit');
    await assert.rejects(transition(as('chengguan'), editionId, 'submit'), (e) => code(e) === 'invalid_transition');
    await assert.rejects(transition(as('chengguan-sh'), editionId, 'return'), (e) => code(e) === 'invalid_input');
    await transition(as('chengguan-sh'), editionId, 'return', { comment: '请核对文号' });
    await updateDraft(as('chengguan'), editionId, draft({ docNumber: '示政办〔2026〕13号' }));
    await transition(as('chengguan'), editionId, 'submit');
    await assert.rejects(transition(as('chengguan-sh'), editionId, 'approve'), (e) => /保密审查/.test((e as Error).message));
    await transition(as('chengguan-sh'), editionId, 'approve', { secrecyConclusion: '不涉及国家秘密，同意公开' });
    await transition(as('chengguan-sh'), editionId, 'publish');
    const [e] = await documentEditions(database.db, documentId);
    assert.equal(e!.state, 'published');
    assert.match(e!.indexNumber!, /^[0-9A-Z]{18}\/\d{4}-\d{5}$/);
    assert.match(e!.secrecyReviewer!, /城关镇 钱审核：不涉及国家秘密/);
  });

  it('hands out consecutive 索引号 per agency and year, never the same twice', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { documentId, editionId } = await createDraft(as('chengguan'), draft({ title: `第${i}份通知`, docNumber: `示政办〔2026〕${20 + i}号` }));
      await transition(as('chengguan'), editionId, 'submit');
      await transition(as('chengguan-sh'), editionId, 'approve', { secrecyConclusion: '同意' });
      await transition(as('chengguan-sh'), editionId, 'publish');
      numbers.push((await documentEditions(database.db, documentId))[0]!.indexNumber!);
    }
    const serials = numbers.map((n) => Number(n.split('-').at(-1)));
    assert.deepEqual(serials, [serials[0]!, serials[0]! + 1, serials[0]! + 2]);
  });

  it('refuses to publish a regulatory document without its interpretation, then publishes both together (三同步)', async () => {
    const policy = await createDraft(as('chengguan'), draft({ regulatory: true, title: '城关镇农村宅基地管理办法', docNumber: '城政〔2026〕3号' }));
    await transition(as('chengguan'), policy.editionId, 'submit');
    await transition(as('chengguan-sh'), policy.editionId, 'approve', { secrecyConclusion: '同意' });
    await assert.rejects(transition(as('chengguan-sh'), policy.editionId, 'publish'), (e) => code(e) === 'interpretation_required');
    const interp = await createDraft(as('chengguan'), { ...draft({ kind: '政策解读', title: '《城关镇农村宅基地管理办法》政策解读', docNumber: '' }), interpretsId: policy.documentId });
    await transition(as('chengguan'), interp.editionId, 'submit');
    await transition(as('chengguan-sh'), interp.editionId, 'approve', { secrecyConclusion: '同意' });
    await assert.rejects(transition(as('chengguan-sh'), interp.editionId, 'publish'), (e) => code(e) === 'publish_with_policy');
    await transition(as('chengguan-sh'), policy.editionId, 'publish');
    assert.equal((await findEdition(database.db, policy.editionId)).state, 'published');
    assert.equal((await findEdition(database.db, interp.editionId)).state, 'published');
    assert.deepEqual((await interpretationsOf(database.db, policy.documentId)).map((i) => i.documentId), [interp.documentId]);
    assert.equal((await findEdition(database.db, interp.editionId)).interpretsId, policy.documentId);

    // Later abolished, pointing to its replacement.
    const replacement = await createDraft(as('chengguan'), draft({ title: '城关镇农村宅基地管理办法（2027年修订）', docNumber: '城政〔2026〕9号' }));
    await transition(as('chengguan'), replacement.editionId, 'submit');
    await transition(as('chengguan-sh'), replacement.editionId, 'approve', { secrecyConclusion: '同意' });
    await transition(as('chengguan-sh'), replacement.editionId, 'publish');
    await setValidity(as('chengguan'), policy.documentId, { validity: 'abolished', date: '2026-12-01', replacedById: replacement.documentId });
    const abolished = await findEdition(database.db, policy.editionId);
    assert.equal(abolished.validity, 'abolished');
    assert.equal(abolished.replacedById, replacement.documentId);
  });

  it('changes a published document only through a new edition with a change note, superseding the old one', async () => {
    const { documentId, editionId } = await createDraft(as('chengguan'), draft({ title: '城关镇2026年财政预算公开', docNumber: '' }));
    await transition(as('chengguan'), editionId, 'submit');
    await transition(as('chengguan-sh'), editionId, 'approve', { secrecyConclusion: '同意' });
    await transition(as('chengguan-sh'), editionId, 'publish');
    const indexNumber = (await findEdition(database.db, editionId)).indexNumber;
    const second = await newEdition(as('chengguan'), documentId);
    await assert.rejects(newEdition(as('chengguan'), documentId), (e) => code(e) === 'edition_open');
    await assert.rejects(updateDraft(as('chengguan'), second, draft({ title: '城关镇2026年财政预算公开（更正）', docNumber: '' })), (e) => /修订说明/.test((e as Error).message));
    await updateDraft(as('chengguan'), second, draft({ title: '城关镇2026年财政预算公开（更正）', docNumber: '', changeNote: '更正表3数据' }));
    await transition(as('chengguan'), second, 'submit');
    await transition(as('chengguan-sh'), second, 'approve', { secrecyConclusion: '同意' });
    await transition(as('chengguan-sh'), second, 'publish');
    const editions = await documentEditions(database.db, documentId);
    assert.deepEqual(editions.map((x) => x.state), ['published', 'superseded']);
    assert.equal(editions[0]!.indexNumber, indexNumber, 'the 索引号 stays with the document');
    await assert.rejects(transition(as('chengguan-sh'), second, 'withdraw'), (e) => /理由/.test((e as Error).message));
    await transition(as('chengguan-sh'), second, 'withdraw', { reason: '内容已过时', inError: false });
    assert.equal((await findEdition(database.db, second)).state, 'withdrawn');
  });

  it('publishes a scheduled edition at its time exactly once, even with two instances running the job', async () => {
    const { editionId } = await createDraft(as('chengguan'), draft({ title: '定时发布的通知', docNumber: '' }));
    await transition(as('chengguan'), editionId, 'submit');
    await transition(as('chengguan-sh'), editionId, 'approve', { secrecyConclusion: '同意' });
    await assert.rejects(transition(as('chengguan-sh'), editionId, 'schedule', { publishAt: new Date(Date.now() - 1000) }), (e) => /晚于当前时间/.test((e as Error).message));
    await transition(as('chengguan-sh'), editionId, 'schedule', { publishAt: new Date(Date.now() + 60_000) });
    assert.deepEqual(await publishDue(database.db), [], 'nothing is due yet');
    // A second "instance": its own connection pool on the same database when running on PostgreSQL.
    const url = (database as Database & { url?: string }).url;
    const other = url ? await openDatabase({ databaseUrl: url }) : null;
    try {
      const later = new Date(Date.now() + 120_000);
      const [a, b] = await Promise.all([publishDue(database.db, later), publishDue((other ?? database).db, later)]);
      assert.deepEqual([...a, ...b], [editionId], 'published by exactly one instance');
    } finally {
      await other?.close();
    }
    assert.equal((await findEdition(database.db, editionId)).state, 'published');
    const audits = await database.db.execute(sql`select count(*)::int as n from audit_events where action = 'info.publish' and target_id = ${String(editionId)}`);
    assert.equal((audits as unknown as { rows: { n: number }[] }).rows[0]!.n, 1);
  });

  it('keeps 依申请公开 information out of publication', async () => {
    const { editionId } = await createDraft(as('chengguan'), draft({ title: '内部管理信息', disclosure: 'on_request', disclosureGround: '《条例》第十六条', docNumber: '' }));
    await transition(as('chengguan'), editionId, 'submit');
    await transition(as('chengguan-sh'), editionId, 'approve', { secrecyConclusion: '同意' });
    await assert.rejects(transition(as('chengguan-sh'), editionId, 'publish'), (e) => code(e) === 'not_for_publication');
    const [row] = await database.db.select().from(infoEditions).where(eq(infoEditions.id, editionId));
    assert.equal(row!.state, 'approved');
  });

  it('lists withheld information for the yearly re-evaluation and makes "now disclose" publishable', async () => {
    const entry = (await negEntriesFor(database.db, actors.get('chengguan')!, actors.get('chengguan')!.agencyId)).find((n) => n.reportRow === 'withheld_process')!;
    const { documentId, editionId } = await createDraft(as('chengguan'), draft({ title: '征地补偿测算底稿', disclosure: 'not_public', negEntryId: String(entry.id), docNumber: '' }));
    await transition(as('chengguan'), editionId, 'submit');
    await transition(as('chengguan-sh'), editionId, 'approve', { secrecyConclusion: '同意' });
    const list = await reevaluationList(as('chengguan-sh'), 2026);
    assert.ok(list.some((r) => r.documentId === documentId && r.decision === null));
    await assert.rejects(recordReevaluation(as('hexi'), { documentId, year: 2026, decision: 'disclose', reason: '越权' }), (e) => code(e) === 'forbidden' || code(e) === 'not_found');
    await recordReevaluation(as('chengguan-sh'), { documentId, year: 2026, decision: 'disclose', reason: '补偿已兑付完毕，情势变化可以公开' });
    await assert.rejects(recordReevaluation(as('office'), { documentId, year: 2026, decision: 'keep', reason: '重复' }), (e) => code(e) === 'already_active' || code(e) === 'already_decided');
    assert.equal((await reevaluationList(as('chengguan-sh'), 2026)).find((r) => r.documentId === documentId), undefined, 'no longer withheld');
    await transition(as('chengguan-sh'), editionId, 'publish');
    const published = await findEdition(database.db, editionId);
    assert.equal(published.state, 'published');
    assert.equal(published.negEntryId, null, 'disclosed: it no longer cites the negative list');
  });

  it('makes published information findable by a 繁體 query and by its 文号, and drops it when withdrawn', async () => {
    const { documentId, editionId } = await createDraft(as('chengguan'), draft({ title: '城关镇关于开展农村饮水安全排查的通知', docNumber: '城政〔2026〕77号', body: '各村：请于四月底前完成饮水安全排查。' }));
    await transition(as('chengguan'), editionId, 'submit');
    await transition(as('chengguan-sh'), editionId, 'approve', { secrecyConclusion: '同意' });
    assert.equal((await search(database.db, { q: '饮水安全' })).results.length, 0, 'nothing before publication');
    await transition(as('chengguan-sh'), editionId, 'publish');
    const hant = await search(database.db, { q: '飲水安全排查' });
    assert.ok(hant.results.some((r) => r.url === `/xxgk/${documentId}`));
    const byNumber = await search(database.db, { q: '城政〔2026〕77号' });
    assert.equal(byNumber.exact?.url, `/xxgk/${documentId}`);
    await transition(as('chengguan-sh'), editionId, 'withdraw', { reason: '已过时' });
    assert.equal((await search(database.db, { q: '饮水安全' })).results.length, 0);
  });
});
