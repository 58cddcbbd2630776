import type { MessageKind, MessageState, Rating, ScreenResult } from './schema.js';

export const KIND_LABELS: Record<MessageKind, string> = { consult: '咨询', complaint: '投诉', suggestion: '建议', help: '求助', other: '其他' };
export const STATE_LABELS: Record<MessageState, string> = { held: '审核中', received: '已收到', accepted: '已受理', replied: '已答复', closed: '已办结', screened_out: '不予受理' };
export const SCREEN_LABELS: Record<ScreenResult, string> = { valid: '有效', invalid: '无效', duplicate: '重复', petition: '转信访', discipline: '转纪检' };
export const RATING_LABELS: Record<Rating, string> = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' };
export const STEP_LABELS: Record<string, string> = {
  received: '收到留言', held: '待审核', released: '审核通过', screened: '甄别', assigned: '交办', transferred: '转办',
  replied: '答复', rated: '评价', reopened: '重新办理',
};
