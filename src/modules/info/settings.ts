import { eq } from 'drizzle-orm';
import { requireTopGovernment } from '../../core/org/scope.js';
import { requireRole } from '../../core/auth/actor.js';
import { recordAudit } from '../../core/audit/service.js';
import { auditActor, type Ctx } from '../../core/context.js';
import { invalid } from '../../core/errors.js';
import type { Exec } from '../../db/client.js';
import { ALL_KINDS, ASSEMBLY_DEFAULTS, INTERPRETATION_KIND } from './metadata.js';
import { infoSettings } from './schema.js';

export type InfoSettings = { indexRule: string; assemblies: string[]; interpretationKinds: string[] };

/** 前段码/年份-五位序号, the rule most county sites use (reference: catalog-and-metadata-standards). */
export const DEFAULT_INDEX_RULE = '{code}/{year}-{serial:5}';
export const DEFAULT_SETTINGS: InfoSettings = { indexRule: DEFAULT_INDEX_RULE, assemblies: ASSEMBLY_DEFAULTS, interpretationKinds: [] };

const TOKEN = /\{(code|year|serial)(?::(\d))?\}/g;

/**
 * Null when the 索引号 rule is usable, else why not. A rule must carry the agency code, the year and
 * the serial: the serial counts per agency and year, so without all three two documents could get
 * the same number.
 */
export function indexRuleProblem(rule: string): string | null {
  if (!rule || rule.length > 60) return '索引号规则不能为空，且不超过 60 个字符。';
  const literal = rule.replace(TOKEN, '');
  if (/[{}]/.test(literal)) return '索引号规则只能使用 {code}、{year}、{serial} 或 {serial:位数} 这几个占位符。';
  if (!/^[A-Za-z0-9/\-_.]*$/.test(literal)) return '索引号规则中的分隔符只能是字母、数字或 / - _ .';
  const tokens = [...rule.matchAll(TOKEN)].map((m) => m[1]);
  for (const t of ['code', 'year', 'serial']) {
    if (tokens.filter((x) => x === t).length !== 1) return `索引号规则须包含且只包含一次 {${t}}，以保证索引号唯一。`;
  }
  const width = /\{serial:(\d)\}/.exec(rule)?.[1];
  if (width && (Number(width) < 3 || Number(width) > 8)) return '序号位数应在 3 到 8 之间。';
  return null;
}

/** The 索引号 of the serial-th document of an agency in a year under the site's rule. */
export function formatIndexNumber(rule: string, code: string, year: number, serial: number): string {
  return rule.replace(TOKEN, (_m, name: string, width?: string) =>
    name === 'code' ? code : name === 'year' ? String(year) : String(serial).padStart(Number(width ?? 1), '0'),
  );
}

export async function getInfoSettings(db: Exec): Promise<InfoSettings> {
  const [row] = await db.select().from(infoSettings).where(eq(infoSettings.id, 1));
  return row ? { indexRule: row.indexRule, assemblies: row.assemblies, interpretationKinds: row.interpretationKinds } : DEFAULT_SETTINGS;
}

/** Lines of a textarea as a clean list: trimmed, no blanks, no repeats. */
const lines = (s: string) => [...new Set(s.split(/\r?\n/).map((x) => x.trim()).filter(Boolean))];

/** The disclosure office (or an administrator) changes the site's rules; audited with before and after. */
export async function updateInfoSettings(ctx: Ctx, input: { indexRule: string; assemblies: string; interpretationKinds: string[] }): Promise<InfoSettings> {
  const actor = requireTopGovernment(requireRole(ctx.actor, 'office', 'admin'));
  // Every problem at once, each with its field.
  const problems: { field: string; message: string }[] = [];
  const indexRule = input.indexRule.trim();
  const problem = indexRuleProblem(indexRule);
  if (problem) problems.push({ field: 'indexRule', message: problem });
  const assemblies = lines(input.assemblies);
  if (!assemblies.length) problems.push({ field: 'assemblies', message: '组配分类至少要有一项。' });
  else if (assemblies.length > 50 || assemblies.some((a) => a.length > 50)) problems.push({ field: 'assemblies', message: '组配分类最多 50 项，每项不超过 50 个字符。' });
  const interpretationKinds = [...new Set(input.interpretationKinds)];
  if (interpretationKinds.some((k) => !ALL_KINDS.includes(k) || k === INTERPRETATION_KIND)) problems.push({ field: 'interpretationKinds', message: '需要解读的公文种类不正确。' });
  if (problems.length) throw invalid(problems.map((x) => x.message).join('；'), problems);
  const next: InfoSettings = { indexRule, assemblies, interpretationKinds };
  return ctx.db.transaction(async (tx) => {
    const before = await getInfoSettings(tx);
    await tx.insert(infoSettings).values({ id: 1, ...next }).onConflictDoUpdate({ target: infoSettings.id, set: { ...next, updatedAt: new Date() } });
    await recordAudit(tx, auditActor(actor), { action: 'info.settings_updated', targetType: 'info_settings', targetId: 1, before, after: next });
    return next;
  });
}
