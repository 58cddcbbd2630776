import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { auditEvents } from '../../core/audit/schema.js';
import { agencies } from '../../core/org/schema.js';
import { seedUser } from '../account/service.js';
import { DEMO_PASSWORD } from '../account/seed.js';
import { createDisclosure, transition, archiveEnded } from './disclosures.js';
import { createCase, recordStep } from './cases.js';
import { differences, lateItems } from './overdue.js';
import { publicPlacePage } from './public.js';
import { dueOfPeriod, periodsDue } from './rules.js';
import { normalisePeriod } from './disclosures.js';
import { villageWorklist } from './worklist.js';
import { villageNotice } from './notices.js';
import { makeVillageList } from './templates.js';
import { vgDisclosures, vgMatters } from './schema.js';

const status = async (p: Promise<unknown>): Promise<number> => { try { await p; return 200; } catch (e) { if (e instanceof AppError) return e.status; throw e; } };
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** The cells of every body row of the first data table after `marker` in a page. */
const tableRows = (html: string, marker: string): string[][] => {
  const at = html.indexOf(marker);
  assert.ok(at >= 0, `page shows ${marker}`);
  const t = /<tbody>([\s\S]*?)<\/tbody>/.exec(html.slice(at))![1]!;
  return [...t.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => c[1]!));
};
const publicity = (html: string) => /公示期 (\d{4}-\d\d-\d\d) 至 (\d{4}-\d\d-\d\d)/.exec(html)?.slice(1, 3);

describe('rules: periods and due dates', () => {
  it('puts a quarter due on the configured day of the next quarter\'s first month, a month on the next month', () => {
    assert.equal(dueOfPeriod('2026-Q3', 20), '2026-10-20');
    assert.equal(dueOfPeriod('2026-Q4', 20), '2027-01-20');
    assert.equal(dueOfPeriod('2026-09', 10), '2026-10-10');
    assert.equal(dueOfPeriod('2026-02', 31), '2026-03-31');
    assert.deepEqual(periodsDue({ cadence: 'quarterly', dueDay: 20, startsOn: '2026-04-15' }, '2026-10-25').map((p) => p.period), ['2026-Q2', '2026-Q3']);
    assert.deepEqual(periodsDue({ cadence: 'quarterly', dueDay: 20, startsOn: '2026-04-15' }, '2026-10-19').map((p) => p.period), ['2026-Q2']);
    assert.deepEqual(['2026q3', '2026年第三季度', '2026-Q3', '2026年9月', '2026/9', '2026-09', '2026-13', 'Q3'].map(normalisePeriod), ['2026-Q3', '2026-Q3', '2026-Q3', '2026-09', '2026-09', '2026-09', '2026-13', 'Q3']);
    assert.deepEqual(periodsDue({ cadence: 'asNeeded', dueDay: 20, startsOn: '2026-01-01' }, '2026-10-25'), []);
  });
});

