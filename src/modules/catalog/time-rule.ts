// 公开时限 is free text typed by county staff. We turn the common phrasings into a
// machine rule so deadlines can be computed, but keep the original text verbatim:
// anything we cannot read with confidence becomes 'unparsed' and goes to a human.

export type TimeEvent =
  | 'formation_or_change' /* 信息形成或(者)变更 / 信息形成 / 形成或者变更 */
  | 'made_or_obtained' /* 制定或获取信息 / 制作或获取该信息 */
  | 'decision' /* 作出(行政)决定 */
  | 'approval' /* (本级)人民代表大会或其常务委员会批准 / 批准 */
  | 'budget_reply' /* (本级政府)财政部门批复 / 批复 */
  | 'unspecified';

export type TimeRule =
  | {
      kind: 'period';
      unit: 'workday' | 'day';
      n: number;
      event: TimeEvent;
      /** "公示7个工作日": a publicity period that follows the disclosure. */
      publicityWorkdays?: number;
      /** "其中…应自…之日起7个工作日内公示": narrower limits for part of the item. */
      exceptions?: TimeRule[];
      appliesTo?: string;
    }
  | { kind: 'realtime' }
  | { kind: 'prompt' }
  | { kind: 'permanent' }
  | { kind: 'annual_date'; month: number; day: number }
  | { kind: 'same_as_above' }
  | { kind: 'unparsed' };

export type ParsedTimeLimit = { text: string; rule: TimeRule; ok: boolean };

type PeriodRule = Extract<TimeRule, { kind: 'period' }>;

// The catalog schema caps 公开时限 at 500 characters; anything longer is not a
// real time limit, and refusing early keeps regex work bounded on hostile input.
const MAX_TEXT = 500;
// A limit longer than a year is almost certainly a typo, so let a human look.
const MAX_N = 366;

const UNPARSED: TimeRule = { kind: 'unparsed' };

export function parseTimeLimit(text: string): ParsedTimeLimit {
  const rule = parseRule(text);
  return { text, rule, ok: rule.kind !== 'unparsed' };
}

function parseRule(text: unknown): TimeRule {
  // Callers are typed, but rows come from spreadsheets; never throw on odd input.
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT) return UNPARSED;
  const clauses = splitClauses(normalize(text));
  const [first, ...rest] = clauses;
  if (first === undefined) return UNPARSED;
  if (rest.length === 0) {
    const single = parseKeyword(first) ?? parseAnnualDate(first);
    if (single) return single;
  }
  const main = parsePeriod(first);
  if (!main) return UNPARSED;
  return attachFollowUps(main, rest) ?? UNPARSED;
}

