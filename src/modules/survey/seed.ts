import type { DemoWorld } from '../../core/module.js';
import { addQuestion, localTimeOf, runSurveyClock, submitResponse, transitionSurvey, createSurvey, type QuestionInput, type SurveyCtx } from './service.js';
import { publicSurvey } from './service.js';

const DAY = 24 * 3600_000;
/** A day `offset` days from today at a round hour, as the datetime-local value an office would type. */
const dayAt = (offset: number, hhmm: string) => localTimeOf(new Date(Date.now() + offset * DAY)).slice(0, 11) + hhmm;
const q = (over: Partial<QuestionInput>): QuestionInput => ({ kind: 'single', title: '', required: true, options: '', minPicks: '', maxPicks: '', scaleMin: '1', scaleMax: '5', scaleMinLabel: '', scaleMaxLabel: '', maxLength: '500', ...over });

/**
 * The demo's surveys, by the county's office through the real services: one open with a few
 * responses, and one that ended with its result notice published.
 */
export async function seedSurveyDemo(world: DemoWorld): Promise<void> {
  if (!world.full) return;
  const office = world.as('office');
  const ctx: SurveyCtx = { db: world.db, actor: null, secret: world.config?.cookieSecret ?? 'gongkai-demo' };
  const now = Date.now();
  const answer = async (surveyId: number, pick: (qs: Awaited<ReturnType<typeof publicSurvey>>['questions']) => Record<string, string[]>, i: number, at: Date) => {
    const s = await publicSurvey(world.db, null, surveyId);
    await submitResponse(ctx, { surveyId, govId: null, answers: pick(s.questions), ip: `198.51.100.${i + 1}`, submitKey: `demo-${surveyId}-${i}-key`, answeredBefore: false }, at);
  };
  const opt = (qs: { options: { id: number }[] }[], qi: number, ...oi: number[]) => oi.map((i) => String(qs[qi]!.options[i]!.id));

  // 1. Ended, results published: 政务服务满意度.
  const past = await createSurvey(office, {
    title: '2026年县政务服务中心办事群众满意度调查', description: '为了解群众和企业在县政务服务中心办事的体验，持续改进服务，开展本次调查。调查不收集姓名等个人信息，结果将在本栏目公布。',
    opensAt: dayAt(-40, '09:00'), closesAt: dayAt(-10, '17:00'), maxPerAddress: '3', phoneCheck: false, consultationId: '',
  });
  await addQuestion(office, past, q({ title: '您最近一次到政务服务中心办理的是哪类事项？', options: '户籍和证照\n社会保障\n不动产登记\n企业开办\n其他' }));
  await addQuestion(office, past, q({ kind: 'scale', title: '您对本次办事的总体满意程度', scaleMinLabel: '很不满意', scaleMaxLabel: '非常满意' }));
  await addQuestion(office, past, q({ kind: 'multiple', title: '您认为最需要改进的方面（最多选 2 项）', options: '等候时间\n材料要求\n窗口服务态度\n网上办理\n指引标识', maxPicks: '2', required: false }));
  await addQuestion(office, past, q({ kind: 'text', title: '您的其他意见和建议', required: false, maxLength: '500' }));
  await transitionSurvey(office, past, 'schedule', {}, new Date(now - 39 * DAY));
  const pastAnswers: [number, number, number[], string][] = [
    [0, 4, [0], '周末能开放半天就更好了。'], [2, 3, [1, 3], ''], [1, 5, [], '社保窗口的工作人员很耐心。'], [0, 4, [0, 4], ''], [3, 2, [0, 1], '企业开办材料清单希望在网上写得更清楚。'],
    [4, 5, [], ''], [1, 4, [3], ''], [0, 3, [0], '叫号屏幕看不清。'],
  ];
  for (const [i, [kind, score, improve, text]] of pastAnswers.entries()) {
    await answer(past, (qs) => ({ [`q${qs[0]!.id}`]: opt(qs, 0, kind), [`q${qs[1]!.id}`]: [String(score)], [`q${qs[2]!.id}`]: opt(qs, 2, ...improve), [`q${qs[3]!.id}`]: text ? [text] : [] }), i, new Date(now - (35 - i * 3) * DAY));
  }
  await runSurveyClock(world.db); // its closing time has passed: the clock closes it
  await transitionSurvey(office, past, 'publish', { summary: '本次调查共收到有效问卷 8 份。总体满意度平均 3.75 分（满分 5 分）；群众反映最集中的是等候时间。县政务服务中心将增设周末服务窗口，并在网上公布各类事项的材料清单。' });

  // 2. Open now: 老旧小区改造.
  const open = await createSurvey(office, {
    title: '城关镇老旧小区改造项目意见调查', description: '2027年城关镇计划对建成于2000年以前的老旧小区实施改造。为使改造内容符合居民需要，现就改造重点征求意见。',
    opensAt: dayAt(-3, '09:00'), closesAt: dayAt(20, '17:00'), maxPerAddress: '3', phoneCheck: false, consultationId: '',
  });
  await addQuestion(office, open, q({ title: '您是否居住在老旧小区？', options: '是\n否' }));
  await addQuestion(office, open, q({ kind: 'multiple', title: '您希望优先改造的内容', options: '加装电梯\n管网改造\n停车位\n绿化和照明\n无障碍设施', minPicks: '1', maxPicks: '3' }));
  await addQuestion(office, open, q({ kind: 'scale', title: '您对目前居住环境的满意程度', scaleMinLabel: '很不满意', scaleMaxLabel: '非常满意' }));
  await addQuestion(office, open, q({ kind: 'text', title: '其他意见和建议', required: false, maxLength: '1000' }));
  await transitionSurvey(office, open, 'schedule', {}, new Date(now - 2.5 * DAY));
  const openAnswers: [number, number[], number][] = [[0, [0, 1], 2], [0, [0, 2], 3], [1, [3], 4]];
  for (const [i, [lives, wants, score]] of openAnswers.entries()) {
    await answer(open, (qs) => ({ [`q${qs[0]!.id}`]: opt(qs, 0, lives), [`q${qs[1]!.id}`]: opt(qs, 1, ...wants), [`q${qs[2]!.id}`]: [String(score)] }), 20 + i, new Date(now - (2 - i * 0.5) * DAY));
  }
}
