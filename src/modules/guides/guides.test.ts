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
import { addWorkdays } from '../../core/calendar/calendar.js';
import { loadCalendar } from '../../core/calendar/service.js';
import { DEMO_GUIDES } from './demo.js';
import { validateGuide } from './elements.js';
import { approveVersion, createItem, getItem, publishVersion, returnVersion, saveDraft, staffItems, submitVersion } from './service.js';
import { listPublishedGuides, publishedGuide, publishedGuideByCode } from './public.js';
import { guidesWorklist } from './worklist.js';
import { listBundles } from './bundles.js';

const status = async (p: Promise<unknown>): Promise<number> => { try { await p; return 200; } catch (e) { if (e instanceof AppError) return e.status; throw e; } };
const fieldsOf = async (p: Promise<unknown>): Promise<Record<string, string>> => {
  try { await p; return {}; } catch (e) { return ((e as AppError).details as { fields?: Record<string, string> })?.fields ?? {}; }
};
const lowbao = DEMO_GUIDES[0]!.data;

describe('guide elements', () => {
  it('accepts a full element set and refuses a promise longer than the legal limit, also across units', () => {
    assert.equal(validateGuide(lowbao).name, '最低生活保障审核确认');
    assert.throws(() => validateGuide({ ...lowbao, promisedLimit: { value: 31, unit: '工作日', note: '' } }), (e: AppError) => /承诺办结时限.*不能长于法定办结时限/.test(e.message));
    // 30 working days span at least 42 calendar days: 40 自然日 is within it, 45 is not.
    assert.equal(validateGuide({ ...lowbao, promisedLimit: { value: 40, unit: '自然日', note: '' } }).promisedLimit.value, 40);
    assert.throws(() => validateGuide({ ...lowbao, legalLimit: { value: 20, unit: '自然日', note: '' }, promisedLimit: { value: 15, unit: '工作日', note: '' } }));
  });
  it('requires a reason when the applicant must come to the hall, and names the bad material row', () => {
    const f = (() => { try { validateGuide({ ...lowbao, visits: 2, visitsReason: '' }); return {}; } catch (e) { return ((e as AppError).details as { fields: Record<string, string> }).fields; } })();
    assert.match(f.visitsReason ?? '', /必须现场办理的原因说明/);
    assert.equal(validateGuide({ ...lowbao, visits: 0, visitsReason: '' }).visits, 0);
    const bad = { ...lowbao, materials: [...lowbao.materials, { ...lowbao.materials[0]!, necessity: '随便' }, { name: lowbao.materials[1]!.name, necessity: '必要', form: '纸质', source: '其他' }] };
    try { validateGuide(bad); assert.fail('refused'); } catch (e) {
      const fields = ((e as AppError).details as { fields: Record<string, string> }).fields;
      assert.match(fields['materials.6.necessity'] ?? '', /第 7 项材料：请选择必要性/);
      assert.match(fields['materials.7.name'] ?? '', /重复/);
    }
  });
});

