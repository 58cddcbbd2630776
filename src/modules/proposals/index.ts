import type { ModuleManifest } from '../../core/module.js';
import { proposalsWorklist } from './worklist.js';

/** 建议提案办理: NPC deputies' suggestions and CPPCC proposals, their handling, replies and publication (service layer). */
export const proposalsModule: ModuleManifest = {
  name: 'proposals',
  label: '建议提案办理',
  worklist: proposalsWorklist,
  audit: {
    actions: {
      'proposals.registered': '交办建议提案', 'proposals.co_view_recorded': '录入协办意见', 'proposals.extended': '建议提案延期办理',
      'proposals.replied': '答复建议提案', 'proposals.satisfaction_recorded': '登记代表委员满意度', 'proposals.follow_up_added': '登记跟踪落实情况',
      'proposals.published': '公开建议提案办理结果', 'proposals.settings_updated': '修改建议提案办理设置',
    },
    targets: { prop_item: '建议提案', prop_settings: '建议提案办理设置' },
  },
};
