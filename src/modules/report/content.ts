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
  sections: Sections;
  tables: ReportTables;
  /** ISO time of publication; null while a draft. */
  publishedAt: string | null;
};

/** What publication stores: the content as it was, never recomputed. */
export type ReportSnapshot = ReportContent & { version: 1 };

export const reportTitle = (c: Pick<ReportContent, 'agencyName' | 'year'>): string => `${c.agencyName}${c.year}年政府信息公开工作年度报告`;

/** The opening paragraph reports carry before section 一 (basis, period, and for the county what it covers). */
export const reportPreface = (c: Pick<ReportContent, 'year' | 'county'>): string =>
  `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。本报告中所列数据的统计期限自${c.year}年1月1日起至${c.year}年12月31日止。` +
  (c.county ? '本报告汇总本县人民政府及所属各部门、乡镇（街道）的数据。' : '');

/** Section text as paragraphs: staff separate them with line breaks. */
export const paragraphs = (text: string): string[] => text.split(/\n+/).map((p) => p.trim()).filter(Boolean);
