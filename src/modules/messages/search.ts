// 常见问题 in the site search: the question's title and the agency's reply — never the writer's
// text (it may carry a name or an address), never a name or phone.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Exec } from '../../db/client.js';
import { indexEntry, removeEntries } from '../../core/search/index.js';
import type { SearchEntry } from '../../core/search/types.js';
import type { AgencyPanelProvider, SearchSource } from '../../core/module.js';
import { msgMessages } from './schema.js';
import { faqList } from './queries.js';

type FaqRow = Pick<typeof msgMessages.$inferSelect, 'id' | 'title' | 'replyText' | 'repliedOn' | 'replyAgencyId'>;
const faqEntry = (m: FaqRow): SearchEntry => ({
  kind: 'faq', refId: m.id, url: `/liuyan/${m.id}`, title: m.title, body: m.replyText,
  publishedAt: new Date(`${m.repliedOn ?? '2000-01-01'}T00:00:00+08:00`), agencyId: m.replyAgencyId, year: m.repliedOn ? Number(m.repliedOn.slice(0, 4)) : null,
});

const faqRows = (db: Exec, ids?: number[]) => db.select({ id: msgMessages.id, title: msgMessages.title, replyText: msgMessages.replyText, repliedOn: msgMessages.repliedOn, replyAgencyId: msgMessages.replyAgencyId })
  .from(msgMessages).where(and(eq(msgMessages.faq, true), eq(msgMessages.isPublic, true), inArray(msgMessages.state, ['replied', 'closed']), ids ? inArray(msgMessages.id, ids) : undefined));

/** Puts the message in the index when it is a public FAQ, takes it out otherwise (same transaction as the change). */
export async function syncFaqEntry(tx: Exec, id: number): Promise<void> {
  const [m] = await faqRows(tx, [id]);
  if (m) await indexEntry(tx, faqEntry(m));
  else await removeEntries(tx, 'faq', id);
}

export const faqSearchSource: SearchSource = { kind: 'faq', label: '常见问题', entries: async (db: Db) => (await faqRows(db)).map(faqEntry) };

/** The agency page's box: its 常见问题 (the first ten), with a link to all of them. */
export const agencyFaqPanel: AgencyPanelProvider = async (db, agencyId) => {
  const rows = await faqList(db, null, agencyId);
  if (!rows.length) return null;
  return { title: '常见问题', links: [...rows.slice(0, 10).map((m) => ({ href: `/liuyan/${m.id}`, label: m.title, note: `答复日期 ${m.repliedOn}` })), { href: '/liuyan/faq', label: '全部常见问题' }] };
};