/** Folds the spelling variants seen across county catalogs into one form. */
function normalize(text: string): string {
  return text
    .normalize('NFKC') // full-width digits and punctuation → ASCII
    .replace(/\s+/g, '')
    .replace(/或者/g, '或')
    .replace(/([零〇一二两三四五六七八九十]+)(?=个?(?:工作日|自然日|日|天|月))/g, (m) => {
      const n = chineseNumber(m);
      return n === null ? m : String(n);
    });
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一..九十九; anything else is left as text so it fails loudly rather than misreads. */
function chineseNumber(s: string): number | null {
  const digit = (c: string | undefined) => (c === undefined ? undefined : DIGITS[c]);
  if (s.length === 1 && s !== '十') return digit(s) ?? null;
  const m = /^([^十]?)十([^十]?)$/.exec(s);
  if (!m) return null;
  const tens = m[1] ? digit(m[1]) : 1;
  const ones = m[2] ? digit(m[2]) : 0;
  if (tens === undefined || ones === undefined || tens === 0) return null;
  return tens * 10 + ones;
}

function splitClauses(s: string): string[] {
  return s
    .replace(/其中[,:]/g, '其中') // "其中，…" belongs to the clause that follows
    .split(/[,;。]/)
    .filter((c) => c.length > 0);
}

/** Drops the verb tail ("予以公开", "内") that carries no timing information. */
function stripTail(s: string): string {
  return s.replace(/(?:予以|进行)?(?:公开|公示|发布)$/, '').replace(/(?:以内|之内|内)$/, '');
}

function parseKeyword(clause: string): TimeRule | null {
  if (clause === '同上' || clause === '同') return { kind: 'same_as_above' };
  switch (stripTail(clause)) {
    case '实时':
      return { kind: 'realtime' };
    case '及时':
      return { kind: 'prompt' };
    case '永久':
    case '长期':
      return { kind: 'permanent' };
    default:
      return null;
  }
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function parseAnnualDate(clause: string): TimeRule | null {
  const m = /^每年(\d{1,2})月(\d{1,2})日(?:前|之前|以前)?$/.exec(stripTail(clause));
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const max = DAYS_IN_MONTH[month - 1];
  if (max === undefined || day < 1 || day > max) return null;
  return { kind: 'annual_date', month, day };
}

function parsePeriod(clause: string): PeriodRule | null {
  const m = /^(\D*)(\d{1,3})个?(工作日|自然日|日|天)$/.exec(stripTail(clause));
  if (!m) return null;
  const n = Number(m[2]);
  if (n < 1 || n > MAX_N) return null;
  const event = parseEvent(m[1] ?? '');
  if (event === null) return null;
  return { kind: 'period', unit: m[3] === '工作日' ? 'workday' : 'day', n, event };
}

// Anchored on both ends so an unknown trigger ("收到申请之日起") stays unparsed
// instead of being mistaken for a known one.
const EVENT_PATTERNS: ReadonlyArray<readonly [RegExp, TimeEvent]> = [
  [/^(?:该?信息)?形成(?:或变更)?$/, 'formation_or_change'],
  [/^(?:制定|制作)或获取(?:该|相关)?信息$/, 'made_or_obtained'],
  [/^(?:作出|做出)(?:行政)?决定$/, 'decision'],
  [/^(?:本级)?(?:人民代表大会|人大)(?:或其(?:常务委员会|常委会))?批准$/, 'approval'],
  [/^批准$/, 'approval'],
  [/^(?:本级)?(?:政府)?(?:本级)?财政部门批复$/, 'budget_reply'],
  [/^批复$/, 'budget_reply'],
];

function parseEvent(phrase: string): TimeEvent | null {
  let p = phrase
    .replace(/(?:之日)?(?:起|以后|之后|后)?$/, '') // 之日起 / 起 / 后 all mean "counting from"
    .replace(/^(?:应当|应)?(?:自|从|于|在)?/, '');
  // "部门预算经本级财政部门批复": the subject before 经 does not change the trigger.
  const via = p.lastIndexOf('经');
  if (via >= 0) p = p.slice(via + 1);
  if (p === '') return 'unspecified';
  for (const [re, event] of EVENT_PATTERNS) if (re.test(p)) return event;
  return null;
}

/** Applies "公示N个工作日" and "其中…" clauses; null if any clause is unreadable. */
function attachFollowUps(main: PeriodRule, clauses: string[]): PeriodRule | null {
  let rule: PeriodRule = main;
  for (const clause of clauses) {
    const publicity = parsePublicity(clause);
    if (publicity !== null) {
      if (rule.publicityWorkdays !== undefined) return null;
      rule = { ...rule, publicityWorkdays: publicity };
      continue;
    }
    const exception = parseException(clause);
    if (!exception) return null;
    rule = { ...rule, exceptions: [...(rule.exceptions ?? []), exception] };
  }
  return rule;
}

function parsePublicity(clause: string): number | null {
  const m = /^(?:并|再|然后|后)?(?:予以)?公示(?:期)?(?:为)?(\d{1,3})个?工作日$/.exec(clause);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= MAX_N ? n : null;
}

function parseException(clause: string): PeriodRule | null {
  const body = clause.replace(/^其中/, '');
  const scoped = /^(.+?)(?:应当|应|须|需)(.+)$/.exec(body);
  if (scoped && scoped[1] && scoped[2]) {
    const rule = parsePeriod(scoped[2]);
    return rule ? { ...rule, appliesTo: scoped[1] } : null;
  }
  // Only a clause introduced by 其中 is clearly a carve-out; anything else is unknown.
  return body !== clause ? parsePeriod(body) : null;
}

const EVENT_LABELS: Record<TimeEvent, string> = {
  formation_or_change: '信息形成或变更',
  made_or_obtained: '制作或获取信息',
  decision: '作出决定',
  approval: '人大或其常委会批准',
  budget_reply: '财政部门批复',
  unspecified: '',
};

/** A short Chinese description of the rule, e.g. "信息形成或变更之日起 20 个工作日内". */
export function describeTimeRule(rule: TimeRule): string {
  switch (rule.kind) {
    case 'period':
      return describePeriod(rule);
    case 'realtime':
      return '实时公开';
    case 'prompt':
      return '及时公开';
    case 'permanent':
      return '长期公开';
    case 'annual_date':
      return `每年 ${rule.month} 月 ${rule.day} 日前`;
    case 'same_as_above':
      return '同上一条';
    case 'unparsed':
      return '无法识别，需人工确认';
    default:
      return assertNever(rule);
  }
}

function describePeriod(rule: PeriodRule): string {
  const label = EVENT_LABELS[rule.event];
  const span = rule.unit === 'workday' ? `${rule.n} 个工作日内` : `${rule.n} 日内`;
  let s = label ? `${label}之日起 ${span}` : span;
  if (rule.appliesTo) s = `${rule.appliesTo}：${s}`;
  if (rule.publicityWorkdays !== undefined) s += `，公示 ${rule.publicityWorkdays} 个工作日`;
  for (const e of rule.exceptions ?? []) s += `；其中${describeTimeRule(e)}`;
  return s;
}

function assertNever(x: never): never {
  throw new Error(`unhandled time rule: ${JSON.stringify(x)}`);
}
