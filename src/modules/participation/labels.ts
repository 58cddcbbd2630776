import type { ConsultationKind, ConsultationState, Disposition, MatterCategory, Method, OpinionState } from './schema.js';

export const MATTER_CATEGORY_LABELS: Record<MatterCategory, string> = {
  public_service: '制定有关公共服务、市场监管、社会管理、环境保护等方面的重大公共政策和措施',
  planning: '制定经济和社会发展等方面的重要规划',
  resources: '制定开发利用、保护重要自然资源和文化资源的重大公共政策和措施',
  major_project: '决定在本行政区域实施的重大公共建设项目',
  other_major: '决定对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项',
};
/** Short names for lists. */
export const MATTER_CATEGORY_SHORT: Record<MatterCategory, string> = {
  public_service: '重大公共政策和措施', planning: '重要规划', resources: '自然资源和文化资源', major_project: '重大公共建设项目', other_major: '其他重大事项',
};
export const KIND_LABELS: Record<ConsultationKind, string> = { major_decision: '重大行政决策', rule: '规章', normative: '行政规范性文件', other: '其他' };
export const METHOD_LABELS: Record<Method, string> = { online: '网上征求意见', symposium: '座谈会', hearing: '听证会', visit: '实地走访', written: '书面征求意见', questionnaire: '问卷调查', poll: '民意调查' };
export const STATE_LABELS: Record<ConsultationState, string> = { draft: '草稿', scheduled: '待开始', open: '正在征集', closed: '已结束待反馈', finished: '已反馈' };
export const OPINION_STATE_LABELS: Record<OpinionState, string> = { pending: '待审核', held: '待人工复核', approved: '已公开', rejected: '不予公开' };
export const DISPOSITION_LABELS: Record<Disposition, string> = { adopted: '采纳', partly: '部分采纳', not_adopted: '不予采纳', existing: '已有规定', out_of_scope: '不属于本事项' };
/** Why a comment is not published (each rejection names one, plus the moderator's text). */
export const REJECT_REASONS = {
  irrelevant: '与征求意见内容无关',
  abusive: '含有侮辱、诽谤或人身攻击内容',
  unlawful: '含有违法或违反公序良俗的内容',
  advert: '广告或垃圾信息',
  privacy: '含有他人个人信息',
  duplicate: '重复提交',
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;
