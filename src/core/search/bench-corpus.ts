// A synthetic corpus of government documents for scripts/bench-search.ts, generated inside
// PostgreSQL (INSERT … SELECT), so a million rows need no round trips. Vocabulary and sentence
// shapes follow real county-level notices; 文号 look like 示政办〔2025〕12号.

const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`;

const PLACES = ['示范县', '城关镇', '河西乡', '东街街道', '柳树庄村', '县民政局', '县教育局', '县财政局', '县人力资源和社会保障局', '县自然资源局', '县住房和城乡建设局', '县卫生健康委员会', '县医疗保障局', '县农业农村局', '县应急管理局', '县退役军人事务局', '县发展和改革委员会', '县市场监督管理局'];
// Topics, most common first: each document is about one, picked with a 1/rank (Zipf-like) law,
// so a specific phrase is in a few percent of documents and a common character in many.
const TOPICS = ['社会救助', '政务公开', '义务教育', '最低生活保障', '乡村振兴', '安全生产', '医疗保障', '就业创业', '养老服务', '生态环境保护',
  '财政预决算', '公共资源交易', '重大建设项目', '住房保障', '特困人员救助供养', '临时救助', '食品安全', '社会保险', '户籍管理', '防汛抗旱',
  '耕地保护', '学生资助', '医疗救助', '征地补偿', '农村危房改造', '退役军人优抚', '低保金发放', '基本公共卫生服务', '城乡规划许可', '农业支持保护补贴',
  '残疾人两项补贴', '高龄津贴', '自然灾害救灾', '教育救助', '社保卡办理', '义务教育学校招生', '农村饮水安全', '道路交通安全', '森林防火', '文物保护',
  '市场主体登记', '药品监管', '价格监督检查', '统计调查', '审计整改', '税费优惠', '劳动保障监察', '人才引进', '职业技能培训', '不动产登记',
  '建设工程招标投标', '政府采购', '国有土地使用权出让', '集体林权', '农村集体产权制度改革', '河长制', '大气污染防治', '固体废物污染防治', '噪声污染防治', '垃圾分类',
  '城市管理执法', '物业管理', '保障性租赁住房', '老旧小区改造', '燃气安全', '消防安全', '应急避难场所', '地质灾害防治', '殡葬管理', '婚姻登记',
  '流浪乞讨人员救助', '未成年人保护', '妇女儿童权益保障', '社区治理', '村务公开', '民族宗教事务', '双拥优抚', '兵役登记', '人口普查', '公共文化服务'];
const DOC_TYPES = ['实施方案', '管理办法', '实施细则', '工作要点', '考核办法', '专项行动方案', '指导意见', '工作规则', '应急预案', '操作规程'];
const ACTIONS = ['进一步加强', '切实做好', '全面推进', '深入开展', '规范', '调整', '做好'];
const POLICIES = ['党中央、国务院决策部署', '《社会救助暂行办法》', '《中华人民共和国政府信息公开条例》', '《中华人民共和国义务教育法》', '省委、省政府工作要求', '市委、市政府工作部署', '《城乡规划法》'];
const ABBR = ['政办', '政', '民', '教', '财', '人社', '自然资', '住建', '卫健', '医保', '农', '应急'];
const MONEY = ['每人每月', '每户每年', '按季度', '按月', '一次性'];

const pick = (name: string) => `b_pick(${name})`;

/** SQL to create the generator functions, insert documents from…from+n-1, then index and analyze. */
export function corpusSql(): { setup: string[]; insert: (from: number, n: number) => string; finish: string[] } {
  const v = { places: arr(PLACES), topics: arr(TOPICS), types: arr(DOC_TYPES), actions: arr(ACTIONS), policies: arr(POLICIES), abbr: arr(ABBR), money: arr(MONEY) };
  const p = (k: keyof typeof v) => pick(v[k]);
  // $1 is the document's topic: most sentences are about it, some mention another one.
  const t = `CASE WHEN random() < 0.75 THEN $1 ELSE ${p('topics')} END`;
  const sentence = `CASE floor(random() * 9)::int
    WHEN 0 THEN '为深入贯彻落实' || ${p('policies')} || '，' || ${p('actions')} || ${t} || '工作，现将有关事项通知如下。'
    WHEN 1 THEN '各乡镇人民政府、街道办事处，县直各有关单位：'
    WHEN 2 THEN '申请' || ${t} || '须向' || ${p('places')} || '提交申请材料，经审核确认后' || ${p('money')} || '办理。'
    WHEN 3 THEN ${p('places')} || '要把' || ${t} || '纳入年度考核，建立健全' || ${t} || '工作机制，加强与' || ${p('topics')} || '的衔接。'
    WHEN 4 THEN '本' || ${p('types')} || '自印发之日起施行，有效期' || (1 + floor(random() * 5)::int) || '年。'
    WHEN 5 THEN '咨询电话：0373-' || (1000000 + floor(random() * 8999999)::int) || '，办公地址：' || ${p('places')} || '便民服务中心。'
    WHEN 6 THEN '附件：' || ${t} || ${p('types')} || '（' || (2015 + floor(random() * 11)::int) || '年修订）'
    WHEN 7 THEN '截至' || (2015 + floor(random() * 11)::int) || '年底，全县' || ${t} || '资金累计' || (10 + floor(random() * 9000)::int) || '万元，惠及群众' || (100 + floor(random() * 90000)::int) || '人次。'
    ELSE '各地各部门要坚持公开为常态、不公开为例外，及时通过政府网站、政务新媒体和公开栏公开' || ${t} || '信息。' END`;
  const title = `CASE floor(random() * 4)::int
    WHEN 0 THEN '关于印发' || ${p('places')} || $1 || ${p('types')} || '的通知'
    WHEN 1 THEN '关于' || ${p('actions')} || $1 || '工作的通知'
    WHEN 2 THEN ${p('places')} || (2015 + floor(random() * 11)::int) || '年' || $1 || '工作总结'
    ELSE '关于' || $1 || '资金分配情况的公示' END`;
  return {
    setup: [
    `CREATE FUNCTION b_pick(a text[]) RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT a[1 + floor(random() * cardinality(a))::int] $$`,
    `CREATE FUNCTION b_zipf(a text[]) RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT a[floor(power(cardinality(a) + 1, random()))::int] $$`,
    `CREATE FUNCTION b_sentence(text) RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT ${sentence} $$`,
    `CREATE FUNCTION b_title(text) RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT ${title} $$`,
    `DROP INDEX IF EXISTS search_entries_tsv_idx`,
    ],
    insert: (from, n) => `INSERT INTO search_entries (kind, ref_id, url, title, body, published_at, year, doc_number, doc_number_key, norm)
     SELECT 'document', g, '/zfxxgk/documents/' || g, d.title, d.body, d.pub, extract(year from d.pub)::int, d.dn,
            regexp_replace(lower(d.dn), '[^〇㐀-䶿一-鿿豈-﫿𠀀-𲎯a-z0-9]+', '', 'g'),
            -- what normalise() does to this text: full-width punctuation to ASCII (NFKC), lowercase
            translate(lower(d.title || E'\\n' || d.body || ' ' || d.dn), '，：；（）！？', ',:;()!?')
     FROM generate_series(${from}, ${from + n - 1}) g,
     LATERAL (SELECT b_zipf(${v.topics}) || repeat('', g % 1) AS topic) tp,
     LATERAL (SELECT b_title(tp.topic) AS title,
                     (SELECT string_agg(b_sentence(tp.topic) || repeat('', s % 1), '') FROM generate_series(1, 4 + (g % 7)) s) AS body,
                     now() - (random() * 3650) * interval '1 day' AS pub,
                     '示' || b_pick(${v.abbr}) || '〔' || (2015 + g % 11) || '〕' || (1 + g % 150) || '号' AS dn) d`,
    finish: [`CREATE INDEX search_entries_tsv_idx ON search_entries USING gin (tsv)`, `ANALYZE search_entries`],
  };
}
