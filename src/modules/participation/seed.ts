import { randomBytes } from 'node:crypto';
import type { DemoWorld } from '../../core/module.js';
import { localDateTime, createConsultation, publishConsultation, runSchedule } from './consultations.js';
import { decideGroup, decideOpinion, groupOpinions, moderate, opinionsOf, recordOpinion, submitComment } from './opinions.js';
import { finishConsultation, reviewReport, submitReport } from './report.js';
import { createMatter } from './matters.js';

const DAY = 86_400_000;

export const DEMO_NORMATIVE_DRAFT = `示范县城乡居民临时救助实施办法（征求意见稿）
第一条 为进一步规范临时救助工作，及时解决群众遭遇的突发性、紧迫性、临时性基本生活困难，根据《社会救助暂行办法》等规定，结合本县实际，制定本办法。
第二条 本办法适用于本县行政区域内的临时救助工作。
第三条 临时救助对象包括：因火灾、交通事故、突发重大疾病等意外事件，导致基本生活暂时出现严重困难的家庭或者个人。
第四条 申请临时救助，应当向户籍所在地或者居住地乡镇人民政府（街道办事处）提出；情况紧急的，可以先行救助，事后补齐手续。
第五条 临时救助标准根据困难情形分类确定，一般不超过当地城乡居民最低生活保障标准的六倍。
第六条 本办法自发布之日起施行。`;

const DEMO_MAJOR_DRAFT = `示范县养老服务设施布局规划（2026—2035年）（草案）
第一条 为完善全县养老服务设施网络，满足老年人多层次养老服务需求，编制本规划。
第二条 规划范围为示范县全域，规划期限为2026年至2035年。
第三条 到2030年，每个乡镇（街道）至少建成1所具备全日托养、日间照料、上门服务等功能的区域养老服务中心。
第四条 新建住宅小区按照每百户不少于20平方米的标准配建养老服务用房，与住宅同步规划、同步建设、同步验收、同步交付。
第五条 本规划由县民政局负责解释。`;

/**
 * The full demo's public participation, through the real services: the county's catalog of three
 * decision matters; a finished consultation on one of them with a published feedback report; and
 * an open consultation on a 行政规范性文件 draft with a few moderated comments (none waiting, so
 * the demo worklists stay as they are).
 */
