import type { ModuleManifest } from '../../core/module.js';

/** 在线访谈: guests, questions (pre-moderated), live answers, transcript, 会后答复. */
export const interviewModule: ModuleManifest = {
  name: 'interview',
  label: '在线访谈',
  audit: {
    actions: {
      'interview.created': '新建在线访谈', 'interview.announced': '发布在线访谈预告', 'interview.live': '开始在线访谈', 'interview.ended': '结束在线访谈',
      'interview.approved': '通过访谈问题', 'interview.rejected': '不采用访谈问题', 'interview.answered': '答复访谈问题', 'interview.transcript_published': '发布访谈实录',
    },
    targets: { iv_interview: '在线访谈' },
  },
};
