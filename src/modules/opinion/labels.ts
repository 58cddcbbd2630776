import type { Category, Grade, ItemState, ResponseKind, Severity, Source } from './schema.js';

export const SOURCE_LABELS: Record<Source, string> = { website: '网站', weibo: '微博', wechat: '微信', short_video: '短视频', press: '报刊', tv: '电视', other: '其他' };
/** 国办发〔2016〕61号: the matters a government must respond to. */
export const CATEGORY_LABELS: Record<Category, string> = {
  policy_misread: '重大政策误解误读',
  public_interest: '涉及公众切身利益且产生较大影响的事项',
  moral_baseline: '民生领域严重冲击社会道德底线的事件',
  emergency_disaster: '突发事件处置和自然灾害应对',
  upper_request: '上级政府要求下级政府回应的事项',
  other: '其他',
};
export const SEVERITY_LABELS: Record<Severity, string> = { especially_major: '特别重大', major: '重大', larger: '较大', general: '一般' };
export const STATE_LABELS: Record<ItemState, string> = { registered: '已登记', consulting: '会商研判', responded: '已回应', evaluated: '已评估', closed: '已关闭' };
export const RESPONSE_LABELS: Record<ResponseKind, string> = { authoritative: '权威信息发布', press_conference: '新闻发布会', briefing: '吹风会', interview: '接受采访', other: '其他' };
export const GRADE_LABELS: Record<Grade, string> = { good: '好', fair: '一般', poor: '差' };
