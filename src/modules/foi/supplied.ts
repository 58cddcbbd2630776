// What an applicant supplied after a 补正 request (Art. 30), read from the case's events: the
// citizen's own text and files when supplied online, or the note staff typed for a letter or a
// counter visit. One reader, so the case page, the reply form and the case log show the same.
import type { IsoDate } from '../../core/calendar/dates.js';
import type { EventRow } from './repository.js';

export type SuppliedFile = { fileId: number; sha256: string; name: string };
export type Supplied = { on: IsoDate; channel: 'online' | 'staff'; text: string; files: SuppliedFile[] };

export function suppliedOf(events: EventRow[]): Supplied | null {
  const e = [...events].reverse().find((x) => x.kind === 'supplement_received');
  if (!e) return null;
  const online = e.data.channel === 'online';
  const files = Array.isArray(e.data.files) ? (e.data.files as SuppliedFile[]).map((f) => ({ fileId: Number(f.fileId), sha256: String(f.sha256), name: String(f.name) })) : [];
  return { on: e.on, channel: online ? 'online' : 'staff', text: String((online ? e.data.text : e.data.note) ?? ''), files };
}
