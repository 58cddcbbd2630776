/**
 * The 26 pilot domains (国办发〔2019〕54号, listed in seed 000 task 一(一)1) with the county
 * department responsible for each, as annex 1 of 新政办〔2020〕23号 assigns them at city level.
 * Guide titles and 文号 are given only where the reference notes confirm them.
 */
export type DomainSeed = { code: string; name: string; department: string; guide?: string };

/**
 * Other names a county's file uses for a domain in its title (卫生健康领域…目录 for 医疗卫生), so an
 * import can tell which domain a file is for. Only names that cannot mean another domain.
 */
export const DOMAIN_ALIASES: Record<string, readonly string[]> = {
  城乡规划: ['国土空间规划'],
  公共资源交易: ['公共资源配置'],
  财政预决算: ['预决算'],
  征地补偿: ['农村集体土地征收', '集体土地征收'],
  国有土地上房屋征收: ['房屋征收'],
  保障性住房: ['保障性安居工程', '住房保障'],
  农村危房改造: ['危房改造'],
  环境保护: ['生态环境'],
  公共文化服务: ['公共文化'],
  公共法律服务: ['法律服务'],
  扶贫: ['乡村振兴', '脱贫攻坚'],
  救灾: ['防灾减灾'],
  食品药品监管: ['食品药品'],
  城市综合执法: ['城市管理综合执法', '综合执法'],
  户籍管理: ['户籍', '户口'],
  涉农补贴: ['惠农补贴'],
  医疗卫生: ['卫生健康'],
  市政服务: ['市政公用'],
};

export const PILOT_DOMAINS: DomainSeed[] = [
  { code: 'urban-rural-planning', name: '城乡规划', department: '县自然资源和规划局' },
  { code: 'major-projects', name: '重大建设项目', department: '县发展和改革委员会', guide: '国家发展改革委办公厅《重大建设项目领域基层政务公开标准指引》（发改办投资〔2019〕621号）' },
  { code: 'public-resource-trading', name: '公共资源交易', department: '县发展和改革委员会' },
  { code: 'fiscal-budget', name: '财政预决算', department: '县财政局', guide: '财政部《财政预决算领域基层政务公开标准指引》' },
  { code: 'work-safety', name: '安全生产', department: '县应急管理局' },
  { code: 'tax-administration', name: '税收管理', department: '国家税务总局示范县税务局' },
  { code: 'land-acquisition', name: '征地补偿', department: '县自然资源和规划局' },
  { code: 'housing-expropriation', name: '国有土地上房屋征收', department: '县住房和城乡建设局' },
  { code: 'affordable-housing', name: '保障性住房', department: '县住房和城乡建设局' },
  { code: 'rural-dilapidated-housing', name: '农村危房改造', department: '县住房和城乡建设局' },
  { code: 'environmental-protection', name: '环境保护', department: '县生态环境分局' },
  { code: 'public-culture', name: '公共文化服务', department: '县文化广电和旅游局' },
  { code: 'public-legal-services', name: '公共法律服务', department: '县司法局' },
  { code: 'poverty-alleviation', name: '扶贫', department: '县乡村振兴局' },
  { code: 'disaster-relief', name: '救灾', department: '县应急管理局' },
  { code: 'food-drug', name: '食品药品监管', department: '县市场监督管理局' },
  { code: 'urban-enforcement', name: '城市综合执法', department: '县城市管理局' },
  { code: 'employment', name: '就业', department: '县人力资源和社会保障局' },
  { code: 'social-insurance', name: '社会保险', department: '县人力资源和社会保障局' },
  { code: 'social-assistance', name: '社会救助', department: '县民政局', guide: '民政部《社会救助和养老服务领域基层政务公开标准指引》（民办函〔2019〕52号）' },
  { code: 'elderly-care', name: '养老服务', department: '县民政局', guide: '民政部《社会救助和养老服务领域基层政务公开标准指引》（民办函〔2019〕52号）' },
  { code: 'household-registration', name: '户籍管理', department: '县公安局', guide: '公安部办公厅《户籍管理领域基层政务公开标准指引》' },
  { code: 'agricultural-subsidies', name: '涉农补贴', department: '县农业农村局' },
  { code: 'compulsory-education', name: '义务教育', department: '县教育局', guide: '教育部《义务教育领域基层政务公开标准指引》（2019年6月）' },
  { code: 'health-care', name: '医疗卫生', department: '县卫生健康委员会' },
  { code: 'municipal-services', name: '市政服务', department: '县住房和城乡建设局' },
];
