import { AppError, invalid } from '../../core/errors.js';
import { parseIsoDate, type IsoDate } from '../../core/calendar/dates.js';
import { FEE_BASIS_TITLE } from './fees.js';
import { isOutcome, OUTCOME_INFO, type Outcome } from './outcomes.js';

/**
 * 标准文本: the reply letter for every closing outcome. The result is plain strings (staff edit
 * it in a textarea before it goes out); HTML and DOCX rendering escape it.
 */

export type ReplyInput = {
  outcome: Outcome;
  agencyName: string;
  /** 申请编号 */
  code: string;
  applicantName: string;
  /** YYYY-MM-DD, 收到申请之日 */
  receivedOn: string;
  repliedOn: string;
  /** 申请内容 */
  content: string;
  /** Why withheld / not processed; required for withheld_*, partial and other. */
  reason?: string;
  /** partial, as one text (older cases and direct callers); prefer withheldParts. */
  withheldPart?: string;
  /**
   * partial: each withheld part with its ground (the article it rests on) and its reason. A ground
   * of null is one staff have not chosen yet: the letter then holds a placeholder.
   */
  withheldParts?: WithheldPart[];
  /** unavailable_not_held when another agency is responsible (art. 36(5)). */
  transferTo?: { name: string; contact: string };
  /** Where already-public information (or a publication) can be found. */
  howToObtain?: string;
  /** Disclosed file names. */
  attachments?: string[];
  /** 行政复议机关, default 本级人民政府 */
  reviewBody?: string;
  /** default 有管辖权的人民法院 */
  court?: string;
  /** 文号 of the letter; default 编号：{code}. */
  docNo?: string;
  /** Date under the signature: 2026年3月2日 (GB/T 9704-2012, default) or 二〇二六年三月二日. */
  dateStyle?: 'arabic' | 'hanzi';
};

/** The grounds a withheld part can rest on: those of table 3 （三）1–7, each with its article. */
export const WITHHELD_GROUNDS = ['withheld_state_secret', 'withheld_law_prohibited', 'withheld_security_stability', 'withheld_third_party', 'withheld_internal_affairs', 'withheld_process', 'withheld_enforcement_file'] as const;
export type WithheldGround = (typeof WITHHELD_GROUNDS)[number];
export const isWithheldGround = (v: unknown): v is WithheldGround => typeof v === 'string' && (WITHHELD_GROUNDS as readonly string[]).includes(v);
/** entryId: the negative-list entry the part rests on (its ground is the entry's table-3 row). */
export type WithheldPart = { content: string; ground: WithheldGround | null; reason: string; entryId?: number };
/** A part's article: 第十四条, 第十五条, 第十六条第一款 or 第十六条第二款. */
export const groundArticle = (g: WithheldGround): string => OUTCOME_INFO[g].articles[0]!;
export const GROUND_PLACEHOLDER = '（请选择不予公开的依据）';

export type ReplyDoc = {
  /** 政府信息公开申请答复书 or 政府信息公开申请告知书 */
  title: string;
  docNo: string;
  salutation: string;
  paragraphs: string[];
  /** Agency, then date. */
  closing: string[];
};

export const MAX_WITHHELD_PARTS = 20;
export const LAW = '《中华人民共和国政府信息公开条例》';
export const DEFAULT_REVIEW_BODY = '本级人民政府';
export const DEFAULT_COURT = '有管辖权的人民法院';

const TITLE_REPLY = '政府信息公开申请答复书';
const TITLE_NOTICE = '政府信息公开申请告知书';

/** 不予处理 and 其他处理 are notices (告知书); decisions on the information itself are replies (答复书). */
export const replyTitle = (o: Outcome): string => (['五', '六'].includes(OUTCOME_INFO[o].group) ? TITLE_NOTICE : TITLE_REPLY);

const HAN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const hanNumber = (n: number): string => (n < 10 ? HAN_DIGITS[n]! : `${n >= 20 ? HAN_DIGITS[Math.floor(n / 10)] : ''}十${n % 10 ? HAN_DIGITS[n % 10] : ''}`);

/** 2026-03-02 → 二〇二六年三月二日 */
export function chineseDate(d: IsoDate): string {
  const [y, m, day] = [d.slice(0, 4), Number(d.slice(5, 7)), Number(d.slice(8, 10))];
  return `${[...y].map((c) => HAN_DIGITS[Number(c)]).join('')}年${hanNumber(m)}月${hanNumber(day)}日`;
}

/** 2026-03-02 → 2026年3月2日 */
export const arabicDate = (d: IsoDate): string => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export const reasonRequired = (msg: string) => new AppError('reason_required', 400, msg);