describe('guide service', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });
  const today = todayInShanghai();
  const input = (code: string, o: Record<string, unknown> = {}) => ({ agencyId: actors.get('minzheng')!.agencyId, code, domainCode: 'social-assistance', data: { ...lowbao, name: `测试事项${code}` }, ...o });

  before(async () => {
    t = await createTestApp({}, { region: true });
    actors = await demoActors(t.database.db, ['office', 'minzheng', 'jiaoyu', 'nx-office', 'shi-office']);
  });
  after(async () => t?.close());

  it('the demo: ten published guides of three departments of 示范县, a sub-item under 婚姻登记, one 一件事 bundle with merged materials', async () => {
    const gov = actors.get('office')!.placement.govId;
    const list = await listPublishedGuides(t.database.db, gov);
    assert.equal(list.length, DEMO_GUIDES.length);
    assert.deepEqual([...new Set(list.map((g) => g.agencyName))].sort(), ['县人力资源和社会保障局', '县教育局', '县民政局'].sort());
    const marriage = await publishedGuideByCode(t.database.db, gov, '000107001000-411101');
    assert.deepEqual(marriage!.children.map((c) => c.name), ['内地居民结婚登记']);
    assert.equal((await listPublishedGuides(t.database.db, actors.get('nx-office')!.placement.govId)).length, 0, 'another county has none');
    const [bundle] = await listBundles(t.database.db, gov);
    assert.equal(bundle!.items.length, 3);
    assert.equal(bundle!.lead, '县人力资源和社会保障局');
    const idCards = bundle!.materials.filter((m) => m.name === '居民身份证');
    assert.equal(idCards.length, 1, 'the ID card asked by three items is listed once');
    assert.equal(idCards[0]!.forItems.length, 3);
  });

  it('scope and review: the editor drafts for their own agency only; another agency and county cannot read it; the office approves and publishes; audited', async () => {
    assert.equal(await status(createItem(as('minzheng'), input('T-1', { agencyId: actors.get('jiaoyu')!.agencyId }))), 403);
    const id = await createItem(as('minzheng'), input('T-1'));
    assert.equal(await status(getItem(as('jiaoyu'), id)), 404);
    assert.equal(await status(getItem(as('nx-office'), id)), 404);
    assert.equal(await status(getItem(as('shi-office'), id)), 404, 'a draft stays with the county');
    assert.equal(await publishedGuide(t.database.db, id), null, 'not public before publication');
    assert.equal(await status(approveVersion(as('minzheng'), id)), 403, 'an editor cannot approve');
    await submitVersion(as('minzheng'), id);
    assert.equal(await status(publishVersion(as('office'), id)), 409, 'not approved yet');
    await returnVersion(as('office'), id, '受理条件表述不完整');
    assert.equal((await getItem(as('minzheng'), id)).returnReason, '受理条件表述不完整');
    await submitVersion(as('minzheng'), id);
    await approveVersion(as('office'), id);
    await publishVersion(as('office'), id);
    const pub = await publishedGuide(t.database.db, id);
    assert.equal(pub!.data.materials.length, lowbao.materials.length);
    assert.equal(pub!.code, 'T-1');
    assert.equal((await getItem(as('shi-office'), id)).name, '测试事项T-1', 'the city reads it once published');
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.targetType, 'guide_item'), eq(auditEvents.targetId, String(id))));
    assert.deepEqual(audit.map((a) => a.action).sort(), ['guides.approved', 'guides.created', 'guides.published', 'guides.returned', 'guides.submitted', 'guides.submitted'].sort());

    // A change is a new version; the public keeps the old one until it is published.
    const v = await saveDraft(as('minzheng'), id, { data: { ...lowbao, name: '测试事项T-1', hours: '每周一至周五 9:00—17:00' } });
    assert.equal(v, 2);
    assert.equal((await publishedGuide(t.database.db, id))!.data.hours, lowbao.hours);
    await submitVersion(as('minzheng'), id); await approveVersion(as('office'), id); await publishVersion(as('office'), id);
    assert.equal((await publishedGuide(t.database.db, id))!.data.hours, '每周一至周五 9:00—17:00');
    assert.equal((await publishedGuide(t.database.db, id))!.version, 2);
  });

  it('实施编码 is unique per government; a 子项 needs its 主项', async () => {
    await createItem(as('minzheng'), input('T-2'));
    assert.match((await fieldsOf(createItem(as('minzheng'), input('T-2')))).code ?? '', /已被本级政府的其他事项使用/);
    assert.match((await fieldsOf(createItem(as('minzheng'), input('T-2-1', { level: 'sub' })))).parentCode ?? '', /须填写上级事项/);
    assert.match((await fieldsOf(createItem(as('minzheng'), input('T-2-1', { level: 'sub', parentCode: 'NOPE' })))).parentCode ?? '', /未找到/);
    assert.ok(await createItem(as('minzheng'), input('T-2-1', { level: 'sub', parentCode: 'T-2' })));
    assert.match((await fieldsOf(createItem(as('minzheng'), input('bad code!')))).code ?? '', /实施编码/);
  });

  it('a provincial item refuses local edits of the province\'s fields but takes local ones', async () => {
    const id = await createItem(as('minzheng'), { ...input('T-3'), source: 'provincial' });
    const cur = (await getItem(as('minzheng'), id)).data;
    const f = await fieldsOf(saveDraft(as('minzheng'), id, { data: { ...cur, name: '改过的名称' } }));
    assert.match(f.name ?? '', /来自省级事项清单，以省级清单为准/);
    assert.equal(await saveDraft(as('minzheng'), id, { data: { ...cur, hours: '全天' } }), 1);
  });

  it('an unpublished change is due 20 working days after it was formed and shows overdue on the worklist', async () => {
    const changedOn = addDays(today, -45);
    const id = await createItem(as('minzheng'), input('T-4', { changedOn }));
    const item = (await staffItems(as('minzheng'))).find((i) => i.id === id)!;
    assert.equal(item.publishDue, addWorkdays(await loadCalendar(t.database.db), changedOn, 20));
    const work = await guidesWorklist({ db: t.database.db, actor: actors.get('office')!, config: t.config, today });
    const mine = work.find((w) => w.href === `/admin/banshi/${id}`);
    assert.equal(mine?.urgency, 'overdue');
    assert.equal(mine?.kind, '办事指南逾期未发布');
    assert.ok(!work.some((w) => w.title === DEMO_GUIDES[0]!.data.name), 'published items are not waiting');
    assert.ok(work.some((w) => w.title === '特困人员救助供养审核确认' && w.urgency === 'overdue'), 'the demo change left unpublished');
    const other = await guidesWorklist({ db: t.database.db, actor: actors.get('jiaoyu')!, config: t.config, today });
    assert.ok(!other.some((w) => w.href === `/admin/banshi/${id}`), 'not on another agency\'s list');
    assert.match((await fieldsOf(createItem(as('minzheng'), input('T-5', { changedOn: addDays(today, 1) })))).changedOn ?? '', /不晚于今天/);
  });
});
