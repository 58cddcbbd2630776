import type { ModuleManifest } from '../../core/module.js';
import { ratingsWorklist } from './worklist.js';
import { registerRatingsAdminRoutes } from './routes.admin.js';
import { registerRatingsPublicRoutes } from './routes.public.js';
import { seedRatingsDemo } from './seed.js';

/** 好差评 (国办发〔2019〕51号): five-level ratings of service items and windows, 差评 work orders to the handling unit, published aggregates. */
export const ratingsModule: ModuleManifest = {
  name: 'ratings',
  label: '政务服务好差评',
  routes: { public: registerRatingsPublicRoutes, staff: registerRatingsAdminRoutes },
  nav: [{ group: 'services', href: '/admin/ratings', label: '好差评', roles: ['editor', 'reviewer', 'office', 'admin'], order: 30 }],
  publicNav: [{ href: '/haocha', label: '好差评', order: 62, section: 'interaction', note: '对政务服务事项和办事窗口作出评价，查看各单位好差评统计。' }],
  seed: { demo: seedRatingsDemo },
  worklist: ratingsWorklist,
  audit: {
    actions: {
      'ratings.rated': '公众提交好差评', 'ratings.order_opened': '差评生成工单', 'ratings.order_callback': '登记差评回访', 'ratings.order_rectified': '登记差评整改',
      'ratings.order_closed': '反馈评价人并办结差评工单', 'ratings.order_appealed': '对差评提出申诉', 'ratings.appeal_accepted': '差评申诉成立', 'ratings.appeal_rejected': '差评申诉不成立',
      'ratings.window_created': '新增服务窗口', 'ratings.window_deactivated': '停用服务窗口', 'ratings.window_reactivated': '启用服务窗口', 'ratings.settings_updated': '修改好差评设置',
    },
    targets: { rating: '好差评', rating_order: '差评工单', rating_window: '服务窗口', rating_settings: '好差评设置' },
  },
};
