import type { FileHints } from './result.js';

/**
 * Whether an uploaded catalogue belongs where it is imported. A file says which domain and which
 * agency it is for in its file name, its sheet's name, its title rows (the exported title is
 * "城关镇社会救助领域基层政务公开标准目录（第1版）") or a 领域 column. A file that names another domain
 * or another agency — and not this one — is refused; a file that names neither is accepted, and
 * the preview says what was assumed.
 */
export type KnownNames = {
  domains: { id: number; name: string; aliases?: readonly string[] }[];
  agencies: { id: number; name: string; parentId: number | null }[];
};

/** The catalog the file goes into; agencyId null for a domain's template (any office may have typed it). */
export type ImportTarget = { domainId: number; agencyId: number | null; filename: string };

export type Verdict = 'matched' | 'assumed';
export type Provenance =
  | { ok: true; domain: Verdict; agency: Verdict | null; lines: string[] }
  | { ok: false; message: string };

type Source = { where: string; text: string };

/** Excel and WPS name a new sheet so; such a name says nothing about the file. */
const DEFAULT_SHEET = /^(sheet|工作表)\s*\d*$/i;

function sourcesOf(h: FileHints, filename: string): Source[] {
  const out: Source[] = [];
  const base = filename.replace(/\.(xlsx|xls|csv)$/i, '').trim();
  if (base) out.push({ where: `文件名「${filename}」`, text: base });
  if (h.sheetName && !DEFAULT_SHEET.test(h.sheetName.trim())) out.push({ where: `工作表名「${h.sheetName}」`, text: h.sheetName });
  if (h.titleLines.length) out.push({ where: `标题「${h.titleLines.join(' ').slice(0, 80)}」`, text: h.titleLines.join('\n') });
  const byValue = new Map<string, number[]>();
  for (const c of h.domainCells) byValue.set(c.value, [...(byValue.get(c.value) ?? []), c.row]);
  for (const [value, rows] of byValue) {
    const at = rows.length > 3 ? `第 ${rows.slice(0, 3).join('、')} 等行` : `第 ${rows.join('、')} 行`;
    out.push({ where: `「领域」列（${at}）「${value}」`, text: value });
  }
  return out;
}

/** Names an agency goes by in a title: 城关镇人民政府 → 城关镇, 县教育局 → 教育局 (inside 示范县教育局). */
function agencyAliases(name: string): string[] {
  const out = new Set([name]);
  const short = name.replace(/(人民政府|办事处)$/, '');
  if (short.length >= 2) out.add(short);
  const noCounty = name.replace(/^县/, '');
  if (noCounty !== name && noCounty.length >= 3) out.add(noCounty);
  return [...out];
}

const named = <T extends { id: number }>(text: string, list: T[], names: (x: T) => readonly string[]): Set<number> =>
  new Set(list.filter((x) => names(x).some((n) => n.length >= 2 && text.includes(n))).map((x) => x.id));

const quoteNames = (ids: Iterable<number>, byId: Map<number, string>) => [...ids].map((id) => `「${byId.get(id)}」`).join('、');

export function checkProvenance(hints: FileHints, target: ImportTarget, known: KnownNames): Provenance {
  const domainName = new Map(known.domains.map((d) => [d.id, d.name]));
  const agencyName = new Map(known.agencies.map((a) => [a.id, a.name]));
  const parent = new Map(known.agencies.map((a) => [a.id, a.parentId]));
  const ancestors = new Set<number>();
  for (let p = target.agencyId != null ? parent.get(target.agencyId) : null; p != null; p = parent.get(p)) ancestors.add(p);

  const sources = sourcesOf(hints, target.filename);
  const domainHits: Source[] = [];
  const agencyHits: Source[] = [];
  const onlyAncestors: Source[] = [];
  const wrongDomains = new Set<number>();
  const wrongAgencies = new Set<number>();
  const wrongWhere: string[] = [];

  for (const s of sources) {
    const ds = named(s.text, known.domains, (d) => [d.name, ...(d.aliases ?? [])]);
    let wrong = false;
    if (ds.size) {
      if (ds.has(target.domainId)) domainHits.push(s);
      else {
        wrong = true;
        for (const d of ds) wrongDomains.add(d);
      }
    }
    if (target.agencyId != null) {
      const as = named(s.text, known.agencies, (a) => agencyAliases(a.name));
      // 示范县 inside 示范县城关镇… names the county too; only agencies other than this one and its parents count against the file.
      const others = [...as].filter((a) => a !== target.agencyId && !ancestors.has(a));
      if (as.has(target.agencyId)) agencyHits.push(s);
      else if (others.length) {
        wrong = true;
        for (const a of others) wrongAgencies.add(a);
      } else if (as.size) onlyAncestors.push(s);
    }
    if (wrong) wrongWhere.push(s.where);
  }

  const targetDomain = `「${domainName.get(target.domainId)}」`;
  const targetAgency = target.agencyId != null ? `「${agencyName.get(target.agencyId)}」` : '';
  if (wrongDomains.size || wrongAgencies.size) {
    const said = [
      wrongDomains.size ? `属于${quoteNames(wrongDomains, domainName)}领域` : '',
      wrongAgencies.size ? `是${quoteNames(wrongAgencies, agencyName)}的目录` : '',
    ].filter(Boolean).join('、');
    const into = target.agencyId != null ? `${targetAgency}的${targetDomain}领域目录` : `${targetDomain}领域的标准模板`;
    return {
      ok: false,
      message: `文件与要导入的目录不符：文件标明${said}（见${wrongWhere.join('；')}），而这里是${into}。为免替换错目录，未导入任何内容，已有事项保持不变。如确需使用这份文件，请先改正文件名和标题。`,
    };
  }

  const where = (hits: Source[]) => hits.map((s) => s.where.replace(/「.*$/s, '')).join('、');
  const lines = [
    domainHits.length
      ? `领域：文件标明${targetDomain}（见${where(domainHits)}），与本目录一致。`
      : `领域：文件未标明领域，按本目录的${targetDomain}领域导入（推定，请核对）。`,
  ];
  let agency: Verdict | null = null;
  if (target.agencyId != null) {
    agency = agencyHits.length ? 'matched' : 'assumed';
    lines.push(
      agencyHits.length
        ? `机构：文件标明${targetAgency}（见${where(agencyHits)}），与本目录一致。`
        : onlyAncestors.length
          ? `机构：文件只标明了上级机构，未标明本机构，按${targetAgency}导入（推定，请核对）。`
          : `机构：文件未标明机构，按${targetAgency}导入（推定，请核对）。`,
    );
  }
  return { ok: true, domain: domainHits.length ? 'matched' : 'assumed', agency, lines };
}
