// The 建议提案办理 column in site search: a published reply (its public, redacted text), never an
// author's contact and never an unpublished reply.
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Exec } from '../../db/client.js';
import type { SearchSource } from '../../core/module.js';
import type { SearchEntry } from '../../core/search/types.js';
import { indexEntry } from '../../core/search/index.js';
import { agencies } from '../../core/org/schema.js';
import { propItems } from './schema.js';

export const PUBLIC_BASE = '/jianyi';
// items.ts indexes on publish, so its labels are not imported here (no import cycle).
const KIND_LABELS = { npc: '人大代表建议', cppcc: '政协委员提案' } as const;

async function entries(db: Exec, id?: number): Promise<SearchEntry[]> {
  const rows = await db.select({ item: propItems, hostName: agencies.name }).from(propItems).innerJoin(agencies, eq(agencies.id, propItems.hostAgencyId))
    .where(and(eq(propItems.state, 'published'), isNotNull(propItems.publishedOn), id ? eq(propItems.id, id) : undefined));
  return rows.map(({ item: r, hostName }) => ({
    kind: 'proposal_reply' as const,
    refId: r.id,
    url: `${PUBLIC_BASE}/${r.id}`,
    title: `${r.title}（${r.session}第${r.number}号）`,
    body: `${KIND_LABELS[r.kind]} · 主办单位：${hostName}\n${r.publishedText}`,
    publishedAt: new Date(`${r.publishedOn}T08:00:00+08:00`),
    agencyId: r.hostAgencyId,
    year: Number(r.publishedOn!.slice(0, 4)),
  }));
}

/** Puts a just-published reply in the index (in the publishing transaction). */
export async function indexProposal(tx: Exec, id: number): Promise<void> {
  const e = await entries(tx, id);
  if (e.length) await indexEntry(tx, e);
}

export const proposalSearchSource: SearchSource = { kind: 'proposal_reply', label: '建议提案', entries: (db) => entries(db) };
