import type { DemoWorld } from '../../core/module.js';
import { closeItem, evaluateItem, recordConsultation, recordResponse, registerItem } from './items.js';
import { createDraft, transition } from '../info/service.js';
import { linkableDocuments } from './staff.js';

const HOUR = 3_600_000;
/** Beijing-time "YYYY-MM-DDTHH:mm" `hours` ago. */
const ago = (now: number, hours: number) => new Date(now - hours * HOUR + 8 * HOUR).toISOString().slice(0, 16);

/**
 * The full demo's register of 示范县: a 重大 突发 item answered within 5 h by a published
 * information document (its page shows the 回应关切 box; the press-conference clock still runs),
 * an ordinary item past its 48 h clock (on the office's worklist), one closed after an interview
 * and its evaluation, and one just registered.
 */
export async function seedOpinionDemo(world: DemoWorld): Promise<void> {
  if (!world.full) return;
  const office = world.as('office');
  const now = Date.now();
  const id = (name: string) => world.agencies.get(name);

  const gas = await registerItem(office, {
    source: 'weibo', link: 'https://weibo.com/', summary: '网民在微博反映城关镇某小区燃气管道泄漏、居民临时疏散，相关话题阅读量快速上升。',
    firstSeenAt: ago(now, 3), category: 'emergency_disaster', severity: 'major', emergency: 'yes', placeAgencyId: id('城关镇') ?? '',
  });
  // 城关镇 publishes its 通报 as government information; the response links to it (and its page shows 回应关切).
  let documentId: number | undefined;
  try {
    const d = await createDraft(world.as('chengguan'), {
      title: '关于城关镇某小区燃气泄漏处置情况的通报', kind: '通知', theme: '城乡建设、环境保护\\城乡建设（含住房）', assembly: '业务工作',
      docNumber: '', writtenDate: ago(now, 1).slice(0, 10), formedDate: ago(now, 1).slice(0, 10), regulatory: false,
      body: '今日上午，城关镇某小区发生燃气管道泄漏。接报后，城关镇会同县住房和城乡建设局、县应急管理局、燃气公司迅速到场处置，关阀断气、疏散居民，未造成人员伤亡。泄漏管道已完成抢修，经检测合格后于当日下午恢复供气，临时疏散的居民已全部返家。\n下一步，城关镇将组织对辖区老旧小区燃气管道开展排查。',
      disclosure: 'active', disclosureGround: '', catalogItemKeys: [], changeNote: '', minorChange: false,
    });
    await transition(world.as('chengguan'), d.editionId, 'submit');
    await transition(world.as('chengguan-sh'), d.editionId, 'approve', { secrecyConclusion: '经审查不涉及国家秘密，同意主动公开' });
    await transition(world.as('chengguan-sh'), d.editionId, 'publish');
    documentId = d.documentId;
  } catch {
    documentId = (await linkableDocuments(office, 20))[0]?.id;
  }
  const mz = id('县民政局');
  const cg = id('城关镇');
  if (mz && cg) await recordConsultation(office, gas.id, { agencyIds: [cg, mz], heldAt: ago(now, 2), conclusion: '城关镇负责现场处置和信息发布，县民政局做好临时安置。' });
  if (documentId) await recordResponse(office, gas.id, { kind: 'authoritative', title: '关于城关镇某小区燃气泄漏处置情况的通报', respondedAt: new Date(), documentId });

  await registerItem(office, {
    source: 'website', summary: '网民在县政府网站留言区集中反映县城学校周边交通拥堵、接送孩子困难。', firstSeenAt: ago(now, 60),
    category: 'public_interest', severity: 'general', concernedAgencyId: id('县教育局') ?? '',
  });

  const bus = await registerItem(office, {
    source: 'wechat', link: 'https://mp.weixin.qq.com/', summary: '微信公众号文章误读县城公交线路调整方案，称多条线路将停运。', firstSeenAt: ago(now, 120),
    category: 'policy_misread', severity: 'larger',
  });
  await recordResponse(office, bus.id, { kind: 'interview', title: '县交通运输局负责人就公交线路调整答记者问', respondedAt: ago(now, 100), link: 'https://www.gov.cn/', isPublic: true });
  await evaluateItem(office, bus.id, { grade: 'good', evaluation: '解读发布后相关误读信息明显减少，网民留言以理解支持为主。' });
  await closeItem(office, bus.id, '舆情平息。');

  await registerItem(office, {
    source: 'short_video', summary: '短视频平台出现反映某乡镇集市摊位收费不规范的视频，转发量较小。', firstSeenAt: ago(now, 2),
    category: 'public_interest', severity: 'general',
  });
}
