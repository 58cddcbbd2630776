import pngjs from 'pngjs';
import type { DemoWorld } from '../../core/module.js';
import { addTranscriptImage, answerQuestion, createInterview, endInterview, moderate, publishTranscript, setInterviewImage, setInterviewState, staffInterview, submitQuestion } from './interviews.js';

const DAY = 86_400_000;

/** A plain demo picture (a blue banner with a light 'desk' band), drawn here so no binary sits in the repository. */
function demoPicture(seed: number): Buffer {
  const png = new pngjs.PNG({ width: 640, height: 360 });
  for (let y = 0; y < 360; y++) {
    for (let x = 0; x < 640; x++) {
      const i = (y * 640 + x) * 4;
      const desk = y > 250 && y < 290 && x > 80 && x < 560;
      const screen = y > 60 && y < 200 && x > 220 && x < 420;
      png.data[i] = desk ? 200 : screen ? 240 : 20 + ((x + seed * 40) % 640) / 12;
      png.data[i + 1] = desk ? 160 : screen ? 240 : 70 + y / 6;
      png.data[i + 2] = desk ? 110 : screen ? 245 : 140 + y / 4;
      png.data[i + 3] = 255;
    }
  }
  return pngjs.PNG.sync.write(png);
}

/**
 * The full demo: an announced 在线访谈 of 县民政局 a week away, taking questions (two published,
 * one waiting for review), and a finished one with answers live and afterwards, one question
 * filed as a message, a picture and the published transcript with a picture.
 */
export async function seedInterviewDemo(world: DemoWorld): Promise<void> {
  if (!world.full) return;
  const staff = world.as('minzheng');
  const now = Date.now();
  const guests = [{ name: '王建华', title: '局长', agency: '示范县民政局' }, { name: '李敏', title: '社会救助股股长', agency: '示范县民政局' }];
  const ask = async (id: number, body: string, i: number) => (await submitQuestion(world.db, id, { body, name: ['张先生', '刘女士', '陈大爷', '赵同学'][i % 4]!, phone: `1370000020${i}` })).code;
  const questionIds = async (id: number) => (await staffInterview(staff, id)).questions.map((q) => q.id);

  const past = await createInterview(staff, {
    topic: '聊聊城乡居民最低生活保障', guests, startsAt: new Date(now - 10 * DAY), agencyId: staff.actor?.agencyId ?? null,
    description: '县民政局负责人做客在线访谈，解读城乡低保申请条件、办理流程和动态管理，回答网友关心的问题。',
  });
  await setInterviewImage(staff, past, { buffer: demoPicture(1), filename: '访谈预告.png' });
  await setInterviewState(staff, past, 'announced');
  for (const [i, q] of ['家里老人没有收入，怎么申请低保？', '低保标准今年有没有调整？', '外出务工人员的家庭能申请低保吗？'].entries()) await ask(past, q, i);
  const pastQs = await questionIds(past);
  await moderate(staff, past, pastQs, true);
  await setInterviewState(staff, past, 'live');
  await answerQuestion(staff, past, pastQs[0]!, '可由本人或家属向户籍所在地乡镇人民政府（街道办事处）提出申请，也可在政务服务网上申请。乡镇受理后入户调查，县民政局审核确认。');
  await answerQuestion(staff, past, pastQs[1]!, '今年城市低保标准提高到每人每月 800 元，农村低保标准提高到每人每年 7200 元，已于 7 月起执行。');
  await endInterview(staff, past);
  await addTranscriptImage(staff, past, { buffer: demoPicture(3), filename: '访谈现场.png' });
  await publishTranscript(staff, past, '主持人：各位网友大家好，欢迎来到在线访谈。今天我们邀请到县民政局局长王建华、社会救助股股长李敏，和大家聊聊城乡居民最低生活保障。\n王建华：各位网友好。低保是兜底保障的重要制度，我们坚持应保尽保、按标施保、动态管理……\n主持人：感谢两位嘉宾，感谢各位网友，本期访谈到此结束。');

  const coming = await createInterview(staff, {
    topic: '养老服务补贴怎么申请', guests: [{ name: '王建华', title: '局长', agency: '示范县民政局' }], startsAt: new Date(now + 7 * DAY), agencyId: staff.actor?.agencyId ?? null,
    description: '围绕高龄津贴、养老服务补贴和居家养老服务，县民政局负责人与网友在线交流。欢迎在访谈前提出问题。',
  });
  await setInterviewState(staff, coming, 'announced');
  for (const [i, q] of ['80 岁以上老人的高龄津贴每月多少？', '居家养老服务包括哪些项目？', '失能老人可以申请护理补贴吗？'].entries()) await ask(coming, q, i + 4);
  const comingQs = await questionIds(coming);
  await moderate(staff, coming, comingQs.slice(0, 2), true);
}
