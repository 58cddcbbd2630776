import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor } from '../core/auth/actor.js';
import { fileUrl, storeFile } from '../core/files/index.js';
import { pdfBytes } from '../core/files/fixtures.js';
import { listAgencies } from '../modules/org/service.js';
import { attachFile, editionAttachments } from '../modules/info/attachments.js';
import { createDraft, transition } from '../modules/info/service.js';
import { registerApplication, type FoiCtx } from '../modules/foi/intake.js';
import * as handling from '../modules/foi/handling.js';
import { foiApplications } from '../modules/foi/schema.js';
import { resolveActor } from '../modules/account/service.js';
import { SESSION_COOKIE } from '../web/context.js';
import { createTestApp, Browser, type TestApp } from '../test/app.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const ACCOUNTS = ['chengguan', 'chengguan-sh', 'hexi', 'dongjie', 'jiaoyu', 'minzheng', 'office', 'admin'] as const;

/**
 * Issue 11, item 3: /files/ serves a file that is not public only to a person who may read a record
 * using it (the records' own scope rule, asked of each module through its manifest's `files`).
 * Everyone else gets the same 404 as for a file that does not exist.
 */
describe('unpublished files stay with the people who may read their records', () => {
  let t: TestApp;
  const actors = new Map<string, Actor>();
  const browsers = new Map<string, Browser>();
  let anon: Browser;
  const as = (u: string) => ({ db: t.database.db, actor: actors.get(u)! });
  const foi = (u: string): FoiCtx => ({ ...as(u), key: t.config.foiDataKey, countStartDay: t.config.deadlineCountStartDay });
  /** The status each account (and an anonymous visitor) gets for the URL. */
  const statuses = async (url: string) => {
    const out: Record<string, number> = { anonymous: (await anon.get(url)).statusCode };
    for (const u of ACCOUNTS) out[u] = (await browsers.get(u)!.get(url)).statusCode;
    return out;
  };

  before(async () => {
    t = await createTestApp();
    for (const u of ACCOUNTS) {
      const b = new Browser(t.app);
      const res = await b.login(u);
      browsers.set(u, b);
      // The service-level actor behind the same sign-in, for setting up records.
      const token = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
      actors.set(u, (await resolveActor(t.database.db, token))!.actor);
    }
    anon = new Browser(t.app);
  });
  after(() => t.close());

  it('serves a 城关镇 draft attachment to 城关镇 staff only, in review also to the office, published to anyone', async () => {
    const d = await createDraft(as('chengguan'), {
      title: '城关镇草稿附件', kind: '通知', theme: '综合政务\\政务公开', assembly: '业务工作', docNumber: '', writtenDate: '2026-04-01', formedDate: '2026-04-01',
      regulatory: false, body: '正文。', disclosure: 'active', disclosureGround: '', catalogItemKeys: [], changeNote: '', minorChange: false,
    });
    const pdf = pdfBytes('chengguan draft');
    await attachFile(as('chengguan'), d.editionId, { buffer: pdf, filename: '草稿附件.pdf' });
    const [att] = await editionAttachments(t.database.db, d.editionId);
    const url = att!.url;

    assert.deepEqual(await statuses(url), { anonymous: 404, chengguan: 200, 'chengguan-sh': 200, hexi: 404, dongjie: 404, jiaoyu: 404, minzheng: 404, office: 404, admin: 404 });
    const own = await browsers.get('chengguan')!.get(url);
    assert.equal(sha(own.rawPayload), sha(pdf), 'the agency gets the bytes');
    assert.match(String(own.headers['content-disposition']), /^attachment;/, 'not published: a download');
    assert.equal(own.headers['content-security-policy'], "default-src 'none'; sandbox");
    assert.equal(own.headers['x-content-type-options'], 'nosniff');
    assert.equal(own.headers['cache-control'], 'private, no-store');
    const other = await browsers.get('hexi')!.get(url);
    const missing = await browsers.get('hexi')!.get(fileUrl('0'.repeat(64), 'x.pdf'));
    const main = (body: string) => /<main[\s\S]*<\/main>/.exec(body)?.[0];
    assert.deepEqual([other.statusCode, main(other.body), other.headers['content-type']], [404, main(missing.body), missing.headers['content-type']], 'another township cannot tell the file exists');

    await transition(as('chengguan'), d.editionId, 'submit');
    const inReview = await statuses(url);
    assert.equal(inReview.office, 200, 'the office reads every agency’s information once it leaves the draft');
    assert.equal(inReview.hexi, 404);
    assert.equal(inReview.anonymous, 404);

    await transition(as('chengguan-sh'), d.editionId, 'approve', { secrecyConclusion: '同意' });
    await transition(as('chengguan-sh'), d.editionId, 'publish');
    const published = await statuses(url);
    assert.ok(Object.values(published).every((s) => s === 200), JSON.stringify(published));
    const pub = await anon.get(url);
    assert.match(String(pub.headers['content-disposition']), /^inline;/, 'a published PDF opens in the browser');
    assert.equal(pub.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('serves a file attached to a 城关镇 reply to 城关镇’s handlers and the office, to no other agency', async () => {
    const town = (await listAgencies(t.database.db)).find((a) => a.name === '城关镇')!.id;
    const s = await registerApplication(foi('chengguan'), {
      agencyId: town, applicantType: 'natural', name: '张三', idType: '居民身份证', idNumber: '11010519491231002X', phone: '13800138000',
      content: '城关镇2025年道路维修合同', form: 'electronic', delivery: 'online', channel: 'letter', receivedOn: '2026-09-14',
    });
    const [row] = await t.database.db.select({ id: foiApplications.id }).from(foiApplications).where(eq(foiApplications.code, s.code));
    const pdf = pdfBytes('chengguan reply file');
    const stored = await storeFile(as('chengguan'), { buffer: pdf, filename: '维修合同.pdf' });
    await handling.attachFile(foi('chengguan'), row!.id, { fileId: stored.id, sha256: stored.sha256, name: '维修合同.pdf' });
    const url = fileUrl(stored.sha256, '维修合同.pdf');
    assert.deepEqual(await statuses(url), { anonymous: 404, chengguan: 200, 'chengguan-sh': 200, hexi: 404, dongjie: 404, jiaoyu: 404, minzheng: 404, office: 200, admin: 200 });
    const got = await browsers.get('office')!.get(url);
    assert.match(String(got.headers['content-disposition']), /^attachment;/);
    assert.equal(got.headers['content-security-policy'], "default-src 'none'; sandbox");
  });

  it('serves a file no record uses to nobody, not even the person who uploaded it', async () => {
    const stored = await storeFile(as('chengguan'), { buffer: pdfBytes('orphan upload'), filename: '孤立.pdf' });
    const all = await statuses(fileUrl(stored.sha256, '孤立.pdf'));
    assert.ok(Object.values(all).every((s) => s === 404), JSON.stringify(all));
  });
});
