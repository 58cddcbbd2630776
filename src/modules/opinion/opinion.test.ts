import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { agencies } from '../../core/org/schema.js';
import { auditEvents } from '../../core/audit/schema.js';
import { createDraft, transition } from '../info/service.js';
import { closeItem, evaluateItem, getItem, listItems, opinionPanel, opinionStats, recordConsultation, recordResponse, registerItem, setResponsibleAgency } from './items.js';
import { updateOpSettings } from './settings.js';
import { opinionWorklist } from './worklist.js';
import { loadConfig } from '../../config.js';

const at = (s: string) => new Date(`${s}+08:00`);

describe('public-opinion response register', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });
  const agencyId = async (name: string) => (await t.database.db.select().from(agencies).where(eq(agencies.name, name)))[0]!.id;
  before(async () => {
    t = await createTestApp({}, { region: true });
    actors = await demoActors(t.database.db, ['office', 'nx-office', 'chengguan', 'chengguan-sh', 'minzheng']);
  });
  after(async () => t?.close());

  it('a 重大 突发 item: 5 h and 24 h clocks, a published response stops the first on time, the document links back', async () => {
    const chengguan = await agencyId('城关镇');
    const { id, proposal } = await registerItem(as('office'), {
      source: 'weibo', link: 'https://weibo.com/1/abc', summary: '城关镇某小区突发燃气泄漏引发网民关注', firstSeenAt: '2026-11-02T09:00',
      category: 'emergency_disaster', severity: 'major', emergency: 'yes', placeAgencyId: String(chengguan),
    });
    assert.equal(proposal.agencyId, chengguan, 'where it happened: 属地管理');
    assert.match(proposal.reason, /属地管理/);
    let v = await getItem(as('office'), id, at('2026-11-02T10:00'));
    assert.equal(v.agencyId, chengguan);
    assert.deepEqual(v.clocks.map((c) => [c.key, c.dueAt.toISOString(), c.status]), [
      ['auth', at('2026-11-02T14:00').toISOString(), 'running'],
      ['press', at('2026-11-03T09:00').toISOString(), 'running'],
    ]);
    // a 会商, then the authoritative information published as a document at 13:30
    await recordConsultation(as('office'), id, { agencyIds: [chengguan, await agencyId('县民政局')], heldAt: '2026-11-02T11:00', conclusion: '由城关镇发布处置情况' });
    const d = await createDraft(as('chengguan'), {
      title: '关于城关镇某小区燃气泄漏处置情况的通报', kind: '通知', theme: '农业、林业、水利\\农业、畜牧业、渔业', assembly: '业务工作',
      docNumber: '', writtenDate: '2026-11-02', formedDate: '2026-11-02', regulatory: false, body: '已妥善处置。',
      disclosure: 'active', disclosureGround: '', catalogItemKeys: [], changeNote: '', minorChange: false,
    });
    await assert.rejects(recordResponse(as('office'), id, { kind: 'authoritative', title: '处置情况通报', respondedAt: '2026-11-02T13:30', documentId: d.documentId }), /尚未公开发布/);
    await transition(as('chengguan'), d.editionId, 'submit');
    await transition(as('chengguan-sh'), d.editionId, 'approve', { secrecyConclusion: '不涉及国家秘密' });
    await transition(as('chengguan-sh'), d.editionId, 'publish');
    await recordResponse(as('office'), id, { kind: 'authoritative', title: '处置情况通报', respondedAt: '2026-11-02T13:30', documentId: d.documentId });
    v = await getItem(as('office'), id, at('2026-11-02T15:00'));
    assert.equal(v.state, 'responded');
    const [auth, press] = v.clocks;
    assert.equal(auth!.stoppedAt!.toISOString(), at('2026-11-02T13:30').toISOString());
    assert.equal(auth!.onTime, true);
    assert.equal(auth!.status, 'met');
    assert.equal(press!.stoppedAt, null, 'authoritative information does not stop the press-conference clock');
    assert.equal(press!.status, 'running');
    const panel = await opinionPanel(t.database.db, d.documentId);
    assert.equal(panel!.title, '回应关切');
    assert.equal(panel!.links[0]!.href, `/xxgk/${d.documentId}`);
    assert.match(panel!.links[0]!.label, /权威信息发布：处置情况通报/);
    assert.ok(!JSON.stringify(panel).includes('燃气泄漏引发网民关注'), 'the staff summary stays off the public page');
    assert.equal(await opinionPanel(t.database.db, 987654), null);
    // the press clock past due shows on the office's worklist, then a press conference the next day is late
    const wl = await opinionWorklist({ db: t.database.db, actor: actors.get('office')!, config: loadConfig({}), today: '2026-11-03' });
    assert.ok(wl.some((w) => w.href === `/admin/opinion/${id}` && w.urgency === 'overdue' && w.kind.includes('举行新闻发布会')));
    await recordResponse(as('office'), id, { kind: 'press_conference', title: '新闻发布会', respondedAt: '2026-11-03T10:00', link: 'https://example.gov.cn/fbh', isPublic: true });
    v = await getItem(as('office'), id);
    assert.equal(v.clocks[1]!.onTime, false, 'a press conference at 10:00 the next day is late');
    assert.equal((await opinionPanel(t.database.db, d.documentId))!.links.length, 2, 'the panel lists the item’s other public responses');
    await assert.rejects(closeItem(as('office'), id, ''), /不能进行此操作/);
    await evaluateItem(as('office'), id, { grade: 'good', evaluation: '回应及时，网民情绪平复' });
    await closeItem(as('office'), id, '事件已平息');
    assert.equal((await getItem(as('office'), id)).state, 'closed');
    const audits = await t.database.db.select().from(auditEvents).where(eq(auditEvents.targetType, 'op_item'));
    const actions = audits.filter((a) => a.targetId === String(id)).map((a) => a.action);
    for (const a of ['opinion.registered', 'opinion.consulted', 'opinion.consulting', 'opinion.response_recorded', 'opinion.responded', 'opinion.evaluated', 'opinion.closed']) assert.ok(actions.includes(a), a);
  });

  it('a 一般 item runs the 48 h clock; settings change the clocks; the agency is editable; statistics', async () => {
    const mz = await agencyId('县民政局');
    const { id, proposal } = await registerItem(as('office'), {
      source: 'website', summary: '网民反映低保审核进度慢', firstSeenAt: '2026-11-10T08:00', category: 'public_interest', severity: 'general', concernedAgencyId: String(mz),
    });
    assert.equal(proposal.agencyId, mz);
    assert.match(proposal.reason, /谁主管谁负责/);
    const office = await agencyId('县人民政府办公室');
    await setResponsibleAgency(as('office'), id, office);
    assert.equal((await getItem(as('office'), id)).agencyId, office);
    let c = (await getItem(as('office'), id, at('2026-11-11T09:00'))).clocks;
    assert.deepEqual(c.map((x) => [x.key, x.dueAt.toISOString(), x.status]), [['first', at('2026-11-12T08:00').toISOString(), 'running']]);
    c = (await getItem(as('office'), id, at('2026-11-12T09:00'))).clocks;
    assert.equal(c[0]!.status, 'overdue');
    await assert.rejects(updateOpSettings(as('office'), { authHours: '0', pressHours: '24', firstHours: '48' }), /1 至 720/);
    await assert.rejects(updateOpSettings(as('minzheng'), { authHours: '4', pressHours: '12', firstHours: '24' }));
    await updateOpSettings(as('office'), { authHours: '4', pressHours: '12', firstHours: '24' });
    c = (await getItem(as('office'), id, at('2026-11-10T09:00'))).clocks;
    assert.equal(c[0]!.dueAt.toISOString(), at('2026-11-11T08:00').toISOString(), 'the 24 h setting applies');
    await recordResponse(as('office'), id, { kind: 'interview', title: '县民政局接受采访', respondedAt: '2026-11-10T20:00' });
    c = (await getItem(as('office'), id)).clocks;
    assert.equal(c[0]!.onTime, true);
    await updateOpSettings(as('office'), { authHours: '5', pressHours: '24', firstHours: '48' });
    const s = await opinionStats(as('office'), at('2026-11-01T00:00'), at('2026-12-01T00:00'), at('2026-11-20T00:00'));
    assert.equal(s.total, 2);
    assert.equal(s.bySeverity.major, 1);
    assert.equal(s.bySeverity.general, 1);
    assert.equal(s.medianHoursToFirstResponse, 8.25, 'median of 4.5 h and 12 h');
    assert.equal(s.maxHoursToFirstResponse, 12);
    assert.equal(s.onTimeShare, 0.5, 'the 重大 item’s press conference was late');
  });

  it('hostile input is refused with field messages; another county’s office cannot see the register', async () => {
    await assert.rejects(registerItem(as('office'), { source: 'weibo', summary: '', firstSeenAt: 'not-a-date', category: 'x', severity: 'major' }), (e: any) => e.code === 'invalid_input');
    await assert.rejects(registerItem(as('office'), { source: 'weibo', summary: 'x'.repeat(2001), firstSeenAt: '2026-11-02T09:00', category: 'other', severity: 'general' }), (e: any) => e.code === 'invalid_input');
    await assert.rejects(registerItem(as('office'), { source: 'weibo', summary: '含\u0000控制字符', firstSeenAt: '2026-11-02T09:00', category: 'other', severity: 'general' }), (e: any) => e.code === 'invalid_input');
    await assert.rejects(registerItem(as('office'), { source: 'weibo', link: 'javascript:alert(1)', summary: 'x', firstSeenAt: '2026-11-02T09:00', category: 'other', severity: 'general' }), (e: any) => e.code === 'invalid_input');
    const { id } = await registerItem(as('office'), { source: 'other', summary: "<script>alert(1)</script>'; DROP TABLE op_items; --", firstSeenAt: '2026-11-02T09:00', category: 'other', severity: 'general' });
    assert.equal((await getItem(as('office'), id)).summary, "<script>alert(1)</script>'; DROP TABLE op_items; --");
    const south = (await t.database.db.select().from(agencies).where(eq(agencies.name, '柳河乡')))[0]!.id;
    await assert.rejects(registerItem(as('office'), { source: 'other', summary: 'x', firstSeenAt: '2026-11-02T09:00', category: 'other', severity: 'general', placeAgencyId: String(south) }), (e: any) => e.code === 'invalid_input');
    await assert.rejects(getItem(as('nx-office'), id), /未找到/);
    await assert.rejects(recordResponse(as('nx-office'), id, { kind: 'other', title: 'x', respondedAt: '2026-11-02T10:00' }), /未找到/);
    assert.equal((await listItems(as('nx-office'))).length, 0);
    assert.equal((await opinionStats(as('nx-office'), at('2026-01-01T00:00'), at('2027-01-01T00:00'))).total, 0);
    await assert.rejects(getItem(as('minzheng'), id));
  });
});
