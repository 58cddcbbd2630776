import { h, type SafeHtml } from '../../../core/render/jsx.js';
import { table2Grid, table3Grid, table4Grid, type Grid, type GridCell } from '../grids.js';
import type { ReportTables } from '../content.js';

const span = (n: number | undefined) => (n && n > 1 ? n : undefined);

function Cell({ cell }: { cell: GridCell }): SafeHtml {
  const attrs = { colspan: span(cell.colSpan), rowspan: span(cell.rowSpan) };
  return cell.head ? <th scope={cell.head} {...attrs}>{String(cell.value)}</th> : <td class="num" {...attrs}>{String(cell.value)}</td>;
}

/** One official table as a real HTML table: header rows in thead, spans as in the format. */
export function GridTable({ grid, id }: { grid: Grid; id?: string }): SafeHtml {
  return (
    <div class="table-wrap">
      <table class="data report-table" id={id}>
        <caption class="sr-only">{grid.title}</caption>
        {grid.head.length ? <thead>{grid.head.map((r) => <tr>{r.map((c) => <Cell cell={c} />)}</tr>)}</thead> : null}
        <tbody>{grid.body.map((r) => <tr>{r.map((c) => <Cell cell={c} />)}</tr>)}</tbody>
      </table>
    </div>
  );
}

export const Table2 = ({ t }: { t: ReportTables }) => <GridTable grid={table2Grid(t.t2)} id="table-2" />;
export const Table3 = ({ t }: { t: ReportTables }) => <GridTable grid={table3Grid(t.t3)} id="table-3" />;
export const Table4 = ({ t }: { t: ReportTables }) => <GridTable grid={table4Grid(t.t4)} id="table-4" />;
