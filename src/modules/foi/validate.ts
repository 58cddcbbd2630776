// What an application must contain (Art. 29), checked the same way for the web form, the JSON API
// and staff registration. Every problem gets a Chinese sentence naming the field.
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { isIsoDate } from '../../core/calendar/dates.js';
import { isValidCreditCode } from '../org/credit-code.js';
import { CHANNELS } from './schema.js';

export const ORG_CATEGORIES = ['business', 'research', 'public_interest', 'legal_service', 'other_org'] as const;
export const ID_TYPES = ['居民身份证', '护照', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '外国人永久居留身份证', '其他'] as const;
export const FORMS = { paper: '纸质文本', electronic: '电子数据' } as const;
export const DELIVERIES = { post: '邮寄', email: '电子邮件', pickup: '当面领取', online: '网上获取' } as const;
export const CHANNEL_LABELS = { online: '网上申请', letter: '信函', counter: '当面提交', fax: '传真', email: '电子邮件' } as const;
/** Art. 31: which day is the day of receipt, per channel (told to staff on the registration form). */
export const RECEIPT_RULES = {
  online: '以双方确认之日为收到申请之日',
  letter: '以本机关签收之日为收到申请之日；平常信函等无需签收的，以收到当日与申请人确认之日为准',
  counter: '以提交之日为收到申请之日',
  fax: '以双方确认之日为收到申请之日',
  email: '以双方确认之日为收到申请之日',
} as const;

const text = (label: string, min: number, max: number) =>
  z.string({ error: `请填写${label}。` }).trim().min(min, min <= 1 ? `请填写${label}。` : `${label}至少 ${min} 个字。`).max(max, `${label}不能超过 ${max} 个字。`);
const optional = (label: string, max: number) =>
  z.string({ error: `${label}格式不正确。` }).trim().max(max, `${label}不能超过 ${max} 个字。`).optional().transform((v) => (v ? v : null));

/** A form's empty select (请选择) means the field was not given. */
const blankAsMissing = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

const ID_CARD = /^\d{17}[\dX]$/;
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** GB 11643: the 18th character of a resident ID number is a checksum. */
export function isValidIdCard(v: string): boolean {
  if (!ID_CARD.test(v)) return false;
  const sum = W.reduce((s, w, i) => s + w * Number(v[i]), 0);
  return '10X98765432'[sum % 11] === v[17];
}

export const ApplicationInput = z
  .object({
    agencyId: z.coerce.number({ error: '请选择受理机关。' }).int('请选择受理机关。').positive('请选择受理机关。'),
    applicantType: z.enum(['natural', 'org'], { error: '请选择申请人类型（公民或法人/其他组织）。' }),
    orgCategory: blankAsMissing(z.enum(ORG_CATEGORIES, { error: '请选择法人或其他组织的类别。' }).optional()),
    name: text('申请人姓名或名称', 1, 100),
    idType: blankAsMissing(z.enum(ID_TYPES, { error: '请选择证件类型。' }).optional()),
    idNumber: z.string({ error: '请填写证件号码。' }).trim().toUpperCase().min(1, '请填写证件号码。').max(40, '证件号码不能超过 40 个字符。'),
    contactPerson: optional('联系人', 50),
    phone: z.string({ error: '请填写联系电话。' }).trim().regex(/^[0-9+\-()\s]{7,20}$/, '联系电话应为 7–20 位数字。'),
    email: optional('电子邮箱', 100).refine((v) => v === null || /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(v), '电子邮箱格式不正确。'),
    address: optional('通信地址', 200),
    postcode: optional('邮政编码', 6).refine((v) => v === null || /^\d{6}$/.test(v), '邮政编码应为 6 位数字。'),
    content: text('所需政府信息的名称或内容描述', 5, 2000),
    docNumber: optional('文号', 100),
    purpose: optional('用途说明', 500),
    form: z.enum(['paper', 'electronic'], { error: '请选择所需信息的提供形式。' }),
    delivery: z.enum(['post', 'email', 'pickup', 'online'], { error: '请选择获取信息的方式。' }),
    submitKey: z.string().trim().max(64, '提交标识过长。').regex(/^[A-Za-z0-9_-]*$/, '提交标识格式不正确。').optional(),
  })
  // Runs even when a field above failed, so every problem is reported in one pass (the ID number's
  // checksum no longer waits until the phone number is fixed). The value may be partly invalid.
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const s = (x: unknown) => (typeof x === 'string' ? x : '');
    const idNumber = s(v.idNumber);
    if (v.applicantType === 'org') {
      if (!v.orgCategory) issue('orgCategory', '请选择法人或其他组织的类别。');
      if (idNumber && !isValidCreditCode(idNumber)) issue('idNumber', '统一社会信用代码应为 18 位且校验位正确。');
      if (!s(v.contactPerson)) issue('contactPerson', '请填写联系人姓名。');
    } else if (v.applicantType === 'natural') {
      if (!v.idType) issue('idType', '请选择证件类型。');
      else if (!idNumber) { /* already reported as missing */ }
      else if (v.idType === '居民身份证' && !isValidIdCard(idNumber)) issue('idNumber', '居民身份证号码应为 18 位且校验位正确。');
      else if (!/^[0-9A-Z()\-]{5,40}$/.test(idNumber)) issue('idNumber', '证件号码格式不正确。');
    }
    if (v.delivery === 'email' && !s(v.email)) issue('email', '选择电子邮件获取时，请填写电子邮箱。');
    if (v.delivery === 'post' && !s(v.address)) issue('address', '选择邮寄获取时，请填写通信地址。');
  }, { when: () => true });
export type ApplicationInput = z.output<typeof ApplicationInput>;

export const Registration = z.object({
  channel: z.enum(CHANNELS, { error: '请选择申请渠道。' }),
  receivedOn: z.string({ error: '请填写收到申请日期。' }).refine(isIsoDate, '收到申请日期应为有效日期（年-月-日）。'),
});

/** Parses with a zod schema and turns its issues into one AppError listing each field's problem. */
export function parseInput<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  return parseInputs(raw, schema)[0] as z.output<T>;
}

/** Parses one input with several schemas, reporting all their problems together in one pass. */
export function parseInputs<T extends z.ZodType[]>(raw: unknown, ...schemas: T): { [K in keyof T]: z.output<T[K]> } {
  const results = schemas.map((s) => s.safeParse(raw));
  const issues = results.flatMap((r) => (r.success ? [] : r.error.issues));
  if (issues.length === 0) return results.map((r) => r.data) as { [K in keyof T]: z.output<T[K]> };
  const messages = [...new Set(issues.map((i) => i.message))];
  // The first problem of each field is the one shown beside it.
  const fieldsWithErrors: Record<string, string> = {};
  for (const i of issues) fieldsWithErrors[i.path.join('.') || '_'] ??= i.message;
  throw new AppError('invalid_input', 400, messages.join('；'), { fields: fieldsWithErrors });
}

/** For repeat and popular-request detection: width, case and punctuation folded away. */
export const contentKeyOf = (s: string): string =>
  s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '').slice(0, 500);
