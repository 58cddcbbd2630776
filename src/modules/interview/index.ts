import type { ModuleManifest } from '../../core/module.js';
import { registerInterviewAdminRoutes } from './routes.admin.js';
import { registerInterviewPublicRoutes } from './routes.public.js';
import { seedInterviewDemo } from './seed.js';
import { mayReadInterviewFile } from './interviews.js';
import { interviewWorklist } from './worklist.js';

/** 在线访谈: guests, questions (pre-moderated), live answers, transcript, 会后答复; the rest filed as messages. */
export const interviewModule: ModuleManifest = {
  name: 'interview',
  label: '在线访谈',
  routes: { public: registerInterviewPublicRoutes, staff: registerInterviewAdminRoutes },
  publicNav: [{ href: '/fangtan', label: '在线访谈', order: 52, section: 'interaction', note: '访谈预告、网友提问、嘉宾答复和访谈实录。' }],
  nav: [{ group: 'interaction', href: '/admin/interview', label: '在线访谈', roles: ['editor', 'reviewer', 'office', 'admin'], order: 30 }],
  seed: { demo: seedInterviewDemo },
  files: mayReadInterviewFile,
  worklist: interviewWorklist,
  audit: {
    actions: {
      'interview.created': '新建在线访谈', 'interview.updated': '修改在线访谈', 'interview.announced': '发布在线访谈预告', 'interview.live': '开始在线访谈', 'interview.ended': '结束在线访谈',
      'interview.questions_opened': '恢复征集访谈问题', 'interview.questions_closed': '停止征集访谈问题',
      'interview.approved': '采用访谈问题', 'interview.rejected': '不采用访谈问题', 'interview.answered': '答复访谈问题', 'interview.transferred': '访谈问题转为留言',
      'interview.image_set': '上传访谈图片', 'interview.image_added': '上传实录图片', 'interview.image_removed': '删除实录图片',
      'interview.transcript_saved': '保存访谈实录', 'interview.transcript_published': '发布访谈实录',
    },
    targets: { iv_interview: '在线访谈' },
  },
};
