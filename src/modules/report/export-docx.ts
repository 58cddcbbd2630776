import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlignTable, WidthType } from 'docx';
import { paragraphs, reportPreface, reportTitle, type ReportContent } from './content.js';
import { table2Grid, table3Grid, table4Grid, type Grid } from './grids.js';
import { SECTION_TITLES } from './labels.js';

const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const HEAD_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };

/** GB/T 9704 style: 三号 body with a two-character first-line indent. */
const text = (t: string) => new Paragraph({ children: [new TextRun({ text: t, font: BODY_FONT, size: 32 })], indent: { firstLine: 640 }, spacing: { line: 560 } });
const heading = (t: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: t, font: HEAD_FONT, size: 32, bold: false, color: '000000' })], spacing: { before: 240, after: 120 } });

/**
 * Column widths in twips for an A4 page with the default margins (about 9,000 twips of text
 * width). Table 3's number columns hold a five-digit count or three 9 pt characters per line
 * (自然人, 商业企/业); table 4's fifteen hold four digits or two 8 pt characters.
 */
const COLUMN_WIDTHS: Record<number, number[]> = {
  4: [2640, 2120, 2120, 2120],
  10: [800, 900, 2400, ...Array(7).fill(700)],
  15: Array(15).fill(600),
};
/** Half-points: 10 pt for table 2, 9 pt for table 3, 8 pt for table 4. */
const FONT_SIZES: Record<number, number> = { 4: 20, 10: 18, 15: 16 };
/** Narrow cell padding (twips), so that numbers keep to one line in the narrow columns. */
const CELL_MARGINS = { left: 40, right: 40, top: 20, bottom: 20 };

function table(grid: Grid): Table {
  const size = FONT_SIZES[grid.columns] ?? 18;
  const rows = [...grid.head.map((r) => ({ r, head: true })), ...grid.body.map((r) => ({ r, head: false }))];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: COLUMN_WIDTHS[grid.columns],
    margins: CELL_MARGINS,
    rows: rows.map(({ r, head }) =>
      new TableRow({
        tableHeader: head,
        children: r.map((cell) =>
          new TableCell({
            columnSpan: cell.colSpan,
            rowSpan: cell.rowSpan,
            verticalAlign: VerticalAlignTable.CENTER,
            shading: cell.head === 'col' || cell.head === 'colgroup' ? { fill: 'F2F2F2' } : undefined,
            children: [new Paragraph({ alignment: cell.head === 'row' ? AlignmentType.LEFT : AlignmentType.CENTER, children: [new TextRun({ text: String(cell.value), font: BODY_FONT, size, bold: cell.head === 'col' || cell.head === 'colgroup' })] })],
          }),
        ),
      }),
    ),
  });
}

/** The whole report as a Word document: title, preface, the six sections with tables 2–4 in 二–四. */
export async function reportDocx(c: ReportContent): Promise<Buffer> {
  const section = (i: number, body: string) => [heading(SECTION_TITLES[i]!), ...(paragraphs(body).length ? paragraphs(body).map(text) : [text('无。')])];
  const withTable = (i: number, grid: Grid) => [heading(SECTION_TITLES[i]!), table(grid)];
  const doc = new Document({
    creator: c.agencyName,
    title: reportTitle(c),
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [new TextRun({ text: reportTitle(c), font: { ...HEAD_FONT, eastAsia: '方正小标宋简体' }, size: 44 })] }),
          text(reportPreface(c)),
          ...section(0, c.sections.overview),
          ...withTable(1, table2Grid(c.tables.t2)),
          ...withTable(2, table3Grid(c.tables.t3)),
          ...withTable(3, table4Grid(c.tables.t4)),
          ...section(4, c.sections.problems),
          ...section(5, c.sections.otherMatters),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
