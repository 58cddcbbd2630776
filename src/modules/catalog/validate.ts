import { z } from 'zod';
import { invalid } from '../../core/errors.js';
import { STANDARD_CHANNELS, type CatalogItemInput } from './types.js';

const text = (label: string, max: number, required = true) => {
  const base = z.string({ error: `${label}必须是文字` }).trim().max(max, `${label}不能超过 ${max} 个字符`);
  return required ? base.min(1, `请填写${label}`) : base;
};

export const CatalogItemSchema = z
  .object({
    level1: text('一级事项', 200),
    level2: text('二级事项', 200),
    level3: text('三级事项', 200, false).nullish().transform((v) => v || null),
    itemCode: text('事项编码', 50, false).nullish().transform((v) => v || null),
    content: text('公开内容（要素）', 4000),
    basis: text('公开依据', 4000, false),
    timeLimitText: text('公开时限', 500),
    subject: text('公开主体', 500),
    channels: z.array(z.enum(STANDARD_CHANNELS, { error: '公开渠道不在标准清单中' })).max(STANDARD_CHANNELS.length),
    otherChannels: z.array(text('其他渠道', 100)).max(20, '其他渠道最多 20 个'),
    audiencePublic: z.boolean(),
    audienceSpecific: z.boolean(),
    modeActive: z.boolean(),
    modeOnRequest: z.boolean(),
    levels: z.array(z.enum(['county', 'township', 'village'], { error: '公开层级只能是县级、乡级或村级' })).max(3),
  })
  // Runs even when a field above failed (an unknown channel, say), so every problem is reported in
  // one pass; the value may then be partly invalid, hence the checks on its shape.
  .superRefine((v, ctx) => {
    const count = (x: unknown) => (Array.isArray(x) ? x.length : 0);
    if (v.audiencePublic !== true && v.audienceSpecific !== true) ctx.addIssue({ code: 'custom', path: ['audiencePublic'], message: '公开对象至少选择一项（全社会或特定群体）' });
    if (v.modeActive !== true && v.modeOnRequest !== true) ctx.addIssue({ code: 'custom', path: ['modeActive'], message: '公开方式至少选择一项（主动或依申请）' });
    if (count(v.channels) + count(v.otherChannels) === 0) ctx.addIssue({ code: 'custom', path: ['channels'], message: '公开渠道和载体至少选择一项' });
  }, { when: () => true });

export type Problem = { field: string; message: string };

/** Throws one invalid_input error listing every problem in Chinese, each with its field; nothing when there is none. */
export function refuse(problems: Problem[]): void {
  if (problems.length) throw invalid(problems.map((p) => p.message).join('；'), problems);
}

/** Validates an item; throws an invalid_input error listing every problem in Chinese. */
export function parseItem(input: unknown): CatalogItemInput {
  const r = CatalogItemSchema.safeParse(input);
  if (!r.success) refuse(r.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  const data = r.data!;
  return { ...data, levels: [...new Set(data.levels)], channels: [...new Set(data.channels)] };
}

/** A domain added beyond the 26: its name and its code (for URLs), both checked in one pass. */
export function parseDomain(input: { name: string; code: string }): { name: string; code: string } {
  const name = input.name.trim();
  const code = input.code.trim().toLowerCase();
  const problems: Problem[] = [];
  if (name.length < 2 || name.length > 50) problems.push({ field: 'name', message: '领域名称须为 2–50 个字符。' });
  if (!/^[a-z][a-z0-9-]{1,49}$/.test(code)) problems.push({ field: 'code', message: '领域代码须为 2–50 位小写字母、数字或连字符，以字母开头（用于网址）。' });
  refuse(problems);
  return { name, code };
}
