import { negEntriesFor } from '../negative/citing.js';
import type { Ctx } from '../../core/context.js';
import type { DemoWorld } from '../../core/module.js';
import { createDraft, setValidity, transition } from './service.js';
import type { DraftInput } from './validate.js';
import { eq } from 'drizzle-orm';
import { infoEditions } from './schema.js';

/**
 * The demo's publication dates as a real office's would be: a few days after each document was
 * formed, so the timeliness check (20 working days; 7 for an enforcement decision) finds them on
 * time, except the one published late on purpose. The workflow stamps "now"; the demo moves it.
 */
async function publishedOn(ctx: Ctx, editionId: number, day: string): Promise<void> {
  await ctx.db.update(infoEditions).set({ publishedAt: new Date(`${day}T09:30:00+08:00`) }).where(eq(infoEditions.id, editionId));
}

/**
 * Government information for the demo county's 城关镇, published through the same workflow staff
 * use (so 索引号, search index, audit and history are real): a regulatory document with its
 * interpretation that replaced an abolished one, a budget, an emergency notice and an enforcement
 * decision. The documents are fictitious; the laws they cite are real.
 */
async function seedDemoInformation(editor: Ctx, reviewer: Ctx): Promise<void> {
  const base = (over: Partial<DraftInput>): DraftInput => ({
    title: '', kind: '通知', theme: '综合政务\\政务公开', assembly: '业务工作', docNumber: '', writtenDate: '2026-03-02', formedDate: '2026-03-02',
    regulatory: false, statutoryItem: null, body: '', disclosure: 'active', disclosureGround: '', catalogItemKeys: [], changeNote: '', minorChange: false, ...over,
  });
  const approve = async (editionId: number) => {
    await transition(editor, editionId, 'submit');
    await transition(reviewer, editionId, 'approve', { secrecyConclusion: '经审查不涉及国家秘密，同意主动公开' });
  };
  /** A regulatory document goes out only with its interpretation (三同步). */
  const publishWithInterpretation = async (policy: DraftInput, interpretation: Partial<DraftInput>, day: string) => {
    const p = await createDraft(editor, policy);
    await approve(p.editionId);
    const i = await createDraft(editor, { ...base({ kind: '政策解读', theme: policy.theme, assembly: '政策法规', writtenDate: policy.writtenDate, formedDate: policy.formedDate, ...interpretation }), interpretsId: p.documentId });
    await approve(i.editionId);
    await transition(reviewer, p.editionId, 'publish');
    await publishedOn(editor, p.editionId, day);
    await publishedOn(editor, i.editionId, day);
    return p.documentId;
  };

  const old = await publishWithInterpretation(
    base({
      title: '城关镇农村最低生活保障管理暂行办法', theme: '民政、扶贫、救灾\\社会福利', assembly: '政策法规', docNumber: '城政规〔2021〕1号', writtenDate: '2021-05-10', formedDate: '2021-05-10',
      regulatory: true, statutoryItem: 1, body: '第一条 为规范本镇农村最低生活保障工作，根据《社会救助暂行办法》，制定本办法。\n\n第二条 本办法自印发之日起施行，有效期五年。',
    }),
    { title: '《城关镇农村最低生活保障管理暂行办法》政策解读', body: '一、制定背景\n\n二、主要内容', qa: '问：本办法适用于哪些人？\n答：本镇农村户籍、家庭人均收入低于当地低保标准的居民。' },
    '2021-05-17',
  );
  const current = await publishWithInterpretation(
    base({
      title: '城关镇最低生活保障审核确认实施细则', theme: '民政、扶贫、救灾\\社会福利', assembly: '政策法规', docNumber: '城政规〔2026〕1号', writtenDate: '2026-03-02', formedDate: '2026-03-02',
      regulatory: true, statutoryItem: 1,
      body: '第一条 为规范最低生活保障审核确认工作，根据《社会救助暂行办法》和上级有关规定，结合本镇实际，制定本细则。\n\n第二条 申请最低生活保障以家庭为单位，由申请家庭确定一名共同生活的家庭成员作为申请人，向户籍所在地村（社区）或镇便民服务中心提出书面申请。\n\n第三条 镇人民政府自受理申请之日起 30 日内作出审核确认决定，并在村（社区）公示审核确认结果。\n\n第四条 本细则自 2026 年 4 月 1 日起施行，《城关镇农村最低生活保障管理暂行办法》（城政规〔2021〕1号）同时废止。',
    }),
    {
      title: '《城关镇最低生活保障审核确认实施细则》政策解读',
      body: '一、制定背景\n\n为落实城乡低保统筹要求，简化审核确认程序，镇政府制定本细则。\n\n二、主要变化\n\n取消农村、城镇分别办理，统一由镇便民服务中心受理；审核确认时限由 45 日缩短为 30 日。',
      qa: '问：在哪里申请低保？\n答：可以向户籍所在地村（社区）或镇便民服务中心提出书面申请。\n\n问：多久能有结果？\n答：镇人民政府自受理之日起 30 日内作出审核确认决定。',
    },
    '2026-03-09',
  );
  await setValidity(editor, old, { validity: 'abolished', date: '2026-04-01', replacedById: current });

  const plain = async (d: DraftInput, day: string) => {
    const { editionId } = await createDraft(editor, d);
    await approve(editionId);
    await transition(reviewer, editionId, 'publish');
    await publishedOn(editor, editionId, day);
  };
  await plain(base({
    title: '城关镇2026年部门预算公开', kind: '其他', theme: '财政、金融、审计\\财政', assembly: '财政信息', statutoryItem: 7, writtenDate: '2026-02-20', formedDate: '2026-02-20',
    body: '根据《中华人民共和国预算法》，现将城关镇2026年部门预算公开如下。\n\n一、收支总体情况：收入预算 3,268.50 万元，支出预算 3,268.50 万元。\n\n二、“三公”经费预算 12.30 万元，比上年减少 0.80 万元。',
  }), '2026-02-27');
  await plain(base({
    title: '城关镇人民政府关于做好2026年防汛工作的通知', theme: '综合政务\\应急管理', assembly: '应急管理', docNumber: '城政发〔2026〕6号', statutoryItem: 12, writtenDate: '2026-04-15', formedDate: '2026-04-15',
    body: '各村（社区）、镇直各单位：\n\n为切实做好2026年防汛工作，确保人民群众生命财产安全，现就有关事项通知如下。\n\n一、压实防汛责任。二、开展隐患排查。三、加强值班值守。',
  }), '2026-04-16');
  await plain(base({
    title: '城关镇综合行政执法办公室行政处罚决定书（城综执罚〔2026〕3号）', kind: '行政处罚决定', theme: '城乡建设、环境保护\\城乡建设（含住房）', statutoryItem: 6, writtenDate: '2026-05-08', formedDate: '2026-05-08',
    body: '当事人：某建材经营部\n\n违法事实：在城关镇解放路占道堆放建筑材料，影响通行。\n\n处罚依据及内容：依据《城市市容和环境卫生管理条例》第三十六条，责令改正，处罚款 500 元。',
  }), '2026-05-29'); // late on purpose: an enforcement decision is due within 7 working days
}

