import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../core/auth/actor.js';
import { pdfBytes } from '../../core/files/fixtures.js';
import { createTestApp, type TestApp } from '../../test/app.js';
import { login } from '../account/service.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { attachFile, editionAttachments } from './attachments.js';
import { createDraft, transition } from './service.js';
import type { DraftInput } from './validate.js';

const draft = (title: string): DraftInput => ({
  title, kind: '通知', theme: '综合政务\\政务公开', assembly: '业务工作', docNumber: '', writtenDate: '2026-04-01', formedDate: '2026-04-01', regulatory: false,
  body: '正文。', disclosure: 'active', disclosureGround: '', catalogItemKeys: [], changeNote: '', minorChange: false,
});

describe('attachments follow their document out of public view', () => {
  let t: TestApp;
  const actors = new Map<string, Actor>();
  const as = (u: string) => ({ db: t.database.db, actor: actors.get(u)! });
  const publishWith = async (title: string, file: Buffer, name: string) => {
    const d = await createDraft(as('chengguan'), draft(title));
    await attachFile(as('chengguan'), d.editionId, { buffer: file, filename: name });
    await transition(as('chengguan'), d.editionId, 'submit');
    await transition(as('chengguan-sh'), d.editionId, 'approve', { secrecyConclusion: '同意' });
    await transition(as('chengguan-sh'), d.editionId, 'publish');
    return { ...d, url: (await editionAttachments(t.database.db, d.editionId))[0]!.url };
  };
  const status = async (url: string) => (await t.app.inject({ method: 'GET', url })).statusCode;

  before(async () => {
    t = await createTestApp();
    for (const u of ['chengguan', 'chengguan-sh']) {
      const r = await login(t.database.db, { username: u, password: DEMO_PASSWORD, address: "127.0.0.1" });
      assert.ok(r.ok);
      actors.set(u, r.actor);
    }
  });
  after(() => t.close());

  it('stops serving the files of a document withdrawn as published in error, but not of one withdrawn with a notice', async () => {
    const wrong = await publishWith('误发的名单', pdfBytes('personal data'), '名单.pdf');
    const old = await publishWith('过时的通知', pdfBytes('old notice'), '通知.pdf');
    assert.equal(await status(wrong.url), 200);
    await transition(as('chengguan-sh'), wrong.editionId, 'withdraw', { reason: '含个人信息，误发', inError: true });
    assert.equal(await status(wrong.url), 404, 'the file of a document published in error is gone too');
    await transition(as('chengguan-sh'), old.editionId, 'withdraw', { reason: '已过时' });
    assert.equal(await status(old.url), 200, 'a withdrawn page stays readable, with its files');
  });

  it('keeps a file public while another published document still attaches the same bytes', async () => {
    const shared = pdfBytes('shared form');
    const a = await publishWith('甲通知', shared, '申请表.pdf');
    const b = await publishWith('乙通知', shared, '申请表.pdf');
    assert.equal(a.url, b.url, 'stored once by content');
    await transition(as('chengguan-sh'), a.editionId, 'withdraw', { reason: '误发', inError: true });
    assert.equal(await status(b.url), 200);
  });
});
