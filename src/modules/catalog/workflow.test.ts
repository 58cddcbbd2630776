import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import type { Actor } from '../../core/auth/actor.js';
import { AppError } from '../../core/errors.js';
import { login } from '../account/service.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { verifyAuditChain } from '../../core/audit/service.js';
import { auditEvents } from '../../core/audit/schema.js';
import { domains } from './schema.js';
import { addItem, compileCatalog, createDomain, readableVersion, removeItem, replaceItems, startNewVersion, transition, updateItem, staffCatalogList } from './service.js';
import { domainTemplates, findVersion, toInput, versionItems, versionExclusions } from './repository.js';
import { catalogHistory, publishedItems } from './queries.js';
import { CUT_REASON } from './template-item.js';

const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

describe('catalog workflow', () => {
  let database: Database;
  const actors = new Map<string, Actor>();
  const as = (u: string) => ({ db: database.db, actor: actors.get(u)! });
  let socialAssistance: number;
  let versionId: number;

  before(async () => {
    database = await createTestDatabase({ demo: true });
    for (const u of ['chengguan', 'chengguan-sh', 'hexi', 'minzheng', 'jiaoyu', 'office', 'admin']) {
      const r = await login(database.db, { username: u, password: DEMO_PASSWORD, address: '127.0.0.1' });
      assert.ok(r.ok);
      actors.set(u, r.actor);
    }
    [{ id: socialAssistance }] = (await database.db.select({ id: domains.id }).from(domains).where(eq(domains.code, 'social-assistance'))) as [{ id: number }];
  });
  after(() => database.close());

  it('compiles a draft from the templates, localising the subject and channels, with reasons for dropped items', async () => {
    const all = await domainTemplates(database.db, socialAssistance);
    const cut = all.filter((t) => t.cut);
    const templates = all.filter((t) => !t.cut);
    assert.ok(cut.length > 0, 'the shipped 社会救助 template has rows cut off in their source');
    const [dropped, ...kept] = templates;
    await assert.rejects(
      compileCatalog(as('chengguan'), { domainId: socialAssistance, templateIds: all.map((t) => t.id), exclusions: [] }),
      (e) => code(e) === 'invalid_input' && /不能直接采用/.test((e as Error).message) && (e as Error).message.includes(cut[0]!.level2),
    );
    await assert.rejects(
      compileCatalog(as('chengguan'), { domainId: socialAssistance, templateIds: kept.map((t) => t.id), exclusions: [] }),
      (e) => code(e) === 'invalid_input' && /理由/.test((e as Error).message),
    );
    versionId = await compileCatalog(as('chengguan'), {
      domainId: socialAssistance,
      templateIds: kept.map((t) => t.id),
      exclusions: [{ templateId: dropped!.id, reason: '本镇不承担该事项' }],
      subject: '城关镇人民政府',
      addChannels: ['便民服务站'],
      addOtherChannels: ['城关镇微信公众号'],
    });
    const items = await versionItems(database.db, versionId);
    assert.equal(items.length, kept.length);
    assert.ok(items.every((i) => i.subject === '城关镇人民政府' && i.channels.includes('便民服务站') && i.otherChannels.includes('城关镇微信公众号')));
    const excluded = await versionExclusions(database.db, versionId);
    assert.equal(excluded.find((x) => x.templateId === dropped!.id)!.reason, '本镇不承担该事项');
    // Cut rows are left out by themselves, with the reason recorded.
    assert.deepEqual(excluded.filter((x) => x.templateId !== dropped!.id).map((x) => [x.templateId, x.reason]), cut.map((t) => [t.id, CUT_REASON]));
    // Marks the source did not show are prefilled 全社会 / 主动, so every item is valid.
    assert.ok(items.every((i) => (i.audiencePublic || i.audienceSpecific) && (i.modeActive || i.modeOnRequest)));
    const v = await findVersion(database.db, versionId);
    assert.equal(v.state, 'draft');
  });

  it('keeps a draft invisible to another township and to supervisors until it is submitted', async () => {
    await assert.rejects(readableVersion(as('hexi'), versionId), (e) => code(e) === 'not_found');
    await assert.rejects(readableVersion(as('minzheng'), versionId), (e) => code(e) === 'not_found');
    await assert.rejects(updateItem(as('hexi'), (await versionItems(database.db, versionId))[0]!.id, {}), (e) => code(e) === 'not_found' || code(e) === 'invalid_input');
    assert.equal((await staffCatalogList(as('hexi'))).some((v) => v.id === versionId), false);
    assert.equal((await readableVersion(as('chengguan-sh'), versionId)).id, versionId, 'the agency reviewer sees its own draft');
  });

  it('parses the time limit of each item and flags text it cannot read without refusing it', async () => {
    const id = await addItem(as('chengguan'), versionId, { ...toInput((await versionItems(database.db, versionId))[0]!), level1: '综合业务', level2: '本镇补充事项', timeLimitText: '按上级要求' }, 'local');
    const item = (await versionItems(database.db, versionId)).find((i) => i.id === id)!;
    assert.equal(item.timeRuleOk, false);
    assert.equal(item.timeLimitText, '按上级要求');
    const first = (await versionItems(database.db, versionId))[0]!;
    assert.deepEqual(first.timeRule, { kind: 'period', unit: 'workday', n: 10, event: 'made_or_obtained' });
    await removeItem(as('chengguan'), id);
  });

  it('runs submit → return with a comment → resubmit → approve → publish, each step audited', async () => {
    await assert.rejects(transition(as('chengguan'), versionId, 'publish'), (e) => code(e) === 'invalid_transition');
    await transition(as('chengguan'), versionId, 'submit');
    await assert.rejects(transition(as('chengguan'), versionId, 'submit'), (e) => code(e) === 'invalid_transition', 'a duplicate submit is refused');
    await assert.rejects(transition(as('jiaoyu'), versionId, 'approve'), (e) => code(e) === 'not_found', 'a supervisor of another domain cannot see it');
    await assert.rejects(transition(as('minzheng'), versionId, 'return', '  '), (e) => code(e) === 'invalid_input', 'returning needs a comment');
    await transition(as('minzheng'), versionId, 'return', '请补充监督电话');
    const item = (await versionItems(database.db, versionId))[1]!;
    await updateItem(as('chengguan'), item.id, { ...toInput(item), content: '社会救助信访通讯地址 社会救助投诉举报电话 0373-1234567' });
    await transition(as('chengguan'), versionId, 'submit');
    await assert.rejects(transition(as('office'), versionId, 'publish'), (e) => code(e) === 'invalid_transition', 'the office cannot publish before approval');
    await transition(as('minzheng'), versionId, 'approve');
    await assert.rejects(updateItem(as('chengguan'), item.id, toInput(item)), (e) => code(e) === 'not_editable');
    await transition(as('office'), versionId, 'publish');
    assert.equal((await findVersion(database.db, versionId)).state, 'published');

    const actions = (await database.db.select({ action: auditEvents.action, targetId: auditEvents.targetId }).from(auditEvents)).filter((a) => a.targetId === String(versionId)).map((a) => a.action);
    for (const a of ['catalog.compiled', 'catalog.submit', 'catalog.return', 'catalog.approve', 'catalog.publish']) assert.ok(actions.includes(a), `audited: ${a}`);
    assert.equal((await verifyAuditChain(database.db)).ok, true);
  });

  it('shows the public only published items, with the filters applied in the query', async () => {
    const agencyId = actors.get('chengguan')!.agencyId;
    const items = await publishedItems(database.db, { domainId: socialAssistance, agencyId });
    assert.ok(items.length > 0);
    assert.ok(items.some((i) => i.content.includes('0373-1234567')));
    const township = await publishedItems(database.db, { domainId: socialAssistance, agencyId, level: 'township' });
    assert.ok(township.every((i) => i.levels.includes('township')));
    const county = await publishedItems(database.db, { domainId: socialAssistance, agencyId, level: 'county' });
    assert.ok(county.length < items.length, 'a township-only template row is excluded from the county level');
  });

  it('changes a published catalog only through a new version, with a readable public diff', async () => {
    const catalogId = (await findVersion(database.db, versionId)).catalogId;
    await assert.rejects(startNewVersion(as('chengguan'), catalogId, ''), (e) => code(e) === 'invalid_input');
    await assert.rejects(startNewVersion(as('hexi'), catalogId, '越权'), (e) => code(e) === 'not_found');
    const v2 = await startNewVersion(as('chengguan'), catalogId, '调整公开时限');
    await assert.rejects(startNewVersion(as('chengguan'), catalogId, '再来一次'), (e) => code(e) === 'version_open');
    const [first, second] = await versionItems(database.db, v2);
    await updateItem(as('chengguan'), first!.id, { ...toInput(first!), timeLimitText: '信息形成或者变更之日起20个工作日内' });
    await removeItem(as('chengguan'), second!.id);
    await transition(as('chengguan'), v2, 'submit');
    // The published version stays what the public sees while v2 is under review.
    assert.ok((await publishedItems(database.db, { domainId: socialAssistance, agencyId: actors.get('chengguan')!.agencyId })).every((i) => i.versionId === versionId));
    await transition(as('minzheng'), v2, 'approve');
    await transition(as('office'), v2, 'publish');
    assert.equal((await findVersion(database.db, versionId)).state, 'superseded');
    const { entries } = await catalogHistory(database.db, catalogId);
    assert.equal(entries.length, 2);
    assert.equal(entries[0]!.current, true);
    assert.equal(entries[0]!.changeNote, '调整公开时限');
    const changed = entries[0]!.diff.find((d) => d.kind === 'changed');
    assert.ok(changed && changed.kind === 'changed' && changed.changes.some((c) => c.label === '公开时限' && c.before === '制定或获取信息之日起10个工作日内' && c.after === '信息形成或者变更之日起20个工作日内'));
    assert.ok(entries[0]!.diff.some((d) => d.kind === 'removed'));
  });

  it('imports a whole catalog into a draft or nothing at all', async () => {
    const templates = (await domainTemplates(database.db, socialAssistance)).filter((t) => !t.cut);
    const vid = await compileCatalog(as('minzheng'), { domainId: socialAssistance, templateIds: templates.map((t) => t.id), exclusions: [] });
    const before = await versionItems(database.db, vid);
    const good = toInput(before[0]!);
    await assert.rejects(replaceItems(as('minzheng'), vid, [good, { ...good, level2: '' }]), (e) => code(e) === 'invalid_input');
    assert.equal((await versionItems(database.db, vid)).length, before.length, 'a refused import leaves the draft untouched');
    await replaceItems(as('minzheng'), vid, [good]);
    assert.equal((await versionItems(database.db, vid)).length, 1);
  });

  it('starts an empty draft for a domain without templates, which cannot be submitted empty', async () => {
    // Every pilot domain ships with template rows; an "other domain" the office adds starts with none.
    const elderly = { id: await createDomain(as('office'), { name: '统计', code: 'statistics', responsibleAgencyId: null }) };
    assert.equal((await domainTemplates(database.db, elderly!.id)).length, 0);
    const vid = await compileCatalog(as('chengguan'), { domainId: elderly!.id, templateIds: [], exclusions: [] });
    assert.equal((await versionItems(database.db, vid)).length, 0);
    await assert.rejects(transition(as('chengguan'), vid, 'submit'), (e) => code(e) === 'invalid_input');
    await assert.rejects(compileCatalog(as('chengguan'), { domainId: elderly!.id, templateIds: [], exclusions: [] }), (e) => code(e) === 'catalog_exists');
  });
});
