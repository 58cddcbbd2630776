import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { createTestDatabase } from '../../../db/testing.js';
import type { Database } from '../../../db/client.js';
import { demoActors } from '../../../test/actors.js';
import { convertToPdf, officeAvailable, squash } from '../../../test/office.js';
import type { Actor } from '../../../core/auth/actor.js';
import type { Ctx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { files, readFileBytes } from '../../../core/files/index.js';
import { DEMO_GUIDES } from '../demo.js';
import { approveVersion, createItem, publishVersion, submitVersion } from '../service.js';
import { listPublishedGuides } from '../public.js';
import { handbookOverview, publicEditions, requestEdition, runHandbookJobs, editionStatus, buildEdition, guidePageUrl } from './service.js';
import { arrange } from './content.js';
import { handbookEditions } from './schema.js';

const run = promisify(execFile);
const status = async (p: Promise<unknown>): Promise<number> => { try { await p; return 200; } catch (e) { if (e instanceof AppError) return e.status; throw e; } };

async function bytesOf(db: Database['db'], fileId: number | null): Promise<Buffer> {
  assert.ok(fileId, 'the edition has the file');
  const [f] = await db.select().from(files).where(eq(files.id, fileId));
  assert.ok(f?.publicAt, 'the file is public');
  const b = await readFileBytes(db, f.sha256);
  assert.ok(b);
  return b;
}
async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'gk-handbook-'));
  try {
    await writeFile(join(dir, 'h.pdf'), pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', join(dir, 'h.pdf'), '-'], { maxBuffer: 64 << 20 });
    return { text: stdout, pages: stdout.split('\f').length - 1 };
  } finally { await rm(dir, { recursive: true, force: true }); }
}

describe('办事一本通', () => {
  let database: Database;
  let actors: Map<string, Actor>;
  const as = (u: string): Ctx => ({ db: database.db, actor: actors.get(u)! });
  before(async () => {
    database = await createTestDatabase({ demo: true });
    actors = await demoActors(database.db, ['office', 'minzheng', 'admin']);
  });
  after(async () => { await database?.close(); });

  it('only the office or the administrator asks for an edition; a second request joins the one queued', async () => {
    assert.equal(await status(requestEdition(as('minzheng'), { arrangement: 'department', origin: 'http://gk.test' })), 403);
    const a = await requestEdition(as('office'), { arrangement: 'department', origin: 'http://gk.test' });
    const b = await requestEdition(as('admin'), { arrangement: 'department', origin: 'http://gk.test' });
    assert.equal(a, b);
    const queued = await editionStatus(as('minzheng'), a);
    assert.equal(queued.state, 'queued');
    assert.equal(queued.pdf, null);
  });

  it('builds in the background, counting items, into a PDF that lists every published guide of the county', async (t) => {
    const office = actors.get('office')!;
    const guides = await listPublishedGuides(database.db, office.placement.govId);
    assert.ok(guides.length >= 5, 'the demo county has published guides');
    const seen: number[] = [];
    const [row] = await database.db.update(handbookEditions).set({ state: 'running' }).where(eq(handbookEditions.state, 'queued')).returning();
    await buildEdition(database.db, row!, { onProgress: (d, total) => { seen.push(d); assert.equal(total, guides.length); } });
    assert.deepEqual(seen, guides.map((_, i) => i + 1), 'progress counts every item');
    const e = await editionStatus(as('office'), row!.id);
    assert.equal(e.state, 'done');
    assert.equal(e.number, 1);
    assert.equal(e.done, e.total);
    const pdf = await bytesOf(database.db, (await database.db.select().from(handbookEditions).where(eq(handbookEditions.id, row!.id)))[0]!.pdfFileId);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const { text, pages } = await pdfText(pdf);
    const flat = squash(text);
    assert.ok(flat.includes('办事一本通') && flat.includes('目录'));
    for (const g of guides) {
      assert.ok(flat.includes(squash(g.name)), `the PDF lists ${g.name}`);
      assert.ok(flat.includes(g.code), `the PDF shows the 实施编码 ${g.code}`);
      assert.ok(flat.includes(await guidePageUrl(database.db, g.govId, 'http://gk.test', g.code)), 'the full guide address is printed under the QR code');
    }
    assert.ok(pages >= guides.length + 2, 'a cover, contents and a page per item');
    // The DOCX opens in LibreOffice and carries the same items.
    if (!(await officeAvailable(t))) return;
    const docx = await bytesOf(database.db, (await database.db.select().from(handbookEditions).where(eq(handbookEditions.id, row!.id)))[0]!.docxFileId);
    const { 'h.docx': converted } = await convertToPdf({ 'h.docx': docx });
    const dtext = squash(converted!.pageText.join(''));
    for (const g of guides) assert.ok(dtext.includes(squash(g.name)) && dtext.includes(g.code), `the DOCX lists ${g.name}`);
  });

  it('is offered on the public site, and goes stale when a guide is published; the job rebuilds it with the new item', async () => {
    const office = actors.get('office')!;
    const pub = await publicEditions(database.db, office.placement.govId);
    assert.equal(pub.length, 1);
    assert.match(pub[0]!.pdf?.url ?? '', /^\/files\/[0-9a-f]{64}\//);
    assert.equal((await handbookOverview(as('office'))).arrangements.find((a) => a.arrangement === 'department')!.stale, false);

    const base = DEMO_GUIDES[0]!;
    const id = await createItem(as('minzheng'), { agencyId: office.agencyId === actors.get('minzheng')!.agencyId ? office.agencyId : actors.get('minzheng')!.agencyId, code: 'HB-TEST-0001', domainCode: base.domainCode, data: { ...base.data, name: '一本通测试事项临时救助审批' } });
    await submitVersion(as('minzheng'), id);
    await approveVersion(as('office'), id);
    await publishVersion(as('office'), id);
    const stale = await handbookOverview(as('office'));
    assert.equal(stale.arrangements.find((a) => a.arrangement === 'department')!.stale, true, 'publishing a guide makes the handbook stale');

    assert.equal(await runHandbookJobs(database.db), 1, 'the job queues and builds the rebuild');
    const fresh = await handbookOverview(as('office'));
    const dep = fresh.arrangements.find((a) => a.arrangement === 'department')!;
    assert.equal(dep.stale, false);
    assert.equal(dep.current?.number, 2);
    const [latest] = await database.db.select().from(handbookEditions).where(eq(handbookEditions.id, dep.current!.id));
    assert.equal(latest!.reason, 'stale');
    const { text } = await pdfText(await bytesOf(database.db, latest!.pdfFileId));
    assert.ok(squash(text).includes('一本通测试事项临时救助审批'), 'the rebuild includes the newly published guide');
    assert.equal(await runHandbookJobs(database.db), 0, 'nothing more to build once current');
  });

  it('arranges by theme with an item under each of its themes, the unthemed last', () => {
    const s = arrange([
      { id: 1, agencyName: 'A', personThemes: ['教育'], enterpriseThemes: [] },
      { id: 2, agencyName: 'B', personThemes: ['社会救助', '残疾人'], enterpriseThemes: ['开办企业'] },
      { id: 3, agencyName: 'A', personThemes: [], enterpriseThemes: [] },
    ], 'theme', { person: ['教育', '社会救助', '残疾人'], enterprise: ['开办企业'] });
    assert.deepEqual(s.map((x) => [x.title, x.ids]), [['个人 · 教育', [1]], ['个人 · 社会救助', [2]], ['个人 · 残疾人', [2]], ['法人 · 开办企业', [2]], ['其他事项', [3]]]);
  });
});