describe('village affairs: the township\'s shared list, the supervisory committee, the overdue worklist, scope', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  let hexiTown: number, hexiCun: number, liushu: number, dongguan: number, xiguan: number;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });

  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0' }, { region: true });
    const db = t.database.db;
    const id = async (name: string) => (await db.select({ id: agencies.id }).from(agencies).where(eq(agencies.name, name)))[0]!.id;
    [hexiTown, hexiCun, liushu, dongguan, xiguan] = await Promise.all(['河西乡', '河西村', '柳树庄村', '东关村', '西关社区'].map(id)) as [number, number, number, number, number];
    // 河西乡's reviewer, and 河西村's clerk and 村务监督委员会 (the demo has them for 东关村 only).
    for (const [username, agencyId, role] of [['hx-sh', hexiTown, 'reviewer'], ['hxc', hexiCun, 'editor'], ['hxc-jw', hexiCun, 'reviewer']] as const) {
      await seedUser(db, { username, displayName: username, agencyId, password: DEMO_PASSWORD, roles: [{ role, domainId: null }], mustChangePassword: false });
    }
    actors = await demoActors(db, ['office', 'hexi', 'hx-sh', 'hxc', 'hxc-jw', 'dongcun', 'dongcun-jw', 'xiguan', 'nx-office', 'nx-nanguan']);
    // The villages of 河西乡 get their lists from the template, answering from 2026-01-01.
    for (const v of [hexiCun, liushu]) assert.ok((await makeVillageList(as('office'), v, { startsOn: '2026-01-01' })) >= 10);
    assert.equal(await makeVillageList(as('office'), hexiCun), 0, 'making the list again adds nothing');
    assert.equal(await status(makeVillageList(as('dongcun'), hexiCun)), 404, 'another village\'s clerk cannot');
  });
  after(async () => t?.close());

  it('the township enters the 2026 Q3 低保 list once; the township and village pages show it identically; the 监委会 returns the finance list with a reason, then signs it; an overdue quarter is on the township\'s worklist on a fixed clock', async () => {
    const db = t.database.db;
    const hexi = new Browser(t.app); await hexi.login('hexi');
    const sh = new Browser(t.app); await sh.login('hx-sh');
    const form = (await hexi.get(`/admin/cunwu/v/${hexiTown}`)).body;
    const dibaoHref = /href="(\/admin\/cunwu\/new\?agency=\d+&amp;template=\d+)">录入最低生活保障对象名单/.exec(form)![1]!.replace(/&amp;/g, '&');
    const templateId = /template=(\d+)/.exec(dibaoHref)![1]!;
    const created = await hexi.post('/admin/cunwu/new', {
      agencyId: String(hexiTown), templateId, period: '2026-Q3', title: '河西乡2026年第三季度最低生活保障对象公示', body: '经审核，拟将以下家庭纳入低保，现予公示。',
      table: '村（社区） | 户主姓名 | 家庭人口 | 月保障金额（元）\n河西村 | 冯某甲 | 3 | 1260\n柳树庄村 | 韩某乙 | 1 | 520\n河西村 | 冯某丙 | 2 | 840',
    }, { from: dibaoHref });
    assert.equal(created.statusCode, 303, created.body.slice(0, 300));
    const did = Number(/\/d\/(\d+)/.exec(String(created.headers.location))![1]);
    assert.equal((await hexi.post(`/admin/cunwu/d/${did}/submit`, {}, { from: `/admin/cunwu/d/${did}` })).statusCode, 303);
    assert.equal((await hexi.post(`/admin/cunwu/d/${did}/sign`, {}, { from: `/admin/cunwu/d/${did}` })).statusCode, 403, 'the clerk does not sign his own list');
    assert.equal((await sh.post(`/admin/cunwu/d/${did}/sign`, { note: '已核对' }, { from: `/admin/cunwu/d/${did}` })).statusCode, 303);
    assert.equal((await hexi.post(`/admin/cunwu/d/${did}/publish`, {}, { from: `/admin/cunwu/d/${did}` })).statusCode, 303);
    const records = await db.select().from(vgDisclosures).where(and(eq(vgDisclosures.shared, 'dibao'), eq(vgDisclosures.period, '2026-Q3')));
    assert.equal(records.filter((r) => [hexiTown, hexiCun, liushu].includes(r.agencyId)).length, 1, 'one record, not one per village');

    const visitor = new Browser(t.app);
    const townPage = (await visitor.get(`/shifanxian/cunwu/${hexiTown}`)).body;
    const villagePage = (await visitor.get(`/shifanxian/cunwu/${hexiCun}`)).body;
    const otherVillage = (await visitor.get(`/shifanxian/cunwu/${liushu}`)).body;
    const townRows = tableRows(townPage, '河西乡2026年第三季度最低生活保障对象公示').filter((r) => r[0] === '河西村').map((r) => r.slice(1));
    assert.equal(townRows.length, 2);
    assert.deepEqual(tableRows(villagePage, '河西乡2026年第三季度最低生活保障对象公示'), townRows, 'the village page shows the same rows of that village');
    assert.deepEqual(publicity(villagePage), publicity(townPage), 'the same 公示 period');
    assert.match(villagePage, /由河西乡统一公示/, 'the village page says whose record it shows');
    assert.ok(!villagePage.includes('韩某乙') && otherVillage.includes('韩某乙'), 'each village page shows its own households');

    // The village's finance list: returned with a reason, answered, then signed and published.
    const finance = (await db.select().from(vgMatters).where(and(eq(vgMatters.villageId, hexiCun), eq(vgMatters.cadence, 'monthly'))))[0]!;
    const fin = await createDisclosure(as('hxc'), { agencyId: hexiCun, matterId: finance.id, period: '2026-09', body: '9月财务收支。', table: '项目 | 收入 | 支出\n租金 | 1000 | 0' }, { today: '2026-10-08' });
    await transition(as('hxc'), fin, 'submit', {}, { today: '2026-10-08' });
    assert.equal(await status(transition(as('hxc-jw'), fin, 'return', { note: '' }, { today: '2026-10-09' })), 400, 'a return needs a reason');
    assert.equal(await status(transition(as('dongcun-jw'), fin, 'return', { note: '别村监委会' }, { today: '2026-10-09' })), 404, 'another village\'s committee cannot see it');
    await transition(as('hxc-jw'), fin, 'return', { note: '支出未附凭证编号。' }, { today: '2026-10-09' });
    let [row] = await db.select().from(vgDisclosures).where(eq(vgDisclosures.id, fin));
    assert.equal(row!.state, 'returned');
    assert.equal(row!.returnReason, '支出未附凭证编号。');
    assert.equal(row!.answerDueOn, '2026-10-16', 'answered within the set 7 days');
    const wlClerk = await villageWorklist({ ...as('hxc'), config: t.config, today: '2026-10-10' } as never);
    assert.ok(wlClerk.some((w) => w.kind === '监委会退回待答复' && w.dueOn === '2026-10-16'));
    assert.equal(await status(transition(as('hxc'), fin, 'publish', {}, { today: '2026-10-10' })), 409, 'not published before it is signed');
    await transition(as('hxc'), fin, 'answer', { note: '已补充凭证第 12 号。' }, { today: '2026-10-10' });
    await transition(as('hxc-jw'), fin, 'sign', {}, { today: '2026-10-11' });
    await transition(as('hxc'), fin, 'publish', {}, { today: '2026-10-11' });
    [row] = await db.select().from(vgDisclosures).where(eq(vgDisclosures.id, fin));
    assert.equal(row!.state, 'published');
    assert.equal(row!.signedBy, 'hxc-jw');
    assert.equal(row!.publicityUntil, '2026-10-20', 'a 10-day 公示');
    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.targetType, 'vg_disclosure'), eq(auditEvents.targetId, String(fin)))).orderBy(asc(auditEvents.seq));
    assert.deepEqual(audits.map((a) => a.action), ['village.drafted', 'village.submitted', 'village.returned', 'village.answered', 'village.signed', 'village.published']);

    // The fixed clock: on 2026-10-25 Q3's 党务 of 河西村 is overdue (due 10-20); 低保 Q3 is met by the township's record, finance 2026-09 by its 公开.
    const now = new Date('2026-10-24T18:30:00Z'); // 02:30 on 10-25 in Shanghai
    const late = await lateItems(as('hexi'), { now });
    const ofHexi = late.filter((l) => l.village.id === hexiCun);
    assert.ok(ofHexi.some((l) => l.period === '2026-Q3' && l.dueOn === '2026-10-20' && /党/.test(l.matterName)));
    assert.ok(!ofHexi.some((l) => l.matterName.includes('最低生活保障') && l.period === '2026-Q3'));
    assert.ok(!ofHexi.some((l) => l.period === '2026-09'));
    assert.ok(late.some((l) => l.village.id === liushu && l.period === '2026-09'), '柳树庄村 has not published September');
    assert.ok(!late.some((l) => l.period === '2026-Q4'), 'Q4 is not due yet');
    const before = await lateItems(as('hexi'), { now: new Date('2026-10-20T10:00:00Z') });
    assert.ok(!before.some((l) => l.period === '2026-Q3'), 'on the due day itself nothing of Q3 is overdue');
    const wl = await villageWorklist({ ...as('hexi'), config: t.config, today: '2026-10-25' } as never);
    assert.ok(wl.some((w) => w.urgency === 'overdue' && w.title.startsWith('河西村') && w.title.includes('2026年第三季度') && w.dueOn === '2026-10-20'));
    assert.ok(!wl.some((w) => w.detail === '东关村'), 'another township\'s villages are not on 河西乡\'s worklist');

    // After the 公示 the record is archived (村务档案) and the name list leaves the public page.
    assert.ok((await archiveEnded(db, '2099-01-01')) >= 2);
    const archived = (await visitor.get(`/shifanxian/cunwu/${hexiCun}`)).body;
    assert.match(archived, /村务档案/);
    assert.ok(!archived.includes('冯某甲'), 'names are not shown after the 公示');
  });

  it('scope: a village clerk reaches only his village; another county sees nothing', async () => {
    const db = t.database.db;
    const dong = new Browser(t.app); await dong.login('dongcun');
    assert.equal((await dong.get(`/admin/cunwu/v/${dongguan}`)).statusCode, 200);
    assert.equal((await dong.get(`/admin/cunwu/v/${xiguan}`)).statusCode, 404);
    const xm = (await db.select().from(vgMatters).where(eq(vgMatters.villageId, xiguan)))[0]!;
    assert.equal(await status(createDisclosure(as('dongcun'), { agencyId: xiguan, matterId: xm.id, body: 'x' })), 404);
    const dm = (await db.select().from(vgMatters).where(and(eq(vgMatters.villageId, dongguan), eq(vgMatters.cadence, 'asNeeded'))))[0]!;
    assert.equal(await status(createDisclosure(as('dongcun'), { agencyId: dongguan, matterId: xm.id, body: 'x' })), 400, 'another village\'s matter is refused');
    assert.equal(await status(createDisclosure(as('dongcun-jw'), { agencyId: dongguan, matterId: dm.id, body: 'x' })), 403, 'the committee does not draft');
    const xd = (await db.select().from(vgDisclosures).where(eq(vgDisclosures.agencyId, xiguan)))[0]!;
    assert.equal((await dong.get(`/admin/cunwu/d/${xd.id}`)).statusCode, 404);
    assert.equal(await status(transition(as('xiguan'), xd.id, 'submit')), 409);
    assert.equal((await lateItems(as('dongcun'))).every((l) => l.village.id === dongguan), true);

    // 示范南县: its office and township clerk see none of 示范县's villages, lists or differences.
    assert.deepEqual((await lateItems(as('nx-office'), { now: new Date() })).filter((l) => l.village.path.startsWith(actors.get('office')!.placement.govPath)), []);
    assert.deepEqual(await differences(as('nx-nanguan')), []);
    const nx = new Browser(t.app); await nx.login('nx-office');
    assert.equal((await nx.get(`/admin/cunwu/v/${dongguan}`)).statusCode, 404);
    assert.equal((await nx.get(`/admin/cunwu/d/${xd.id}`)).statusCode, 404);
    assert.ok(!(await nx.get('/admin/cunwu')).body.includes('东关村'));
    assert.equal(await status(publicPlacePage(db, actors.get('nx-office')!.placement.govId, dongguan)), 404, 'not on the other county\'s site');
    assert.ok((await differences(as('office'))).some((d) => d.village.id === xiguan), '西关社区\'s own 低保 list differs from 城关镇\'s record');
  });

  it('四议两公开: steps in order with dates, votes checked; notices print a published 公开', async () => {
    const c = await createCase(as('hxc'), hexiCun, { title: '集体鱼塘承包' });
    assert.equal(await status(recordStep(as('hxc'), c, { step: 'consult', on: '2026-05-01' }, { today: '2026-06-01' })), 400, 'not out of order');
    await recordStep(as('hxc'), c, { step: 'proposal', on: '2026-05-01', note: '提议公开招租' }, { today: '2026-06-01' });
    assert.equal(await status(recordStep(as('hxc'), c, { step: 'consult', on: '2026-04-30', eligible: '5', attendees: '5', votesFor: '5', votesAgainst: '0', abstentions: '0' }, { today: '2026-06-01' })), 400, 'a date before the last step');
    await recordStep(as('hxc'), c, { step: 'consult', on: '2026-05-03', eligible: '5', attendees: '5', votesFor: '5', votesAgainst: '0', abstentions: '0' }, { today: '2026-06-01' });
    assert.equal(await status(recordStep(as('hxc'), c, { step: 'partyReview', on: '2026-05-05', eligible: '30', attendees: '19', votesFor: '19', votesAgainst: '0', abstentions: '0' }, { today: '2026-06-01' })), 400, 'fewer than 2/3 present');
    await recordStep(as('hxc'), c, { step: 'partyReview', on: '2026-05-05', eligible: '30', attendees: '21', votesFor: '15', votesAgainst: '4', abstentions: '2' }, { today: '2026-06-01' });
    assert.equal(await status(recordStep(as('dongcun'), c, { step: 'resolution', on: '2026-05-06' }, { today: '2026-06-01' })), 404);
    const db = t.database.db;
    const m = (await db.select().from(vgMatters).where(and(eq(vgMatters.villageId, hexiCun), eq(vgMatters.cadence, 'asNeeded'))))[0]!;
    const id = await createDisclosure(as('hxc'), { agencyId: hexiCun, matterId: m.id, title: '村委会办公楼维修工程公开', body: '工程预算 8 万元。\n施工单位：某某建筑公司。', table: '项目 | 金额（元）\n材料 | 50000\n人工 | 30000' });
    assert.equal(await villageNotice({ db, actor: null }, id), null, 'a draft prints nothing');
    await transition(as('hxc'), id, 'submit');
    await transition(as('hxc-jw'), id, 'sign');
    await transition(as('hxc'), id, 'publish');
    const [row] = await db.select().from(vgDisclosures).where(eq(vgDisclosures.id, id));
    assert.equal(await villageNotice({ db, actor: null }, id), null, 'only staff print notices');
    assert.equal(await villageNotice(as('nx-office'), id), null, 'another county\'s office prints nothing of this county');
    const n = await villageNotice(as('office'), id);
    assert.ok(n);
    assert.equal(n.title, '村委会办公楼维修工程公开');
    assert.equal(n.issuer, '河西村村民委员会');
    assert.equal(n.until, row!.publicityUntil);
    assert.equal(n.path, `/cunwu/gongkai/${id}`);
    assert.ok(n.paragraphs.includes('施工单位：某某建筑公司。'));
    assert.deepEqual(n.table, { head: ['项目', '金额（元）'], rows: [['材料', '50000'], ['人工', '30000']] });
  });
});
void csrfOf;