/** One line of text: trimmed, line breaks folded, trailing punctuation dropped (the letter adds its own). */
function inline(v: unknown, label: string, max: number): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(`${label}格式不正确。`);
  const s = v
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .replace(/[。；;，,、.\s]+$/u, '');
  if (s.length > max) throw invalid(`${label}不能超过 ${max} 字。`);
  return s || undefined;
}

function required(v: unknown, label: string, max: number): string {
  const s = inline(v, label, max);
  if (!s) throw invalid(`请填写${label}。`);
  return s;
}

type Clean = {
  outcome: Outcome;
  reason?: string;
  withheldPart?: string;
  withheldParts: WithheldPart[];
  transferTo?: { name: string; contact: string };
  howToObtain?: string;
  attachments: string[];
};

const cite = (...articles: string[]) => `${LAW}${articles.join('、')}`;
const also = (reason?: string, lead = '具体说明') => (reason ? [`${lead}：${reason}。`] : []);

export const WITHHELD_GROUND: Record<WithheldGround, string> = {
  withheld_state_secret: '属于国家秘密',
  withheld_law_prohibited: '属于法律、行政法规禁止公开的政府信息',
  withheld_security_stability: '一旦公开，可能危及国家安全、公共安全、经济安全、社会稳定',
  withheld_third_party: '涉及商业秘密、个人隐私等内容，公开会对第三方合法权益造成损害',
  withheld_internal_affairs: '属于行政机关的内部事务信息',
  withheld_process: '属于行政机关在履行行政管理职能过程中形成的过程性信息',
  withheld_enforcement_file: '属于行政执法案卷信息',
};

const DEFAULT_NOT_OURS =
  '依照《中华人民共和国政府信息公开条例》第十条的规定，行政机关制作的政府信息由制作该政府信息的行政机关负责公开，从公民、法人和其他组织获取的政府信息由保存该政府信息的行政机关负责公开，本机关不是该政府信息的制作机关或者保存机关';

function attachmentList(files: string[]): string[] {
  if (!files.length) return [];
  return [`随本答复书提供的政府信息共${files.length}件：${files.map((f, i) => `${i + 1}.${f}`).join('；')}。`];
}

