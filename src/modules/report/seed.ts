import type { DemoWorld } from '../../core/module.js';
import { createReport, saveReport, transitionReport } from './service.js';

/**
 * The full demo's annual reports: 城关镇's report for last year, written by its clerk, handed to
 * the office and published by it, so the public 年度报告 column and its exports have a real one.
 * This year's reports are left to be written (the worklist shows when they are due).
 */
export async function seedReportDemo(world: DemoWorld): Promise<void> {
  if (!world.full) return;
  const clerk = world.as('chengguan');
  const year = Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai' }).slice(0, 4)) - 1;
  const id = await createReport(clerk, { agencyId: clerk.actor!.agencyId, year });
  await saveReport(clerk, id, {
    overview: `${year}年，城关镇人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，以基层政务公开标准化规范化为抓手，编制并公开社会救助、义务教育等领域的基层政务公开标准目录，主动公开政策文件、财政预决算、行政执法等信息，依法办理政府信息公开申请，公开工作机构和制度建设进一步加强。`,
    problems: `存在的主要问题：一是部分领域目录事项的公开时限把握不够严格；二是政策解读形式较为单一。改进措施：${year + 1}年将建立目录事项公开时限提醒，推行图文、问答等多种解读形式，加强业务培训。`,
    otherMatters: `本机关${year}年未收取信息处理费。落实上级年度政务公开工作要点情况：已按要点完成各项任务。人大代表建议和政协提案办理结果公开情况：本年度无承办的建议提案。`,
    feesWan: '0',
  });
  await transitionReport(clerk, id, 'submit');
  await transitionReport(world.as('office'), id, 'publish');
}
