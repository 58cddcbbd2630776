import type { ModuleManifest } from '../../core/module.js';
import { registerSurveyAdminRoutes } from './routes.admin.js';
import { registerSurveyPublicRoutes } from './routes.public.js';
import { runSurveyClock } from './service.js';
import { seedSurveyDemo } from './seed.js';
import { surveyWorklist } from './worklist.js';

/** Surveys (问卷调查 / 民意调查): questionnaires on the public site, their results and the result notice. */
export const surveyModule: ModuleManifest = {
  name: 'survey',
  label: '问卷调查',
  routes: { public: registerSurveyPublicRoutes, staff: registerSurveyAdminRoutes },
  publicNav: [{ href: '/diaocha', label: '问卷调查', order: 37, section: 'participation', note: '参与政府部门的问卷调查，查看调查结果。' }],
  nav: [
    { group: 'interaction', href: '/admin/surveys', label: '问卷调查', roles: ['editor', 'reviewer', 'office', 'admin'], order: 20 },
    { group: 'settings', href: '/admin/surveys/settings', label: '问卷调查设置', roles: ['office', 'admin'], order: 60 },
  ],
  // Opens and closes surveys on their times; safe on several instances (conditional UPDATEs).
  jobs: [{ name: 'survey-clock', everyMs: 30_000, run: ({ db }) => runSurveyClock(db) }],
  seed: { demo: seedSurveyDemo },
  worklist: surveyWorklist,
  audit: {
    actions: {
      'survey.created': '新建问卷调查', 'survey.updated': '修改问卷调查', 'survey.question_added': '添加调查题目', 'survey.question_removed': '删除调查题目',
      'survey.question_moved': '调整调查题目顺序', 'survey.scheduled': '发布问卷调查（待开始）', 'survey.unscheduled': '撤回问卷调查为草稿', 'survey.opened': '问卷调查开始',
      'survey.closed': '问卷调查结束', 'survey.results_published': '公布问卷调查结果公告', 'survey.settings_updated': '修改问卷调查设置（短信网关）',
    },
    targets: { survey: '问卷调查', survey_settings: '问卷调查设置' },
  },
};