/** The decision paragraphs of each outcome, citing its articles. */
function decision(c: Clean): string[] {
  const { outcome: o, reason } = c;
  const arts = OUTCOME_INFO[o].articles;
  switch (o) {
    case 'disclosed': {
      const out: string[] = [];
      if (c.attachments.length || !c.howToObtain)
        out.push(`经审查，您申请公开的政府信息属于可以公开的政府信息。根据${cite('第三十六条第（二）项')}的规定，现向您提供该政府信息。`);
      if (c.howToObtain)
        out.push(
          `${c.attachments.length ? '其中已经主动公开的政府信息' : '经审查，您申请公开的政府信息已经主动公开'}，根据${cite('第三十六条第（一）项')}的规定，您可以通过以下方式、途径获取：${c.howToObtain}。`,
        );
      return [...out, ...attachmentList(c.attachments), ...also(reason, '说明')];
    }
    case 'partial': {
      const parts = c.withheldParts;
      const lead = `经审查，您申请公开的政府信息中含有不应当公开的内容，但是能够作区分处理。根据${cite(...arts)}的规定，本机关向您提供可以公开的内容，对不予公开的内容说明理由如下`;
      if (!parts.length) return [`${lead}。`, `不予公开的内容：${c.withheldPart}。不予公开的理由：${reason}。`, ...attachmentList(c.attachments)];
      return [
        `${lead}${parts.length > 1 ? `（共${parts.length}项）` : ''}：`,
        ...parts.map((p, i) => `${parts.length > 1 ? `（${hanNumber(i + 1)}）` : ''}不予公开的内容：${p.content}。不予公开的理由：${p.ground ? `该内容${WITHHELD_GROUND[p.ground]}，根据${cite(groundArticle(p.ground))}的规定不予公开` : GROUND_PLACEHOLDER}；${p.reason}。`),
        ...attachmentList(c.attachments),
      ];
    }
    case 'withheld_inquiry':
      return [
        `经审查，您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。根据${cite(...arts)}的规定，请您依照有关法律、行政法规的规定办理。`,
        ...also(reason),
        ...(c.howToObtain ? [`办理途径：${c.howToObtain}。`] : []),
      ];
    case 'withheld_state_secret':
    case 'withheld_law_prohibited':
    case 'withheld_security_stability':
    case 'withheld_third_party':
    case 'withheld_internal_affairs':
    case 'withheld_process':
    case 'withheld_enforcement_file':
      return [`经审查，您申请公开的政府信息${WITHHELD_GROUND[o as WithheldGround]}。根据${cite(...arts)}的规定，本机关决定不予公开。`, `理由如下：${reason}。`];
    case 'unavailable_not_held':
      if (c.transferTo)
        return [
          `经审查，您申请公开的政府信息不属于本机关负责公开。理由：${reason ?? DEFAULT_NOT_OURS}。`,
          `根据${cite('第三十六条第（五）项')}的规定，现告知您：负责公开该政府信息的行政机关为${c.transferTo.name}，联系方式：${c.transferTo.contact}。您可以向该行政机关提出申请。`,
        ];
      return [`根据${cite('第三十六条第（四）项')}的规定，现告知您：经检索，本机关未制作、获取您申请公开的政府信息，该政府信息不存在。`, ...also(reason)];
    case 'unavailable_needs_creation':
      return [
        `经审查，本机关没有您所申请的现成信息，需要对现有政府信息进行加工、分析方可形成。根据${cite(...arts)}的规定，行政机关向申请人提供的信息应当是已制作或者获取的政府信息，需要对现有政府信息进行加工、分析的，可以不予提供。因此，本机关无法向您提供。`,
        ...also(reason),
      ];
    case 'unavailable_unclear':
      return [
        `本机关已依照${cite(...arts)}的规定告知您对申请内容作出补正，并说明了需要补正的事项。经审查，补正后的申请内容仍不明确，本机关无法据此确定您所申请公开的政府信息，因此无法提供。您可以在明确所需政府信息的名称、文号或者便于查询的其他特征性描述后重新提出申请。`,
        ...also(reason),
      ];
    case 'rejected_petition':
      return [
        `经审查，您以政府信息公开申请的形式提出的是信访、投诉、举报等诉求。根据${cite(...arts)}的规定，本机关不作为政府信息公开申请处理，您可以通过信访、投诉、举报等相应渠道提出。`,
        ...also(reason),
      ];
    case 'rejected_repeat':
      return [
        `经查，本机关已就您此前提出的政府信息公开申请作出答复，您本次申请公开的是相同的政府信息。根据${cite(...arts)}的规定，本机关不予重复处理。`,
        ...also(reason),
      ];
    case 'rejected_publication':
      return [
        `经审查，您申请获取的是政府公报、报刊、书籍等公开出版物。根据${cite(...arts)}的规定，现告知您获取的途径：${c.howToObtain ?? '可以通过公开发行渠道或者公共图书馆等途径获取'}。`,
        ...also(reason),
      ];
    case 'rejected_excessive':
      return [
        `您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，${reason ?? '您未说明理由或者说明的理由不合理'}。根据${cite(...arts)}的规定，本机关对您的申请不予处理。`,
      ];
    case 'rejected_confirmation':
      return [
        `经审查，您的申请内容是要求本机关对您已获取的信息予以确认或者重新出具。根据${cite(...arts)}的规定，政府信息是指行政机关在履行行政管理职能过程中制作或者获取的，以一定形式记录、保存的信息；要求行政机关确认或者重新出具已获取的信息，不属于申请获取政府信息，本机关不作为政府信息公开申请处理。`,
        ...also(reason),
      ];
    case 'other_no_supplement':
      return [
        `本机关已依照${cite(...arts)}的规定，一次性告知您作出补正，说明了需要补正的事项和合理的补正期限。您无正当理由逾期未补正，视为放弃申请，本机关不再处理您的该项政府信息公开申请。`,
        ...also(reason),
      ];
    case 'other_no_payment':
      return [
        `本机关已依照${cite(...arts)}和${FEE_BASIS_TITLE}的规定向您发出收费通知。您逾期未按收费通知要求缴纳信息处理费，本机关不再处理您的该项政府信息公开申请。`,
        ...also(reason),
      ];
    case 'other':
      return [`根据${cite(...arts)}的规定，经审查，现将对您申请的处理结果告知如下：${reason}。`];
  }
}

function groundOf(g: unknown, i: number): WithheldGround | null {
  if (g === null || isWithheldGround(g)) return g;
  throw invalid(`请选择第${i + 1}项不予公开的依据。`);
}

