import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';
import { invalid } from '../../core/errors.js';
import { ALL_KINDS, docNumberProblem, THEME_VALUES } from './metadata.js';

/** Rich text from the editor, reduced to the markup a government document needs. */
export function sanitiseBody(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'h2', 'h3', 'h4', 'strong', 'em', 'u', 'ol', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'blockquote', 'a', 'span', 'sup', 'sub'],
    allowedAttributes: { a: ['href'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan', 'scope'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    disallowedTagsMode: 'discard',
  });
}

/** Plain text typed into a textarea becomes paragraphs; markup is kept only if it survives sanitising. */
export function bodyFromText(text: string): string {
  if (/<\/?(p|br|h[2-4]|ul|ol|table)\b/i.test(text)) return sanitiseBody(text);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text.split(/\r?\n\s*\r?\n|\r?\n/).map((p) => p.trim()).filter(Boolean).map((p) => `<p>${esc(p)}</p>`).join('');
}

export type QaPair = { q: string; a: string };

/**
 * 简明问答 typed as lines beginning 问：/答： (half-width colons and Q:/A: too); a line without a
 * prefix continues the one before. Returns the pairs, or what is wrong in Chinese.
 */
export function parseQa(text: string): { pairs: QaPair[] } | { problem: string } {
  const pairs: QaPair[] = [];
  let cur: 'q' | 'a' | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(问|答|Q|A)\s*[：:]\s*(.*)$/i.exec(line);
    if (m) {
      const isQ = m[1] === '问' || m[1]!.toUpperCase() === 'Q';
      if (isQ) {
        if (cur === 'q') return { problem: `问题“${pairs.at(-1)!.q.slice(0, 20)}”缺少回答（以“答：”开头）。` };
        pairs.push({ q: m[2]!, a: '' });
        cur = 'q';
      } else {
        if (cur !== 'q') return { problem: '每个回答（答：）前须有一个问题（问：）。' };
        pairs.at(-1)!.a = m[2]!;
        cur = 'a';
      }
    } else if (cur) {
      const p = pairs.at(-1)!;
      p[cur] = p[cur] ? `${p[cur]}\n${line}` : line;
    } else {
      return { problem: '简明问答请以“问：”开头。' };
    }
  }
  if (cur === 'q') return { problem: `问题“${pairs.at(-1)!.q.slice(0, 20)}”缺少回答（以“答：”开头）。` };
  if (pairs.some((p) => !p.q || !p.a)) return { problem: '问题和回答都不能为空。' };
  if (pairs.length > 30) return { problem: '简明问答最多 30 组。' };
  if (pairs.some((p) => p.q.length > 500 || p.a.length > 3000)) return { problem: '每个问题不超过 500 字，每个回答不超过 3000 字。' };
  return { pairs };
}

export const qaText = (pairs: QaPair[]): string => pairs.map((p) => `问：${p.q}\n答：${p.a}`).join('\n\n');

const isoDate = (label: string) =>
  z.string().trim().refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '1949-10-01' && s <= '2100-12-31';
  }, `${label}不是有效日期（格式如 2026-03-01）`);

export const DraftSchema = z
  .object({
    title: z.string().trim().min(2, '请填写名称').max(300, '名称不能超过 300 个字符'),
    kind: z.string().refine((k) => ALL_KINDS.includes(k), '请选择公文种类'),
    theme: z.string().refine((t) => THEME_VALUES.includes(t), '请选择主题分类'),
    assembly: z.string().trim().min(1, '请选择组配分类').max(50, '组配分类不能超过 50 个字符'),
    docNumber: z.string().trim().max(50, '文号不能超过 50 个字符').transform((v) => v || null),
    writtenDate: isoDate('成文日期'),
    formedDate: isoDate('信息形成日期'),
    regulatory: z.boolean(),
    statutoryItem: z.number().int().min(1, '条例第二十条事项不正确').max(15, '条例第二十条事项不正确').nullable().default(null),
    body: z.string().max(200_000, '正文过长（最多 20 万字符）'),
    disclosure: z.enum(['active', 'on_request', 'not_public'], { error: '请选择公开属性' }),
    disclosureGround: z.string().trim().max(1000, '理由不能超过 1000 个字符'),
    catalogItemKeys: z.array(z.string().uuid('对应的目录事项不正确')).max(20, '最多对应 20 个目录事项'),
    changeNote: z.string().trim().max(2000, '修订说明不能超过 2000 个字符').default(''),
    minorChange: z.boolean().default(false),
    qa: z.string().max(100_000, '简明问答过长').default(''),
    mediaUrl: z
      .string()
      .trim()
      .max(500, '音视频链接不能超过 500 个字符')
      .default('')
      .refine((u) => !u || (/^https?:\/\/[^\s<>"]+$/i.test(u) && URL.canParse(u)), '音视频链接应为 http:// 或 https:// 开头的网址')
      .transform((u) => u || null),
  })
  .refine((v) => v.disclosure === 'active' || v.disclosureGround.length > 0, { message: '依申请公开或不予公开须写明依据（条例条款）', path: ['disclosureGround'] })
  .refine((v) => !v.docNumber || docNumberProblem(v.docNumber) === null, { message: '文号格式不正确', path: ['docNumber'] })
  .refine((v) => v.writtenDate <= v.formedDate, { message: '信息形成日期不能早于成文日期', path: ['formedDate'] });

export type DraftInput = z.input<typeof DraftSchema>;
export type Draft = Omit<z.output<typeof DraftSchema>, 'qa'> & { qa: QaPair[]; bodyHtml: string };

export function parseDraft(input: unknown): Draft {
  const r = DraftSchema.safeParse(input);
  if (!r.success) {
    const details = r.error.issues.map((i) => ({
      field: i.path.join('.'),
      message: i.path[0] === 'docNumber' && i.message === '文号格式不正确' ? docNumberProblem(String((input as { docNumber?: string }).docNumber ?? '')) ?? i.message : i.message,
    }));
    throw invalid(details.map((d) => d.message).join('；'), details);
  }
  const qa = parseQa(r.data.qa);
  if ('problem' in qa) throw invalid(qa.problem, [{ field: 'qa', message: qa.problem }]);
  return { ...r.data, qa: qa.pairs, bodyHtml: bodyFromText(r.data.body) };
}
