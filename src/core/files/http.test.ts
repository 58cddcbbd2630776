import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { auditEvents } from '../audit/schema.js';
import { files } from './schema.js';
import { markFilesPrivate, markFilesPublic } from './service.js';
import * as fx from './fixtures.js';

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const cookiesOf = (b: Browser) => (b as unknown as { cookieHeader(): string }).cookieHeader();

/** Posts one file the way the browser does: multipart body with the CSRF token as its first field. */
async function upload(t: TestApp, who: Browser, buf: Buffer, name: string, opts: { csrf?: boolean; tokenInUrl?: boolean; accept?: string; back?: string } = {}): Promise<Res> {
  const page = await who.get('/login'); // any page carries the token
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const q = new URLSearchParams();
  if (opts.back) q.set('back', opts.back);
  if (opts.tokenInUrl) q.set('_csrf', token);
  const boundary = '----gkfiles' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    ...(opts.csrf !== false ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`)] : []),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/admin/files?${q}`,
    payload: body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookiesOf(who), accept: opts.accept ?? 'application/json' },
  });
}

describe('file upload and serving over HTTP', () => {
  let t: TestApp;
  let editor: Browser;
  let anon: Browser;
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  before(async () => {
    t = await createTestApp();
    editor = new Browser(t.app);
    await editor.login('chengguan');
    anon = new Browser(t.app);
  });
  after(() => t.close());

  it('uploads a PDF and serves identical bytes: inline once published, to nobody while no record uses it', async () => {
    const pdf = fx.pdfBytes('http');
    const res = await upload(t, editor, pdf, '通知.pdf');
    assert.equal(res.statusCode, 200, res.body);
    const { id, sha256, url } = res.json() as { id: number; sha256: string; url: string };
    assert.equal(sha256, sha(pdf));
    assert.equal(url, `/files/${sha256}/${encodeURIComponent('通知.pdf')}`);
    const hidden = await get(url);
    assert.equal(hidden.statusCode, 404, 'anonymous cannot see an unpublished file');
    assert.equal(hidden.headers['cache-control'], 'no-store', 'a shared cache must not keep the 404 past publication');
    // Who may read an unpublished file is decided by the records that use it (src/http/file-access.test.ts).
    assert.equal((await editor.get(url)).statusCode, 404, 'not even its uploader: no record uses it');

    await markFilesPublic(t.database.db, [id]);
    const pub = await get(url);
    assert.equal(pub.statusCode, 200);
    assert.equal(sha(pub.rawPayload), sha256);
    assert.equal(pub.headers['content-type'], 'application/pdf');
    assert.equal(pub.headers['x-content-type-options'], 'nosniff');
    assert.equal(pub.headers['content-security-policy'], "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'");
    assert.equal(pub.headers['content-disposition'], `inline; filename="__.pdf"; filename*=UTF-8''${encodeURIComponent('通知.pdf')}`);
    assert.equal(pub.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(pub.headers['etag'], `"${sha256}"`);
    assert.equal(Number(pub.headers['content-length']), pdf.length);
    const head = await t.app.inject({ method: 'HEAD', url });
    assert.deepEqual([head.statusCode, head.headers['etag'], head.rawPayload.length], [200, `"${sha256}"`, 0]);
    const again = await get(url);
    assert.equal(again.headers['x-cache'], undefined, 'never served from the page cache');
    assert.equal(again.headers['content-disposition'], pub.headers['content-disposition']);

    const notModified = await get(url, { 'if-none-match': `W/"x", "${sha256}"` });
    assert.equal(notModified.statusCode, 304);
    assert.equal(notModified.rawPayload.length, 0);
    assert.equal((await get(url, { 'if-none-match': '"other"' })).statusCode, 200);

    await markFilesPrivate(t.database.db, [id]);
    assert.equal((await get(url)).statusCode, 404);
    assert.equal((await get(url, { 'if-none-match': `"${sha256}"` })).statusCode, 404, 'no 304 that would reveal a private file');
    await markFilesPublic(t.database.db, [id]);
  });

  it('serves office files as attachments and images inline, under a sanitised name', async () => {
    const docx = await fx.docxBytes('附件');
    const d = (await upload(t, editor, docx, '说明.docx')).json() as { id: number; sha256: string };
    const p = (await upload(t, editor, fx.pngBytes(), 'a.png')).json() as { id: number; sha256: string };
    await markFilesPublic(t.database.db, [d.id, p.id]);
    const doc = await get(`/files/${d.sha256}/x.docx`);
    assert.equal(doc.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(String(doc.headers['content-disposition']), /^attachment; /);
    assert.ok(doc.rawPayload.equals(docx));
    const img = await get(`/files/${p.sha256}/a.png`);
    assert.equal(img.headers['content-type'], 'image/png');
    assert.match(String(img.headers['content-disposition']), /^inline; filename="a\.png"/);
    for (const name of ['..%2F..%2Fetc%2Fpasswd', 'a%22b.pdf', 'a%0D%0ASet-Cookie%3A%20x%3D1.pdf', '%2E%2E%5C%2E%2E%5Cboot.ini', 'evil.exe']) {
      const r = await get(`/files/${d.sha256}/${name}`);
      // Control characters in a path may be refused at the boundary, before the route (issue 11, item 6).
      if (r.statusCode === 400 && name.includes('%0D')) continue;
      assert.equal(r.statusCode, 200, name);
      const cd = String(r.headers['content-disposition']);
      assert.doesNotMatch(cd, /\.\.\/|\/etc\/|[\r\n]|a"b|\.exe"|%0D|%0A/i, cd);
      assert.match(cd, /\.docx"; filename\*=UTF-8''[^"\s]+\.docx$/, cd);
      assert.equal(r.headers['set-cookie'], undefined);
    }
  });

  it('answers 404 for unknown or malformed hashes', async () => {
    for (const url of [`/files/${'0'.repeat(64)}/a.pdf`, '/files/abc/a.pdf', `/files/${'g'.repeat(64)}/a.pdf`, `/files/${'0'.repeat(65)}/a.pdf`, '/files/..%2F..%2Fetc%2Fpasswd/x']) {
      const r = await get(url, { accept: 'application/json' });
      assert.equal(r.statusCode, 404, url);
      assert.equal(r.json().error.code, 'not_found');
    }
  });

  it('refuses bad uploads with stable codes and writes no row', async () => {
    const n = async () => (await t.database.db.select({ n: count() }).from(files))[0]!.n;
    const before = await n();
    for (const [buf, name, code] of [
      [fx.pngBytes(), 'scan.pdf', 'file_type_mismatch'],
      [await fx.xlsxBytes(), 'report.docx', 'file_type_mismatch'],
      [fx.exeBytes(), 'report.pdf', 'file_type_not_allowed'],
      [fx.htmlBytes(), 'page.html', 'file_type_not_allowed'],
      [fx.svgBytes(), 'logo.svg', 'file_type_not_allowed'],
      [fx.activePdfs()['JavaScript open action']!, 'script.pdf', 'file_pdf_active'],
      [fx.pngHtmlPolyglot().subarray(0, 60), 'cut.png', 'image_unreadable'],
      [Buffer.alloc(0), 'empty.pdf', 'file_empty'],
      [Buffer.concat([fx.pdfBytes(), Buffer.alloc(20 * 1024 * 1024)]), 'big.pdf', 'file_too_large'],
    ] as const) {
      const r = await upload(t, editor, buf, name);
      assert.equal(r.json().error.code, code, name);
      assert.match(r.json().error.message, /[\u4e00-\u9fff]/);
    }
    // Above the multipart plugin's global 10 MiB: the route's own limit applies.
    const large = await upload(t, editor, Buffer.concat([fx.pdfBytes(), Buffer.alloc(12 * 1024 * 1024, 0x20)]), 'large.pdf');
    assert.equal(large.statusCode, 200, large.body);
    const page = await upload(t, editor, fx.pngBytes(), 'scan.pdf', { accept: 'text/html', back: '/admin/info/1' });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /与文件扩展名不符/);
    assert.match(page.body, /href="\/admin\/info\/1"/);
    assert.equal(await n(), before + 1);
  });

  it('redirects form uploads back to a local page only', async () => {
    const ok = await upload(t, editor, fx.gifBytes(), 'a.gif', { accept: 'text/html', back: '/admin/info/7?tab=files' });
    assert.equal(ok.statusCode, 303);
    assert.match(String(ok.headers.location), /^\/admin\/info\/7\?tab=files&file=\d+$/);
    for (const back of ['https://evil.example/', '//evil.example', '/\\evil.example', '/a\r\nx: y']) {
      const r = await upload(t, editor, fx.gifBytes(), 'a.gif', { accept: 'text/html', back });
      assert.match(String(r.headers.location), /^\/admin\?file=\d+$/, back);
    }
  });

  it('requires a CSRF token and a signed-in staff member, and audits uploads', async () => {
    const noToken = await upload(t, editor, fx.pngBytes(), 'a.png', { csrf: false });
    assert.equal(noToken.statusCode, 403);
    assert.equal(noToken.json().error.code, 'csrf_invalid');
    // The token rides in the form body only: one in the URL (address bar, history, logs) is not accepted.
    const inUrl = await upload(t, editor, fx.pngBytes(), 'a.png', { csrf: false, tokenInUrl: true });
    assert.equal(inUrl.statusCode, 403);
    assert.equal(inUrl.json().error.code, 'csrf_invalid');
    const anonymous = await upload(t, anon, fx.pngBytes(), 'a.png', { accept: 'text/html' });
    assert.ok([302, 303, 401].includes(anonymous.statusCode), String(anonymous.statusCode));
    if (anonymous.statusCode !== 401) assert.match(String(anonymous.headers.location), /^\/login/);
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'file.uploaded'));
    assert.ok(events.length >= 5);
    assert.ok(events.every((e) => e.targetType === 'file' && e.actorName === '城关镇 孙干事'));
  });
});
