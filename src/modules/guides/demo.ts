// Realistic element sets for the demo county's guides (seed) and the tests. Names, bases and
// limits follow the national rules the items rest on; phone numbers and addresses are fictitious.
import type { Fee, GuideData, Material, Step } from './elements.js';

const HALL = '示范县政务服务中心（示范县人民路88号）';
const HOURS = '工作日 上午 8:30—12:00，下午 14:30—17:30（法定节假日除外）';
const REVIEW = '示范县人民政府（行政复议机构：示范县司法局，示范县人民路20号，0373-2234520）';
const COURT = '示范县人民法院（示范县法院街1号）';
const COMPLAINT = '12345政务服务便民热线；示范县政务服务中心投诉窗口（0373-2234500）；示范县政府网站“我要投诉”';

export const mat = (name: string, o: Partial<Material> = {}): Material => ({
  name, necessity: '必要', form: '纸质', originals: 1, copies: 1, size: 'A4', source: '申请人自备', sourceNote: '', basis: '', requirement: '', blankFileId: null, sampleFileId: null, note: '', ...o,
});
const step = (name: string, description: string, o: Partial<Step> = {}): Step => ({ name, description, special: false, specialKind: '', limit: '', countsInLimit: true, basis: '', ...o });
const ID_CARD = (holder = '申请人'): Material => mat('居民身份证', { originals: 1, copies: 1, source: '政府部门核发', sourceNote: '公安机关', requirement: `${holder}有效居民身份证，复印件正反面复印在同一张 A4 纸上。`, basis: '' });
const HUKOU = mat('居民户口簿', { originals: 1, copies: 1, source: '政府部门核发', sourceNote: '公安机关', requirement: '户主页及本人页。' });

type Optional = 'place' | 'hours' | 'complaint' | 'reviewBody' | 'litigationBody' | 'fees' | 'faqs' | 'onlineUrl' | 'rights' | 'duties' | 'result' | 'personThemes' | 'enterpriseThemes';
type Base = Omit<GuideData, Optional> & Partial<Pick<GuideData, Optional>>;
const guide = (b: Base): GuideData => ({ place: HALL, hours: HOURS, complaint: COMPLAINT, reviewBody: REVIEW, litigationBody: COURT, fees: [], faqs: [], onlineUrl: '', rights: '', duties: '', result: '', personThemes: [], enterpriseThemes: [], ...b });
const noFee: Fee[] = [];

export type DemoGuide = { agency: string; code: string; parentCode?: string; level?: 'main' | 'sub' | 'handle'; domainCode: string; data: GuideData };

