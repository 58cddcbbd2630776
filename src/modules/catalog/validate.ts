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
    levels: z.array(z.enum(['county', 'township', 'village'])).max(3),
  })
  .refine((v) => v.audiencePublic || v.audienceSpecific, { message: '公开对象至少选择一项（全社会或特定群体）', path: ['audiencePublic'] })
  .refine((v) => v.modeActive || v.modeOnRequest, { message: '公开方式至少选择一项（主动或依申请）', path: ['modeActive'] })
  .refine((v) => v.channels.length + v.otherChannels.length > 0, { message: '公开渠道和载体至少选择一项', path: ['channels'] });

/** Validates an item; throws an invalid_input error listing every problem in Chinese. */
export function parseItem(input: unknown): CatalogItemInput {
  const r = CatalogItemSchema.safeParse(input);
  if (!r.success) {
    const details = r.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    throw invalid(details.map((d) => d.message).join('；'), details);
  }
  return { ...r.data, levels: [...new Set(r.data.levels)], channels: [...new Set(r.data.channels)] };
}
