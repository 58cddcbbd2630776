import { h, Fragment, type SafeHtml } from '../../../core/render/jsx.js';
import { TableScroll } from '../../../web/components.js';
import type { VgTable } from '../schema.js';
import { VILLAGE_COLUMN } from '../disclosures.js';

export type Problems = { list: string[]; fields: Record<string, string> };
export const NO_PROBLEMS: Problems = { list: [], fields: {} };
export type V = Record<string, string | undefined>;

/** A 公开's table; a township's shared list shows its village column. */
export function DataTable({ table, label, villageName }: { table: VgTable; label: string; villageName?: (id: number | null) => string }): SafeHtml {
  return (
    <TableScroll label={label}>
      <table class="data">
        <thead><tr>{villageName ? <th scope="col">{VILLAGE_COLUMN}</th> : null}{table.head.map((c) => <th scope="col">{c}</th>)}</tr></thead>
        <tbody>{table.rows.map((r) => <tr>{villageName ? <td>{villageName(r.villageId)}</td> : null}{r.cells.map((c) => <td>{c}</td>)}</tr>)}</tbody>
      </table>
    </TableScroll>
  );
}

export const Paragraphs = ({ text }: { text: string }): SafeHtml => <Fragment>{text.split(/\n+/).filter(Boolean).map((p) => <p>{p}</p>)}</Fragment>;