/**
 * The full demo's information: what 城关镇 published, and what is still waiting — a document in
 * review for 城关镇's reviewer, one scheduled for publication, and one withheld from proactive
 * disclosure whose yearly re-evaluation is due.
 */
export async function seedInfoDemo(world: DemoWorld): Promise<void> {
  if (!world.full) return;
  const editor = world.as('chengguan');
  const reviewer = world.as('chengguan-sh');
  await seedDemoInformation(editor, reviewer);
  const base = (over: Partial<DraftInput>): DraftInput => ({
    title: '', kind: '通知', theme: '综合政务\\政务公开', assembly: '业务工作', docNumber: '', writtenDate: '2026-11-20', formedDate: '2026-11-20',
    regulatory: false, statutoryItem: null, body: '', disclosure: 'active', disclosureGround: '', catalogItemKeys: [], changeNote: '', minorChange: false, ...over,
  });
  const inReview = await createDraft(editor, base({
    title: '城关镇2026年冬季供暖保障工作方案', theme: '城乡建设、环境保护\\城乡建设（含住房）', assembly: '业务工作',
    body: '为保障辖区居民温暖过冬，结合本镇实际，制定本方案。\n\n一、保障时间：2026年11月15日至2027年3月15日。',
  }));
  await transition(editor, inReview.editionId, 'submit');
  const scheduled = await createDraft(editor, base({
    title: '城关镇2027年元旦春节期间值班安排', theme: '综合政务\\应急管理', assembly: '应急管理',
    body: '各村（社区）、镇直各单位：现将2027年元旦、春节期间值班安排通知如下。',
  }));
  await transition(editor, scheduled.editionId, 'submit');
  await transition(reviewer, scheduled.editionId, 'approve', { secrecyConclusion: '经审查不涉及国家秘密，同意主动公开' });
  await transition(reviewer, scheduled.editionId, 'schedule', { publishAt: new Date(Date.now() + 20 * 86_400_000) });
  // Withheld on an entry of 城关镇's negative list (the negative module seeds first): its meeting records are 过程性信息.
  const minutes = (await negEntriesFor(editor.db, editor.actor, editor.actor!.agencyId)).find((n) => n.agencyId === editor.actor!.agencyId && n.reportRow === 'withheld_process');
  const withheld = minutes ? await createDraft(editor, base({
    title: '城关镇镇长办公会议讨论记录（2026年第9次）', theme: '综合政务\\其他', assembly: '业务工作', disclosure: 'not_public',
    negEntryId: String(minutes.id), negArticle: '第十六条第二款',
    body: '会议讨论记录（过程性信息，不作为行政管理依据）。',
  })) : null;
  if (!withheld) return;
  await transition(editor, withheld.editionId, 'submit');
  await transition(reviewer, withheld.editionId, 'approve', { secrecyConclusion: '经审查属于过程性信息，依负面清单不予公开' });
}