export async function seedParticipationDemo(world: DemoWorld): Promise<void> {
  if (!world.full) return;
  const office = world.as('office');
  const clerk = world.as('minzheng');
  const key = world.config?.foiDataKey ?? randomBytes(32);
  const now = new Date();
  now.setMinutes(0, 0, 0); // periods on the hour, as staff would set them
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now));
  const a = (n: string) => String(world.agencies.get(n)!);
  const jan = `${year}-01-`;
  await createMatter(office, { year: String(year), title: '制定示范县城乡居民临时救助实施办法', category: 'public_service', undertakerId: a('县民政局'), riskAssessmentRequired: 'on', partyAgreedOn: `${jan}20`, publishedOn: `${jan}25` });
  const planning = await createMatter(office, { year: String(year), title: '编制示范县养老服务设施布局规划（2026—2035年）', category: 'planning', undertakerId: a('县民政局'), hearingRequired: 'on', riskAssessmentRequired: 'on', partyAgreedOn: `${jan}20`, publishedOn: `${jan}25` });
  await createMatter(office, { year: String(year), title: '县城区义务教育学校布局调整', category: 'major_project', undertakerId: a('县教育局'), hearingRequired: 'on', riskAssessmentRequired: 'on', partyAgreedOn: `${jan}20`, publishedOn: `${jan}25` });

  // Finished: 45 days ago to 10 days ago, decisions made, report reviewed by the office and published.
  const start = new Date(now.getTime() - 45 * DAY);
  const end = new Date(now.getTime() - 10 * DAY);
  const done = await createConsultation(clerk, {
    title: '关于《示范县养老服务设施布局规划（2026—2035年）（草案）》公开征求意见', kind: 'major_decision', matterId: String(planning), draftText: DEMO_MAJOR_DRAFT,
    explanation: '为落实积极应对人口老龄化国家战略，县民政局会同有关部门起草了本规划草案，现向社会公开征求意见。', methods: ['online', 'symposium', 'written'],
    startsAt: localDateTime(start), endsAt: localDateTime(end),
  });
  await publishConsultation(clerk, done, new Date(start.getTime() - DAY));
  await runSchedule(world.db, new Date(start.getTime() + 3600_000));
  const during = (d: number) => new Date(start.getTime() + d * DAY);
  const pub = (addr: string) => ({ db: world.db, key, address: addr });
  const c1 = await submitComment(pub('192.0.2.1'), done, { article: '3', body: '建议把区域养老服务中心的建设时间提前到2028年，农村老人多、需求急。', contact: '13800000001', name: '王先生' }, during(2));
  const c2 = await submitComment(pub('192.0.2.2'), done, { article: '4', quote: '每百户不少于20平方米', body: '老旧小区没有配建用房的，也应当明确补建办法。', contact: '13800000002' }, during(5));
  const c3 = await submitComment(pub('192.0.2.3'), done, { article: '4', body: '老小区补建养老用房的事请写进规划，不要只管新小区。', contact: 'li@example.cn' }, during(6));
  const c4 = await submitComment(pub('192.0.2.4'), done, { article: '0', body: '希望县里多建几个公园。', contact: '13800000004' }, during(8));
  const c5 = await submitComment(pub('192.0.2.5'), done, { article: '0', body: '买房找我，优惠多多 www.example.com', contact: '13800000005' }, during(9));
  const byCode = async (code: string) => (await opinionsOf(world.db, done)).find((o) => o.code === code)!.id;
  for (const c of [c1, c2, c3, c4]) await moderate(clerk, await byCode(c.code), { action: 'approve' });
  await moderate(clerk, await byCode(c5.code), { action: 'reject', reason: 'advert', text: '内容为商业广告，与规划草案无关。' });
  const meeting = await recordOpinion(clerk, done, { method: 'symposium', source: '养老服务机构座谈会', body: '建议明确社会力量参与运营区域养老服务中心的扶持政策。', article: 3 });
  const letter = await recordOpinion(clerk, done, { method: 'written', source: '县老龄协会来函', body: '建议对第五条的解释主体增加“会同县自然资源局”。', article: 5 });
  await runSchedule(world.db, now);
  await decideOpinion(clerk, await byCode(c1.code), { disposition: 'partly', reason: '考虑财力和用地条件，将城关镇、东街街道的区域养老服务中心建设时间提前到2028年，其他乡镇仍为2030年。' });
  const g = await groupOpinions(clerk, done, [await byCode(c2.code), await byCode(c3.code)], '老旧小区也应明确养老服务用房的补建办法');
  await decideGroup(clerk, g, { disposition: 'adopted', reason: '' });
  await decideOpinion(clerk, await byCode(c4.code), { disposition: 'out_of_scope', reason: '公园建设不属于养老服务设施布局规划的内容，已转县住房和城乡建设局研究。' });
  await decideOpinion(clerk, meeting, { disposition: 'existing', reason: '《示范县养老服务体系建设实施意见》已规定公建民营的扶持政策，规划中不再重复。' });
  await decideOpinion(clerk, letter, { disposition: 'not_adopted', reason: '规划由县民政局组织编制，解释主体与编制主体一致；县自然资源局的意见已在编制过程中征求。' });
  await submitReport(clerk, done, '各方面意见已逐条研究，规划草案已据此修改，修改后的草案提请县政府常务会议审议。');
  await reviewReport(office, done, 'publish');
  await finishConsultation(clerk, done);

  // Open: a 行政规范性文件 draft, started yesterday, 20 days left; three comments, moderated.
  const open = await createConsultation(clerk, {
    title: '关于《示范县城乡居民临时救助实施办法（征求意见稿）》公开征求意见', kind: 'normative', draftText: DEMO_NORMATIVE_DRAFT,
    explanation: '根据上级关于进一步做好临时救助工作的要求，县民政局起草了本办法。主要内容包括救助对象、申请程序和救助标准。', methods: ['online', 'written'],
    startsAt: localDateTime(new Date(now.getTime() - DAY)), endsAt: localDateTime(new Date(now.getTime() + 20 * DAY)),
  });
  await publishConsultation(clerk, open, new Date());
  const o1 = await submitComment(pub('192.0.2.11'), open, { article: '3', quote: '突发重大疾病', body: '建议把“突发重大疾病”改为“突发重大疾病或者长期慢性病急性发作”，慢性病家庭同样会临时陷入困难。', contact: '13900000011', name: '赵女士' }, now);
  const o2 = await submitComment(pub('192.0.2.12'), open, { article: '4', body: '外地务工人员在本县居住的，能否在居住地申请？建议写明需要居住多长时间。', contact: '13900000012' }, now);
  const o3 = await submitComment(pub('192.0.2.13'), open, { article: '0', body: '办法整体很好，希望尽快出台。', contact: '13900000013' }, now);
  const openIds = await opinionsOf(world.db, open);
  for (const c of [o1, o2, o3]) await moderate(clerk, openIds.find((o) => o.code === c.code)!.id, { action: 'approve' });
}
