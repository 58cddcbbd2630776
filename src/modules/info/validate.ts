import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';
import { invalid } from '../../core/errors.js';
import { ALL_KINDS, docNumberProblem, THEME_VALUES } from './metadata.js';
import { isWordHtml, normaliseWordHtml } from './word.js';

const EMPTY_DROPPED = new Set(['p', 'span', 'strong', 'em', 'u', 'h2', 'h3', 'h4', 'blockquote', 'sup', 'sub']);
// Spaces around block tags are source layout, not text.
const BLOCK_SPACE = /\s*(<\/?(?:p|br|h[2-4]|ul|ol|li|table|thead|tbody|tr|td|th|blockquote)\b[^>]*>)\s*/g;
const heading = (to: string) => () => ({ tagName: to, attribs: {} });

/**
 * Rich text from the editor, a Word paste or a converted .docx, reduced to the markup a government
 * document needs: the one gate every body passes before it is stored. Word's HTML is first put in
 * plain tags (word.ts); then styles, classes, `<o:p>`, comments, scripts and everything not listed
 * here go, `<b>`/`<i>` become `<strong>`/`<em>`, headings start at `<h2>` and empty paragraphs drop.
 */
export function sanitiseBody(html: string): string {
  const clean = sanitizeHtml(isWordHtml(html) ? normaliseWordHtml(html) : html, {
    allowedTags: ['p', 'br', 'h2', 'h3', 'h4', 'strong', 'em', 'u', 'ol', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'blockquote', 'a', 'sup', 'sub'],
    allowedAttributes: { a: ['href'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan', 'scope'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'xml', 'head'],
    transformTags: {
      b: 'strong', i: 'em', h1: heading('h2'), h5: heading('h4'), h6: heading('h4'),
    },
    exclusiveFilter: (frame) => EMPTY_DROPPED.has(frame.tag) && !frame.text.trim() && !frame.mediaChildren.length,
  });
  return clean
    // A link left without a safe href, or a bookmark (Word's <a name="_Toc…">), is no link; its text stays.
    .replace(/<a>([\s\S]*?)<\/a>/g, '$1')
    // A table cell of one paragraph (as Word writes every cell) is that paragraph's text.
    .replace(/<(td|th)([^>]*)>\s*<p>((?:(?!<\/?p>)[\s\S])*)<\/p>\s*<\/\1>/g, '<$1$2>$3</$1>')
    // One block a line, so the HTML in the editor box can be read.
    .replace(BLOCK_SPACE, '$1')
    .replace(/(<\/(?:p|h[2-4]|table|ul|ol|blockquote|tr)>)(?=<[a-z])/g, '$1\n')
    .trim();
}

/** Plain text typed into a textarea becomes paragraphs; markup is kept only if it survives sanitising. */
export function bodyFromText(text: string): string {
  if (/<\/?(p|br|h[1-6]|ul|ol|table)\b/i.test(text)) return sanitiseBody(text);
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
    /** 不予公开: the negative-list entry cited (checked against the list by the service) and the article. */
    negEntryId: z.union([z.string(), z.number()]).transform((v) => String(v).trim()).default(''),
    negArticle: z.string().trim().max(100, '所引条款不能超过 100 个字符').default(''),
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
  // Runs even when a field above failed, so that every problem is reported in one pass; the value
  // may then be partly invalid.
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const s = (x: unknown) => (typeof x === 'string' ? x.trim() : '');
    // 不予公开 rests on an entry of the negative list (its text becomes the ground); 依申请公开 keeps a free-text ground.
    if (v.disclosure === 'on_request' && !s(v.disclosureGround)) issue('disclosureGround', '依申请公开须写明依据（条例条款）');
    if (v.disclosure === 'not_public' && !s(v.negEntryId)) issue('negEntryId', '不予公开须从负面清单中选择依据事项（本单位或本级政府已发布的负面清单）');
    const docNumber = s(v.docNumber);
    if (docNumber && docNumber.length <= 50) {
      const problem = docNumberProblem(docNumber);
      if (problem) issue('docNumber', problem);
    }
    const written = s(v.writtenDate);
    const formed = s(v.formedDate);
    if (/^\d{4}-\d{2}-\d{2}$/.test(written) && /^\d{4}-\d{2}-\d{2}$/.test(formed) && written > formed) issue('formedDate', '信息形成日期不能早于成文日期');
  }, { when: () => true });

export type DraftInput = z.input<typeof DraftSchema>;
export type Draft = Omit<z.output<typeof DraftSchema>, 'qa'> & { qa: QaPair[]; bodyHtml: string };

/** The draft's fields checked together, 简明问答 included; every problem is reported at once, each with its field. */
export function parseDraft(input: unknown): Draft {
  const r = DraftSchema.safeParse(input);
  const qa = parseQa(String((input as { qa?: unknown } | null)?.qa ?? ''));
  const details = r.success ? [] : r.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message }));
  if ('problem' in qa && !details.some((d) => d.field === 'qa')) details.push({ field: 'qa', message: qa.problem });
  if (details.length || !r.success || 'problem' in qa) throw invalid([...new Set(details.map((d) => d.message))].join('；'), details);
  return { ...r.data, qa: qa.pairs, bodyHtml: bodyFromText(r.data.body) };
}

/** A draft error's messages by field (the first for each), for showing each beside its control. */
export function fieldProblems(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(details)) for (const d of details as { field?: unknown; message?: unknown }[]) if (typeof d?.field === 'string' && d.field && typeof d.message === 'string') out[d.field] ??= d.message;
  return out;
}
