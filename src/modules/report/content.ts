import type { Table2, Table3, Table4 } from './tables.js';

/** The three sections staff write; 二、三、四 are the tables. */
export type Sections = { overview: string; problems: string; otherMatters: string };
export type ReportTables = { t2: Table2; t3: Table3; t4: Table4 };

/** Everything a report page, the DOCX and the XLSX show: computed live for a draft, frozen once published. */
export type ReportContent = {
  year: number;
  agencyId: number;
  agencyName: string;
  /** The county's report, aggregating every agency under the county government. */
  county: boolean;
  /** A city's or province's own report (its government and departments; the governments below report on their own). Absent in snapshots before it. */
  upperLevel?: 'city' | 'province';
  sections: Sections;
  tables: ReportTables;
  /** ISO time of publication; null while a draft. */
  publishedAt: string | null;
};

/** What publication stores: the content as it was, never recomputed. */
export type ReportSnapshot = ReportContent & { version: 1 };

export const reportTitle = (c: Pick<ReportContent, 'agencyName' | 'year'>): string => `${c.agencyName}${c.year}年政府信息公开工作年度报告`;

/** What a government's report covers, and for a city or province who reports apart (null for a department's or a township's own report). */
function coverageParts(c: Pick<ReportContent, 'county' | 'upperLevel'>): { covers: string; apart: string | null } | null {
  if (c.county) return { covers: '本县人民政府及所属各部门、乡镇（街道）', apart: null };
  if (c.upperLevel === 'city') return { covers: '本市人民政府及所属各部门', apart: '各县（市、区）另行发布本级年度报告' };
  if (c.upperLevel === 'province') return { covers: '本省人民政府及所属各部门', apart: '各市、县另行发布本级年度报告' };
  return null;
}

/** The 统计范围 line of a government's report (null for a department's or a township's own report). */
export const reportCoverage = (c: Pick<ReportContent, 'county' | 'upperLevel'>): string | null => {
  const p = coverageParts(c);
  return p ? p.covers + (p.apart ? `（${p.apart}）` : '') : null;
};

/** The opening paragraph reports carry before section 一 (basis, period, and for a government's report what it covers). */
export function reportPreface(c: Pick<ReportContent, 'year' | 'county' | 'upperLevel'>): string {
  const p = coverageParts(c);
  return `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。本报告中所列数据的统计期限自${c.year}年1月1日起至${c.year}年12月31日止。` +
    (p ? `本报告汇总${p.covers}的数据${p.apart ? `，${p.apart}` : ''}。` : '');
}

/**
 * A writing hint for the editor inside the text, e.g. the prompt's “（未收取的写 0 元）”: a
 * bracketed instruction (…的写…, …的填…, 请填写…, 请写明…, 填写说明…). It is never published.
 */
export const WRITING_HINT = /[ \t\u3000]*[（(][^（）()\n]*?(?:的写|的填|请填写|请写明|请填|请写|填写说明|编写说明)[^（）()\n]*?[）)]/g;

/** Section text without the editor's writing hints, as it appears in every published rendering. */
export const publishedText = (text: string): string => text.replace(WRITING_HINT, '');

/** Section text as paragraphs (staff separate them with line breaks), writing hints removed. */
export const paragraphs = (text: string): string[] => publishedText(text).split(/\n+/).map((p) => p.trim()).filter(Boolean);