function clean(input: ReplyInput): Clean & { base: Required<Pick<ReplyInput, 'agencyName' | 'code' | 'applicantName' | 'receivedOn' | 'repliedOn' | 'content' | 'reviewBody' | 'court'>> } {
  if (!input || !isOutcome(input.outcome)) throw invalid('请选择办理结果。');
  const outcome = input.outcome;
  const receivedOn = parseIsoDate(input.receivedOn, '收到申请日期');
  const repliedOn = parseIsoDate(input.repliedOn, '答复日期');
  if (repliedOn < receivedOn) throw invalid('答复日期不能早于收到申请日期。');
  let attachments: string[] = [];
  if (input.attachments !== undefined) {
    if (!Array.isArray(input.attachments)) throw invalid('附件列表格式不正确。');
    if (input.attachments.length > 200) throw invalid('附件不能超过 200 件。');
    attachments = input.attachments.map((a) => inline(a, '附件名称', 200)).filter((a): a is string => !!a);
  }
  let transferTo: Clean['transferTo'];
  if (input.transferTo !== undefined && input.transferTo !== null) {
    const name = inline(input.transferTo.name, '负责公开的行政机关名称', 100);
    const contact = inline(input.transferTo.contact, '负责公开的行政机关联系方式', 200);
    if (name || contact) {
      if (!name || !contact) throw invalid('请同时填写负责公开该政府信息的行政机关名称和联系方式。');
      transferTo = { name, contact };
    }
  }
  if (input.withheldParts !== undefined && (!Array.isArray(input.withheldParts) || input.withheldParts.length > MAX_WITHHELD_PARTS)) throw invalid(`不予公开的内容最多 ${MAX_WITHHELD_PARTS} 项。`);
  const withheldParts = (input.withheldParts ?? []).map((p, i) => ({
    content: required(p?.content, `第${i + 1}项不予公开的内容`, 2000),
    ground: groundOf(p?.ground, i),
    reason: required(p?.reason, `第${i + 1}项不予公开的理由`, 2000),
  }));
  const c = {
    outcome,
    reason: inline(input.reason, '理由', 5000),
    withheldPart: inline(input.withheldPart, '不予公开的内容', 2000),
    withheldParts,
    transferTo,
    howToObtain: inline(input.howToObtain, '获取方式、途径', 2000),
    attachments,
    base: {
      agencyName: required(input.agencyName, '答复机关名称', 100),
      code: required(input.code, '申请编号', 64),
      applicantName: required(input.applicantName, '申请人姓名或名称', 200),
      receivedOn,
      repliedOn,
      content: required(input.content, '申请内容', 5000),
      reviewBody: inline(input.reviewBody, '行政复议机关', 100) ?? DEFAULT_REVIEW_BODY,
      court: inline(input.court, '人民法院', 100) ?? DEFAULT_COURT,
    },
  };
  if (outcome === 'partial' && withheldParts.length) {
    // Each part carries its own reason.
  } else if (outcome === 'partial') {
    if (!c.withheldPart && !c.reason) throw reasonRequired('部分公开须写明不予公开的内容及理由。');
    if (!c.withheldPart) throw reasonRequired('部分公开须写明不予公开的内容。');
    if (!c.reason) throw reasonRequired('部分公开须说明不予公开的理由。');
  } else if (OUTCOME_INFO[outcome].needsReason && !c.reason) {
    throw reasonRequired(outcome === 'other' ? '“其他处理”须写明处理结果及理由。' : `“${OUTCOME_INFO[outcome].staffLabel}”须说明理由。`);
  }
  return c;
}

/** The standard reply letter for an outcome. Throws invalid_input / invalid_date / reason_required. */
export function replyText(input: ReplyInput): ReplyDoc {
  const c = clean(input);
  const b = c.base;
  const opening = `本机关于${arabicDate(b.receivedOn)}收到您提出的政府信息公开申请（申请编号：${b.code}），申请内容为：“${b.content}”。`;
  const remedies = `如对本答复不服，可以自收到本答复之日起六十日内向${b.reviewBody}申请行政复议，或者在六个月内向${b.court}提起行政诉讼。`;
  const docNo = inline(input.docNo, '文号', 100) ?? `编号：${b.code}`;
  return {
    title: replyTitle(c.outcome),
    docNo,
    salutation: `${b.applicantName}：`,
    paragraphs: [opening, ...decision(c), remedies],
    closing: [b.agencyName, input.dateStyle === 'hanzi' ? chineseDate(b.repliedOn) : arabicDate(b.repliedOn)],
  };
}

const INDENT = '\u3000\u3000';

/** The letter as plain text, for the editable textarea and printing. */
export function replyPlainText(doc: ReplyDoc): string {
  return [doc.title, doc.docNo, '', doc.salutation, ...doc.paragraphs.map((p) => INDENT + p), '', ...doc.closing].join('\n');
}
