import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { desc, eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../core/audit/schema.js';
import { BAODI_SPEC, buildXlsx } from './io/fixtures/county-sheets.js';
import { formAction, uploadTo } from './fixtures/upload.js';

/** Catalog import over HTTP: a file for another domain or agency is refused; others are previewed, then confirmed. */
describe('importing a spreadsheet into an agency catalog', () => {
  let t: TestApp;
  let editor: Browser;
  let versionUrl: string;
  const itemsOf = async () => [...(await editor.get(versionUrl)).body.matchAll(/<td data-label="二级事项">(?:<a [^>]*>)?([^<]*)/g)].map((m) => m[1]);
  const upload = (bytes: Buffer, name: string) => uploadTo(t.app, editor, versionUrl, '/import', bytes, name);
  const sheet = (title: string[] | undefined, level2 = '政策（法规文件）') =>
    buildXlsx({ ...BAODI_SPEC, title, rows: BAODI_SPEC.rows.map((r, i) => (i === 0 ? [r[0]!, r[1]!, level2, ...r.slice(3)] : r)) });

  before(async () => {
    t = await createTestApp();
    editor = new Browser(t.app);
    await editor.login('chengguan');
    const domains = (await t.app.inject({ url: '/api/v1/domains' })).json().data as { id: number; code: string }[];
    const sa = domains.find((d) => d.code === 'social-assistance')!.id;
    const compile = await editor.get(`/admin/catalogs/new?domain=${sa}`);
    const ids = [...compile.body.matchAll(/name="adopt" value="(\d+)"/g)].map((m) => m[1]!);
    const res = await editor.post(`/admin/catalogs/new?domain=${sa}`, { adopt: ids, subject: '城关镇人民政府' });
    assert.equal(res.statusCode, 303);
    versionUrl = String(res.headers.location).split('?')[0]!;
  });
  after(() => t.close());

  it('refuses a 义务教育 file from 县教育局, saying which, and leaves the 社会救助 draft as it was', async () => {
    const before = await itemsOf();
    assert.ok(before.length >= 3 && before.every(Boolean), 'the draft has its template items');
    const res = await upload(await sheet(['县教育局义务教育领域基层政务公开标准目录']), '县教育局义务教育目录.xlsx');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /文件与要导入的目录不符/);
    assert.match(res.body, /「义务教育」领域/);
    assert.match(res.body, /「县教育局」的目录/);
    assert.match(res.body, /「城关镇」的「社会救助」领域目录/);
    assert.match(res.body, /未导入任何内容/);
    assert.deepEqual(await itemsOf(), before);
  });

  it('refuses a 社会救助 file of another township', async () => {
    const before = await itemsOf();
    const res = await upload(await sheet(['河西乡社会救助领域基层政务公开标准目录']), 'catalog.xlsx');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /「河西乡」的目录/);
    assert.doesNotMatch(res.body, /属于「/, 'the domain matched, so only the agency is named');
    assert.deepEqual(await itemsOf(), before);
  });

  it('accepts a file that names neither, shows what it assumed, and changes nothing until confirmed', async () => {
    const before = await itemsOf();
    const res = await upload(await sheet(undefined, '本镇新增事项'), '目录.xlsx');
    assert.equal(res.statusCode, 303);
    const preview = String(res.headers.location);
    const page = (await editor.get(preview)).body;
    assert.match(page, /文件未标明领域，按本目录的「社会救助」领域导入（推定/);
    assert.match(page, /文件未标明机构，按「城关镇」导入（推定/);
    assert.match(page, /新增 \d+ 项、修改 \d+ 项、删除 \d+ 项；导入后共 4 项/);
    assert.match(page, /<strong>新增<\/strong>：综合业务 \/ 本镇新增事项/);
    assert.deepEqual(await itemsOf(), before, 'the preview leaves the draft alone');

    const other = new Browser(t.app);
    await other.login('hexi');
    assert.equal((await other.get(preview)).statusCode, 404, 'another township cannot open the preview');

    const done = await editor.post(formAction(page, '/confirm'), {}, { from: preview });
    assert.equal(done.statusCode, 303);
    const items = await itemsOf();
    assert.equal(items.length, 4);
    assert.ok(items.includes('本镇新增事项'));
    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'catalog.imported')).orderBy(desc(auditEvents.seq)).limit(1);
    assert.equal((event!.after as { filename: string }).filename, '目录.xlsx');
    const audit = new Browser(t.app);
    await audit.login('office');
    assert.match((await audit.get('/admin/audit')).body, /导入目录事项/);
    assert.equal((await editor.post(formAction(page, '/confirm'), {}, { from: versionUrl })).statusCode, 404, 'a preview applies once');
  });

  it('accepts its own export back, saying the file matches', async () => {
    const exported = await editor.get(`${versionUrl}/export.xlsx`);
    const name = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(String(exported.headers['content-disposition']))![1]!);
    const res = await upload(exported.rawPayload, name);
    assert.equal(res.statusCode, 303);
    const page = (await editor.get(String(res.headers.location))).body;
    assert.match(page, /领域：文件标明「社会救助」/);
    assert.match(page, /机构：文件标明「城关镇」/);
    assert.match(page, /文件中的事项与现有事项完全相同/);
    const gone = await editor.post(formAction(page, '/discard'), {}, { from: String(res.headers.location) });
    assert.equal(gone.statusCode, 303);
    assert.match((await editor.get(String(gone.headers.location))).body, /已放弃导入/);
  });

  it('refuses an oversize file and a file that is not a spreadsheet, in Chinese', async () => {
    const before = await itemsOf();
    const big = await upload(Buffer.concat([Buffer.from('PK'), Buffer.alloc(6 * 1024 * 1024)]), 'big.xlsx');
    assert.equal(big.statusCode, 413);
    assert.match(big.body, /文件不能超过 5 MB/);
    const junk = await upload(Buffer.from('<html>not a workbook</html>'), 'x.xlsx');
    assert.equal(junk.statusCode, 400);
    assert.match(junk.body, /不是有效的 Excel/);
    assert.deepEqual(await itemsOf(), before);
  });

  it('shows script in cells and in the file name as text in the preview', async () => {
    const evil = '<script>alert(1)</script>';
    const res = await upload(await sheet(undefined, evil), `${evil}.xlsx`);
    assert.equal(res.statusCode, 303);
    const page = (await editor.get(String(res.headers.location))).body;
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!page.includes(evil));
  });
});
