import { placementOf } from '../org/scope.js';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { createTestDatabase } from '../../db/testing.js';
import type { Database, Db } from '../../db/client.js';
import { users, userRoles } from '../auth/schema.js';
import { auditEvents } from '../audit/schema.js';
import { verifyAuditChain } from '../audit/service.js';
import type { Actor } from '../auth/actor.js';
import { AppError } from '../errors.js';
import { fileBlobs, files } from './schema.js';
import { findFile, getFileById, markFilesPrivate, markFilesPublic, readFileBytes, storeFile } from './service.js';
import * as fx from './fixtures.js';

async function actorFor(db: Db, username: string): Promise<Actor> {
  const [u] = await db.select().from(users).where(eq(users.username, username));
  const roles = await db.select().from(userRoles).where(eq(userRoles.userId, u!.id));
  return { userId: u!.id, username, name: u!.displayName, agencyId: u!.agencyId, placement: await placementOf(db, u!.agencyId), roles: roles.map((r) => ({ role: r.role, domainId: r.domainId })), mustChangePassword: false };
}

const rows = async (db: Db) => ({
  files: (await db.select({ n: count() }).from(files))[0]!.n,
  blobs: (await db.select({ n: count() }).from(fileBlobs))[0]!.n,
  audit: (await db.select({ n: count() }).from(auditEvents))[0]!.n,
});

describe('file storage', () => {
  let database: Database;
  let db: Db;
  let editor: Actor;
  before(async () => {
    database = await createTestDatabase({ demo: true });
    db = database.db;
    editor = await actorFor(db, 'chengguan');
  });
  after(() => database.close());

  it('stores a PDF with its sniffed type, keeps the exact bytes, and audits the upload', async () => {
    const pdf = fx.pdfBytes('stored once');
    const before = await rows(db);
    const r = await storeFile({ db, actor: editor }, { buffer: pdf, filename: '关于预算公开的通知.pdf' });
    assert.deepEqual({ ...r, id: 0 }, { id: 0, sha256: createHash('sha256').update(pdf).digest('hex'), size: pdf.length, mime: 'application/pdf', ext: 'pdf', reused: false });
    assert.ok(Buffer.isBuffer(await readFileBytes(db, r.sha256)));
    assert.ok((await readFileBytes(db, r.sha256))!.equals(pdf));
    const row = await getFileById(db, r.id);
    assert.equal(row!.createdBy, editor.userId);
    assert.equal(row!.publicAt, null);
    const after = await rows(db);
    assert.deepEqual([after.files - before.files, after.blobs - before.blobs, after.audit - before.audit], [1, 1, 1]);
    const [ev] = await db.select().from(auditEvents).where(eq(auditEvents.targetType, 'file'));
    assert.equal(ev!.action, 'file.uploaded');
    assert.equal(ev!.actorId, editor.userId);
    assert.equal((ev!.after as { name: string }).name, '关于预算公开的通知.pdf');
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  it('stores the same bytes once, whoever uploads them under whatever name', async () => {
    const xlsx = await fx.xlsxBytes();
    const reviewer = await actorFor(db, 'chengguan-sh');
    const first = await storeFile({ db, actor: editor }, { buffer: xlsx, filename: '预算.xlsx' });
    const before = await rows(db);
    const second = await storeFile({ db, actor: reviewer }, { buffer: Buffer.from(xlsx), filename: '另一个名字.xlsx' });
    assert.equal(second.id, first.id);
    assert.equal(second.reused, true);
    assert.equal(first.reused, false);
    const after = await rows(db);
    assert.deepEqual([after.files - before.files, after.blobs - before.blobs, after.audit - before.audit], [0, 0, 1]);
    // Concurrent uploads of new bytes end with one row as well.
    const docx = await fx.docxBytes('并发');
    const both = await Promise.all([1, 2].map(() => storeFile({ db, actor: editor }, { buffer: docx, filename: 'a.docx' })));
    assert.equal(both[0]!.id, both[1]!.id);
    assert.equal((await db.select({ n: count() }).from(files).where(eq(files.sha256, both[0]!.sha256)))[0]!.n, 1);
  });

  it('refuses with a stable code and writes nothing', async () => {
    const before = await rows(db);
    const cases: [Buffer, string, string][] = [
      [fx.pngBytes(), 'scan.pdf', 'file_type_mismatch'],
      [await fx.xlsxBytes(), 'report.docx', 'file_type_mismatch'],
      [fx.exeBytes(), 'setup.pdf', 'file_type_not_allowed'],
      [fx.htmlBytes(), 'index.html', 'file_type_not_allowed'],
      [fx.svgBytes(), 'logo.svg', 'file_type_not_allowed'],
      [Buffer.alloc(0), 'a.pdf', 'file_empty'],
    ];
    for (const [buffer, filename, code] of cases) {
      await assert.rejects(storeFile({ db, actor: editor }, { buffer, filename }), (e: AppError) => e.code === code, filename);
    }
    await assert.rejects(storeFile({ db, actor: editor }, { buffer: fx.pdfBytes(), filename: 'a.pdf' }, { maxBytes: 64 }), (e: AppError) => e.code === 'file_too_large');
    assert.deepEqual(await rows(db), before);
  });

  it('checks permission before anything else', async () => {
    const before = await rows(db);
    await assert.rejects(storeFile({ db, actor: null }, { buffer: Buffer.alloc(0), filename: 'a.pdf' }), (e: AppError) => e.code === 'unauthenticated');
    const supervisorOnly: Actor = { ...editor, roles: [{ role: 'supervisor', domainId: 1 }] };
    await assert.rejects(storeFile({ db, actor: supervisorOnly }, { buffer: fx.pngBytes(), filename: 'a.png' }), (e: AppError) => e.code === 'forbidden');
    for (const u of ['office', 'admin', 'chengguan-sh']) {
      const r = await storeFile({ db, actor: await actorFor(db, u) }, { buffer: fx.gifBytes(), filename: 'a.gif' });
      assert.equal(r.mime, 'image/gif');
    }
    assert.equal((await rows(db)).files, before.files + 1);
  });

  it('makes files public and private again inside the caller’s transaction', async () => {
    const r = await storeFile({ db, actor: editor }, { buffer: fx.webpBytes(), filename: 'a.webp' });
    await assert.rejects(db.transaction(async (tx) => {
      await markFilesPublic(tx, [r.id]);
      throw new Error('publication failed');
    }));
    assert.equal((await findFile(db, r.sha256))!.publicAt, null);
    await db.transaction((tx) => markFilesPublic(tx, [r.id]));
    const first = (await findFile(db, r.sha256))!.publicAt;
    assert.ok(first instanceof Date);
    await db.transaction((tx) => markFilesPublic(tx, [r.id]));
    assert.equal((await findFile(db, r.sha256))!.publicAt!.getTime(), first.getTime(), 'first publication time is kept');
    await markFilesPrivate(db, [r.id]);
    assert.equal((await findFile(db, r.sha256))!.publicAt, null);
    await markFilesPublic(db, []);
    assert.equal(await findFile(db, 'not-a-hash'), null);
    assert.equal(await findFile(db, '0'.repeat(64)), null);
  });
});
