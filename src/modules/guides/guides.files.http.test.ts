import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { desc, eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { exeBytes, pdfBytes, pdfFrom } from '../../core/files/fixtures.js';
import { files, storeFile } from '../../core/files/index.js';
import { demoActors } from '../../test/actors.js';
import { DEMO_GUIDES } from './demo.js';
import type { GuideData } from './elements.js';
import { guideItems, guideVersions } from './schema.js';

const lowbao = DEMO_GUIDES[0]!;

/** A guide's elements as the staff form posts them. */
function formOf(d: GuideData): [string, string][] {
  const f: [string, string][] = [];
  for (const [k, v] of Object.entries(d)) {
    if (typeof v === 'string' || typeof v === 'number') f.push([k, String(v)]);
    else if (Array.isArray(v) && (v.length === 0 || typeof v[0] === 'string')) for (const x of v as string[]) f.push([k, x]);
    else if (Array.isArray(v)) (v as Record<string, unknown>[]).forEach((row, i) => { for (const [c, x] of Object.entries(row)) if (x !== false && x != null) f.push([`${k}.${i}.${c}`, x === true ? '1' : String(x)]); });
    else for (const [c, x] of Object.entries(v as Record<string, unknown>)) f.push([`${k}.${c}`, String(x)]);
  }
  return f;
}

/** Posts the edit form as the browser does: multipart, the CSRF token from the page, every file box (empty ones too). */
async function postForm(t: TestApp, b: Browser, url: string, fields: [string, string][], upload: Record<string, { name: string; bytes: Buffer }>, emptyBoxes = 4) {
  const page = await b.get(url);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /enctype="multipart\/form-data"/);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const bd = '----gk' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [Buffer.from(`--${bd}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`)];
  for (const [k, v] of fields) parts.push(Buffer.from(`--${bd}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const [k, f] of Object.entries(upload)) parts.push(Buffer.from(`--${bd}\r\nContent-Disposition: form-data; name="${k}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.bytes, Buffer.from('\r\n'));
  for (let i = 0; i < emptyBoxes; i++) parts.push(Buffer.from(`--${bd}\r\nContent-Disposition: form-data; name="materials.${10 + i}.sampleFile"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n`));
  parts.push(Buffer.from(`--${bd}--\r\n`));
  const cookie = (b as unknown as { cookieHeader(): string }).cookieHeader();
  const res = await t.app.inject({ method: 'POST', url, payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${bd}`, cookie, accept: 'text/html' } });
  b.keep(res);
  return res;
}

describe('guides: the 空白表格 and 示例样表 of a material are uploaded files, public once the guide is published', () => {
  let t: TestApp;
  let editor: Browser, office: Browser, otherCounty: Browser, pub: Browser;
  let itemId: number;

  before(async () => {
    t = await createTestApp({ PUBLIC_CACHE_TTL: '0' }, { region: true });
    editor = new Browser(t.app); await editor.login('minzheng');
    office = new Browser(t.app); await office.login('office');
    otherCounty = new Browser(t.app); await otherCounty.login('nx-office');
    pub = new Browser(t.app);
    const [it] = await t.database.db.select().from(guideItems).where(eq(guideItems.code, lowbao.code));
    itemId = it!.id;
  });
  after(async () => t?.close());

  const latest = async () => (await t.database.db.select().from(guideVersions).where(eq(guideVersions.itemId, itemId)).orderBy(desc(guideVersions.version)).limit(1))[0]!;
  const fileRow = async (id: number) => (await t.database.db.select().from(files).where(eq(files.id, id)))[0]!;

  it('a blank form uploaded on a draft is staff-only; published, anyone downloads its bytes beside the material', async () => {
    const blank = pdfBytes('低保申请表（空白）');
    const edit = `/admin/banshi/${itemId}/edit`;
    const res = await postForm(t, editor, edit, formOf((await latest()).data), { 'materials.0.blankFile': { name: '申请表.pdf', bytes: blank } });
    assert.equal(res.statusCode, 303, res.body.slice(0, 400));
    const v = await latest();
    assert.equal(v.state, 'draft');
    const fid = v.data.materials[0]!.blankFileId;
    assert.ok(fid, 'the draft names the uploaded file');
    const f = await fileRow(fid);
    const url = `/files/${f.sha256}/a.pdf`;
    assert.equal(f.publicAt, null);
    assert.equal((await pub.get(url)).statusCode, 404, 'a draft file is not public');
    assert.equal((await otherCounty.get(url)).statusCode, 404, "another county's staff cannot read the draft file");
    const mine = await editor.get(url);
    assert.equal(mine.statusCode, 200, 'the agency reads its own draft file');
    assert.deepEqual(mine.rawPayload, blank);
    const before = await pub.get(`/shifanxian/banshi/${lowbao.code}`);
    assert.equal(before.statusCode, 200);
    assert.match(before.body, /申请材料/);
    assert.doesNotMatch(before.body, /下载空白表格/, 'the published page does not offer the draft file');

    // Re-saved without a new file: the file stays (and the form shows it).
    const form = (await editor.get(edit)).body;
    assert.match(form, /下载已上传的空白表格/);
    const again = await postForm(t, editor, edit, formOf(v.data), {});
    assert.equal(again.statusCode, 303);
    assert.equal((await latest()).data.materials[0]!.blankFileId, fid);

    for (const step of ['submit', 'approve', 'publish']) assert.equal((await office.post(`/admin/banshi/${itemId}/${step}`, {}, { from: `/admin/banshi/${itemId}` })).statusCode, 303, step);
    assert.ok((await fileRow(fid)).publicAt, 'published with its guide');
    const pr = await pub.get(`/shifanxian/banshi/${lowbao.code}`);
    const page = pr.body;
    assert.equal(pr.statusCode, 200);
    const link = /<a class="material-file" href="([^"]+)">下载空白表格（PDF）<\/a>/.exec(page)?.[1];
    assert.ok(link, `the public page offers the blank form beside the material: ${/申请材料[\s\S]{0,1500}/.exec(page)?.[0]}`);
    const dl = await pub.get(link!.replace(/&amp;/g, '&'));
    assert.equal(dl.statusCode, 200);
    assert.deepEqual(dl.rawPayload, blank, 'the same bytes');
    assert.equal(dl.headers['content-type'], 'application/pdf');
  });

  it('a refused file is a Chinese message beside its box, the rest of the form is kept; 删除 removes a file', async () => {
    const edit = `/admin/banshi/${itemId}/edit`;
    const d = (await latest()).data;
    const keptId = d.materials[0]!.blankFileId!;
    const changed = formOf({ ...d, hours: '工作日 8:30-17:30（测试修改）' });
    const scriptPdf = pdfFrom(['<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>']);
    for (const [name, bytes, msg] of [['setup.exe', exeBytes(), /不支持该文件类型/], ['样表.pdf', scriptPdf, /该 PDF 文件含有/], ['样表.pdf', Buffer.from('<html><script>alert(1)</script></html>'), /不支持该文件类型/]] as const) {
      const r = await postForm(t, editor, edit, changed, { 'materials.0.sampleFile': { name, bytes } });
      assert.equal(r.statusCode, 400, name);
      const box = /<div[^>]*field-invalid[^>]*>(?:(?!<\/div>)[\s\S])*?id="g-materials-0-sampleFile"/.exec(r.body)?.[0] ?? '';
      assert.match(box, msg, `${name}: the message sits in the 示例样表 box of material 1`);
      assert.match(r.body, /工作日 8:30-17:30（测试修改）/, 'typed text is kept');
      assert.match(r.body, new RegExp(`name="materials.0.blankFileId" value="${keptId}"`), 'the kept blank form is still there');
    }
    assert.equal((await latest()).data.hours, d.hours, 'nothing was saved');

    // A forged hidden id (a file of someone else) is refused; 删除 clears the kept file.
    const forged = changed.map(([k, v]): [string, string] => (k === 'materials.1.blankFileId' ? [k, '1'] : [k, v]));
    if (!forged.some(([k]) => k === 'materials.1.blankFileId')) forged.push(['materials.1.blankFileId', '1']);
    const theirs = await storeFile({ db: t.database.db, actor: (await demoActors(t.database.db, ['nx-office'])).get('nx-office')! }, { buffer: pdfBytes('南县的文件'), filename: 'x.pdf' });
    forged.forEach((p) => { if (p[0] === 'materials.1.blankFileId') p[1] = String(theirs.id); });
    const bad = await postForm(t, editor, edit, forged, {});
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /所选文件不属于本事项/);
    const removed = await postForm(t, editor, edit, [...changed, ['materials.0.blankFileRemove', '1']], {});
    assert.equal(removed.statusCode, 303);
    const v = await latest();
    assert.equal(v.data.materials[0]!.blankFileId, null);
    assert.equal(v.data.hours, '工作日 8:30-17:30（测试修改）');
  });
});
