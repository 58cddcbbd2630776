import type { MeetingKind, ParticipantCategory, RegistrationState, SelectionRule } from './schema.js';

export const KIND_LABELS: Record<MeetingKind, string> = { hearing: '听证会', symposium: '座谈会' };
export const RULE_LABELS: Record<SelectionRule, string> = { first_come: '先报名先得', random: '随机抽选', category: '按类别遴选' };
export const CATEGORY_LABELS: Record<ParticipantCategory, string> = { affected: '利害关系人代表', expert: '专家学者', npc: '人大代表', cppcc: '政协委员', public: '群众代表', other: '其他' };
export const REGISTRATION_STATE_LABELS: Record<RegistrationState, string> = { registered: '已报名，等待遴选', selected: '已确定为参加人', not_selected: '未被选为参加人' };