export const DEMO_GUIDES: DemoGuide[] = [
  {
    agency: '县民政局', code: '000718006000-411101', domainCode: 'social-assistance',
    data: guide({
      name: '最低生活保障审核确认', itemType: '行政给付', serviceObject: '自然人', handleType: '承诺件',
      basis: '《社会救助暂行办法》第九条至第十三条；《最低生活保障审核确认办法》（民发〔2021〕57号）第二十条。',
      conditions: '持有本县户籍，共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合规定的家庭。',
      legalLimit: { value: 30, unit: '工作日', note: '自受理之日起；特殊情况可延长至 45 个工作日' }, promisedLimit: { value: 20, unit: '工作日', note: '自受理之日起' },
      steps: [
        step('申请', '向户籍所在地乡镇人民政府（街道办事处）提出书面申请，也可通过“示范县民政服务”小程序申请。'),
        step('受理', '材料齐全的当场受理；不齐全的一次性告知需补正的全部材料。'),
        step('家庭经济状况调查', '乡镇人民政府入户调查并通过居民家庭经济状况核对系统核对。', { limit: '10 个工作日' }),
        step('公示', '在申请人所在村（社区）公示调查结果和拟审核确认意见，公示期 7 天。', { special: true, specialKind: '公示', limit: '7 天', countsInLimit: false, basis: '《最低生活保障审核确认办法》第二十四条' }),
        step('审核确认', '县民政局（或经授权的乡镇人民政府）作出确认决定，不予确认的书面说明理由。'),
      ],
      consult: '县民政局社会救助股 0373-2234531；各乡镇（街道）社会事务办公室', visits: 1, visitsReason: '须签署家庭经济状况核对授权书，由工作人员当面核验身份。',
      onlineDepth: ['互联网咨询', '收件', '预审'], personThemes: ['社会救助'], result: '最低生活保障金领取证',
      materials: [
        mat('最低生活保障申请书', { originals: 1, copies: 0, source: '其他', sourceNote: '窗口或网站下载，申请人填写', requirement: '由申请人或其代理人签字。' }),
        ID_CARD('家庭成员'), HUKOU,
        mat('家庭经济状况核对授权书', { originals: 1, copies: 0, source: '其他', sourceNote: '窗口提供', requirement: '共同生活的家庭成员均须签字（按手印）。', basis: '《最低生活保障审核确认办法》第十一条' }),
        mat('家庭成员收入证明', { necessity: '容缺后补', originals: 1, copies: 0, requirement: '工资收入由工作单位出具；无固定收入的由本人书面声明。', note: '可先受理，5 个工作日内补交。' }),
        mat('残疾证或病历证明', { necessity: '非必要', originals: 1, copies: 1, source: '政府部门核发', requirement: '家庭成员有重度残疾或重病的提供。' }),
      ],
      fees: noFee,
      faqs: [
        { question: '没有本县户籍的可以申请吗？', answer: '共同生活的家庭成员户籍所在地不在本县的，可由其中一个户籍所在地的乡镇（街道）受理；持有居住证的可按本省规定在居住地申请。' },
        { question: '审核确认后多久发放保障金？', answer: '自确认之日下月起按月发放，通过社会保障卡或银行账户社会化发放。' },
      ],
    }),
  },
  {
    agency: '县民政局', code: '000718007000-411101', domainCode: 'social-assistance',
    data: guide({
      name: '特困人员救助供养审核确认', itemType: '行政给付', serviceObject: '自然人', handleType: '承诺件',
      basis: '《社会救助暂行办法》第十四条至第二十条；《特困人员认定办法》（民发〔2021〕43号）。',
      conditions: '无劳动能力、无生活来源，且无法定赡养、抚养、扶养义务人或者其法定义务人无履行义务能力的老年人、残疾人以及未满 16 周岁的未成年人。',
      legalLimit: { value: 20, unit: '工作日', note: '' }, promisedLimit: { value: 15, unit: '工作日', note: '' },
      steps: [step('申请', '本人向户籍所在地乡镇人民政府（街道办事处）提出书面申请，本人申请有困难的可委托村（居）民委员会代为申请。'), step('调查核实', '乡镇人民政府入户调查。'), step('公示', '在村（社区）公示 7 天。', { special: true, specialKind: '公示', limit: '7 天', countsInLimit: false }), step('审核确认', '县民政局作出确认决定。')],
      consult: '县民政局社会救助股 0373-2234531', visits: 0, visitsReason: '', onlineDepth: ['互联网咨询', '收件'], personThemes: ['社会救助', '养老服务', '残疾人'],
      materials: [mat('特困人员救助供养申请书', { originals: 1, copies: 0, source: '其他', sourceNote: '窗口提供' }), ID_CARD(), HUKOU, mat('残疾证', { necessity: '非必要', source: '政府部门核发', requirement: '残疾人申请的提供。' })],
    }),
  },
  {
    agency: '县民政局', code: '000718008000-411101', domainCode: 'social-assistance',
    data: guide({
      name: '临时救助', itemType: '行政给付', serviceObject: '自然人', handleType: '承诺件',
      basis: '《社会救助暂行办法》第四十七条至第五十条；《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）。',
      conditions: '因火灾、交通事故等意外事件，家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难的家庭或个人。',
      legalLimit: { value: 15, unit: '工作日', note: '情况紧急的先行救助' }, promisedLimit: { value: 10, unit: '工作日', note: '' },
      steps: [step('申请', '向乡镇人民政府（街道办事处）提出申请；情况紧急的可直接向县民政局申请。'), step('审核', '乡镇人民政府调查核实。'), step('审批', '县民政局审批，救助金额在规定限额内的可由乡镇审批。')],
      consult: '县民政局社会救助股 0373-2234531', visits: 0, visitsReason: '', onlineDepth: ['互联网咨询', '收件', '预审', '受理'], personThemes: ['社会救助'],
      materials: [mat('临时救助申请书', { originals: 1, copies: 0, source: '其他' }), ID_CARD(), mat('遭遇困难的证明材料', { requirement: '如医疗费用票据、事故证明等。', necessity: '容缺后补' })],
    }),
  },
  {
    agency: '县民政局', code: '000107001000-411101', domainCode: '',
    data: guide({
      name: '婚姻登记', itemType: '行政确认', serviceObject: '自然人', handleType: '即办件',
      basis: '《中华人民共和国民法典》第一千零四十九条；《婚姻登记条例》。', conditions: '符合《中华人民共和国民法典》规定的结婚、离婚条件的当事人。',
      legalLimit: { value: 1, unit: '工作日', note: '' }, promisedLimit: { value: 1, unit: '工作日', note: '材料齐全当场办结' },
      steps: [step('受理', '双方当事人共同到婚姻登记机关提出申请。'), step('审查', '查验证件，询问当事人。'), step('登记颁证', '当场颁发结婚证或离婚证。')],
      consult: '县民政局婚姻登记处 0373-2234535', visits: 1, visitsReason: '婚姻登记须双方当事人亲自到场（《婚姻登记条例》第四条）。', onlineDepth: ['互联网咨询'], personThemes: ['婚姻登记'],
      materials: [ID_CARD('双方当事人'), HUKOU],
    }),
  },
  {
    agency: '县民政局', code: '000107001000-411101-01', parentCode: '000107001000-411101', level: 'sub', domainCode: '',
    data: guide({
      name: '内地居民结婚登记', itemType: '行政确认', serviceObject: '自然人', handleType: '即办件',
      basis: '《中华人民共和国民法典》第一千零四十九条；《婚姻登记条例》第四条、第五条、第七条。', conditions: '男年满二十二周岁、女年满二十周岁，双方自愿，均无配偶，且无禁止结婚的亲属关系。',
      legalLimit: { value: 1, unit: '工作日', note: '' }, promisedLimit: { value: 1, unit: '工作日', note: '当场办结' },
      steps: [step('预约', '可通过“示范县民政服务”小程序预约登记时段。'), step('受理审查', '查验双方证件，双方签署《申请结婚登记声明书》。'), step('颁证', '当场颁发结婚证。', { special: true, specialKind: '其他', limit: '当场', countsInLimit: true })],
      consult: '县民政局婚姻登记处 0373-2234535', visits: 1, visitsReason: '须双方当事人亲自到场，当面签字。', onlineDepth: ['互联网咨询', '预审'], personThemes: ['婚姻登记'],
      materials: [ID_CARD('双方当事人'), HUKOU, mat('近期半身免冠合影照片', { originals: 3, copies: 0, size: '2寸', requirement: '2 寸双人近期半身免冠红底合影照片 3 张。' })],
      faqs: [{ question: '户口不在本县可以在本县登记结婚吗？', answer: '按规定已开展婚姻登记“跨省通办”的，一方具有本县常住户口或持有本县居住证的，可以在本县登记。' }],
    }),
  },
  {
    agency: '县教育局', code: '000520001000-411101', domainCode: 'compulsory-education',
    data: guide({
      name: '义务教育阶段学生转学', itemType: '公共服务', serviceObject: '自然人', handleType: '承诺件',
      basis: '《中华人民共和国义务教育法》第十二条；《中小学生学籍管理办法》（教基一〔2013〕7号）第十四条。', conditions: '在本县接受义务教育的学生，因家庭搬迁、随父母工作调动等原因需转学的。',
      legalLimit: { value: 15, unit: '工作日', note: '' }, promisedLimit: { value: 10, unit: '工作日', note: '' },
      steps: [step('提出申请', '学生监护人向转入学校提出申请。'), step('学校审核', '转入、转出学校审核同意。'), step('学籍转接', '县教育局在全国中小学生学籍信息管理系统中办理学籍转接。')],
      consult: '县教育局基础教育股 0373-2234541', visits: 1, visitsReason: '监护人须到转入学校签字确认。', onlineDepth: ['互联网咨询', '收件'], personThemes: ['教育'],
      materials: [mat('转学申请表', { originals: 1, copies: 0, source: '其他', sourceNote: '转入学校提供' }), HUKOU, mat('房产证明或居住证', { necessity: '必要', requirement: '证明在转入学校服务范围内居住。' })],
    }),
  },
  {
    agency: '县教育局', code: '000120002000-411101', domainCode: 'compulsory-education',
    data: guide({
      name: '实施中等及以下学历教育、学前教育、自学考试助学及其他文化教育的学校设立审批', itemType: '行政许可', serviceObject: '法人', handleType: '承诺件',
      basis: '《中华人民共和国民办教育促进法》第十二条；《中华人民共和国民办教育促进法实施条例》第十五条。', conditions: '举办者符合法定条件，有合格的教师、符合标准的校舍和教学设施，有必备的办学资金。',
      legalLimit: { value: 90, unit: '自然日', note: '三个月（《中华人民共和国民办教育促进法》第十七条）' }, promisedLimit: { value: 40, unit: '工作日', note: '' },
      steps: [step('申请', '举办者提交设立申请。'), step('专家评审', '组织专家对办学条件进行评审。', { special: true, specialKind: '专家评审', limit: '30 个工作日', countsInLimit: false }), step('现场勘查', '实地查看校舍和设施。', { special: true, specialKind: '现场勘查', limit: '5 个工作日', countsInLimit: true }), step('决定', '作出准予或不予许可决定。')],
      consult: '县教育局政策法规股 0373-2234542', visits: 1, visitsReason: '须现场勘查办学场所。', onlineDepth: ['互联网咨询', '收件', '预审'], enterpriseThemes: ['准营准办'], result: '中华人民共和国民办学校办学许可证',
      materials: [mat('申办报告', { originals: 1, copies: 0 }), mat('举办者的资格证明文件', { originals: 1, copies: 1 }), mat('拟任校长的基本情况', { originals: 1, copies: 0 }), mat('资产来源、资金数额及有效证明文件', { originals: 1, copies: 1 }), mat('校舍产权证明或租赁合同', { originals: 1, copies: 1, form: '纸质+电子' })],
    }),
  },
  {
    agency: '县人力资源和社会保障局', code: '000620001000-411101', domainCode: 'employment',
    data: guide({
      name: '失业登记', itemType: '公共服务', serviceObject: '自然人', handleType: '即办件',
      basis: '《中华人民共和国就业促进法》第三十五条；《就业服务与就业管理规定》第六十一条。', conditions: '法定劳动年龄内、有劳动能力、有就业要求、处于无业状态的城乡劳动者。',
      legalLimit: { value: 5, unit: '工作日', note: '' }, promisedLimit: { value: 1, unit: '工作日', note: '当场办结' },
      steps: [step('申请', '在常住地公共就业服务机构或网上办理。'), step('登记', '核验身份信息后即时办结。')],
      consult: '县就业服务中心 0373-2234561', visits: 0, visitsReason: '', onlineDepth: ['互联网咨询', '收件', '预审', '受理', '办理', '办理结果信息反馈'], onlineUrl: 'https://example.gov.cn/jiuye/shiye', personThemes: ['就业创业'],
      materials: [ID_CARD(), mat('本人近期免冠照片', { originals: 1, copies: 0, size: '1寸', form: '纸质+电子' })],
    }),
  },
  {
    agency: '县人力资源和社会保障局', code: '000620002000-411101', domainCode: 'employment',
    data: guide({
      name: '就业创业证申领', itemType: '公共服务', serviceObject: '自然人', handleType: '即办件',
      basis: '《就业服务与就业管理规定》第六十三条；《人力资源社会保障部关于印发〈就业创业证管理暂行办法〉的通知》。', conditions: '办理了就业登记或失业登记的劳动者。',
      legalLimit: { value: 5, unit: '工作日', note: '' }, promisedLimit: { value: 1, unit: '工作日', note: '' },
      steps: [step('申请', '窗口或网上申请。'), step('发放', '核验后发放（电子证可即时下载）。')],
      consult: '县就业服务中心 0373-2234561', visits: 0, visitsReason: '', onlineDepth: ['互联网咨询', '收件', '预审', '受理', '办理', '办理结果信息反馈', '电子证照反馈'], personThemes: ['就业创业'],
      materials: [ID_CARD(), mat('本人近期免冠照片', { originals: 1, copies: 0, size: '1寸', form: '纸质+电子' })],
    }),
  },
  {
    agency: '县人力资源和社会保障局', code: '000620003000-411101', domainCode: 'employment',
    data: guide({
      name: '创业担保贷款申请', itemType: '公共服务', serviceObject: '自然人、法人', handleType: '承诺件',
      basis: '《财政部 人力资源社会保障部 中国人民银行关于进一步做好创业担保贷款财政贴息工作的通知》（财金〔2020〕21号）。', conditions: '符合条件的城镇登记失业人员、就业困难人员、返乡创业农民工等，以及小微企业。',
      legalLimit: { value: 20, unit: '工作日', note: '' }, promisedLimit: { value: 15, unit: '工作日', note: '不含银行审贷时间' },
      steps: [step('申请', '向县就业服务中心提交申请。'), step('资格审核', '人社部门审核申请人资格。'), step('担保审核', '担保基金运营机构审核。'), step('银行审贷', '经办银行审核发放贷款。', { special: true, specialKind: '其他', limit: '10 个工作日', countsInLimit: false })],
      consult: '县就业服务中心 0373-2234562', visits: 1, visitsReason: '须与经办银行当面签订借款合同。', onlineDepth: ['互联网咨询', '收件', '预审'], personThemes: ['就业创业'], enterpriseThemes: ['扶持政策'],
      materials: [mat('创业担保贷款申请表', { originals: 1, copies: 0, source: '其他', sourceNote: '窗口提供' }), ID_CARD(), mat('营业执照', { originals: 1, copies: 1, source: '政府部门核发', sourceNote: '市场监督管理部门' }), mat('就业创业证', { originals: 1, copies: 1, source: '政府部门核发' })],
      fees: [{ name: '担保费', standard: '不收取', basis: '财金〔2020〕21号', reducible: false, reductionBasis: '' }],
    }),
  },
];
