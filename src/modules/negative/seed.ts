import type { DemoWorld } from '../../core/module.js';
import { addDays, todayInShanghai } from '../../core/calendar/dates.js';
import { createEntry, publishEntry } from './entries.js';

const TIAOLI = '《中华人民共和国政府信息公开条例》';
const V2019 = '2019-04-03';

/**
 * The demo 负面清单, through the services: 县民政局 drafts three entries (low-income families'
 * personal information under Art. 15, the 社会救助 review's process papers under Art. 16, whose
 * yearly 评估审查 is overdue, and a draft carried over from a 2018 list that still cites the 2007
 * numbering — flagged, not published); 城关镇 three (meeting minutes under Art. 16, 民兵 secrets
 * under Art. 14, contract prices and bank accounts of companies under Art. 15). The office publishes the sound ones.
 */
export async function seedNegativeDemo(world: DemoWorld): Promise<void> {
  const agencyOf = (u: string) => world.actors.get(u)?.agencyId;
  const minzheng = agencyOf('minzheng'), chengguan = agencyOf('chengguan');
  if (!minzheng || !chengguan || !world.actors.get('office')) return;
  const today = todayInShanghai();
  const ago = (days: number) => addDays(today, -days);
  const office = world.as('office');

  const privacy = await createEntry(world.as('minzheng'), {
    agencyId: minzheng, category: 'art15', reportRow: 'withheld_third_party', matter: '最低生活保障、特困人员救助供养对象的身份证号码、家庭住址、联系电话、健康状况和家庭财产等个人信息',
    lawName: TIAOLI, lawVersion: V2019, article: '第十五条', force: 'mandatory',
    releaseCondition: '第三方同意公开，或者行政机关认为不公开会对公共利益造成重大影响的，予以公开（公示救助对象姓名、救助金额时不含身份证号码、住址等）。',
    reviewMonths: 12, lastReviewedOn: ago(90),
  });
  const process = await createEntry(world.as('minzheng'), {
    agencyId: minzheng, category: 'art16', reportRow: 'withheld_process', matter: '社会救助审核确认过程中的入户调查记录、民主评议讨论记录、请示报告等过程性信息',
    lawName: TIAOLI, lawVersion: V2019, article: '第十六条第二款', force: 'discretionary',
    releaseCondition: '法律、法规、规章规定应当公开的，从其规定；审核确认结果作出后按规定公示。',
    reviewMonths: 12, lastReviewedOn: ago(400),
  });
  // Carried over from a 2018 list: the basis still cites the 2007 text (old Art. 14 covered secrets and privacy).
  await createEntry(world.as('minzheng'), {
    agencyId: minzheng, category: 'art15', reportRow: 'withheld_third_party', matter: '殡葬、婚姻登记档案中涉及当事人个人隐私的信息',
    lawName: TIAOLI, lawVersion: '2007-04-05', article: '第十四条第四款', force: 'mandatory',
    releaseCondition: '权利人同意公开，或者不公开可能对公共利益造成重大影响的。', reviewMonths: 12, lastReviewedOn: ago(200),
  });
  const minutes = await createEntry(world.as('chengguan'), {
    agencyId: chengguan, category: 'art16', reportRow: 'withheld_process', matter: '镇党委会议、镇长办公会议的讨论记录，以及不作为行政管理依据的会议纪要、请示、专报',
    lawName: TIAOLI, lawVersion: V2019, article: '第十六条第二款', force: 'discretionary',
    releaseCondition: '作为行政管理依据的，应当公开；法律、法规、规章另有规定的，从其规定。', reviewMonths: 12, lastReviewedOn: ago(30),
  });
  const militia = await createEntry(world.as('chengguan'), {
    agencyId: chengguan, category: 'art14', reportRow: 'withheld_state_secret', matter: '民兵武装工作中的涉密事项，以及依法确定为国家秘密的征兵工作计划',
    lawName: TIAOLI, lawVersion: V2019, article: '第十四条', force: 'mandatory', releaseCondition: '依法解密后，按照主动公开或依申请公开的规定处理。',
    reviewMonths: 12, lastReviewedOn: ago(30),
  });
  const contracts = await createEntry(world.as('chengguan'), {
    agencyId: chengguan, category: 'art15', reportRow: 'withheld_third_party', matter: '工程建设项目合同中涉及企业商业秘密的单价明细、报价构成和银行账户信息',
    lawName: TIAOLI, lawVersion: V2019, article: '第十五条', force: 'mandatory',
    releaseCondition: '第三方同意公开，或者行政机关认为不公开会对公共利益造成重大影响的，予以公开。', reviewMonths: 12, lastReviewedOn: ago(30),
  });
  for (const id of [privacy, process, minutes, militia, contracts]) await publishEntry(office, id, {}, { today: ago(20) });
}
