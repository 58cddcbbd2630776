import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { desc, eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../core/audit/schema.js';
import { BAODI_SPEC, buildXlsx } from './io/fixtures/county-sheets.js';
import { formAction, uploadTo } from './fixtures/upload.js';
import { publishedItems } from './queries.js';
import { domainTemplates } from './repository.js';
import { domains } from './schema.js';

/** The shipped templates of the 26 domains, and a supervising department completing its own. */
describe('domain templates', () => {
  let t: TestApp;
  let minzheng: Browser;
  let saId: number;
  const PAGE = '/admin/templates/social-assistance';
  /** The full 民政 guide as a department has it: the 宝坻 rows plus rows the shipped template lacks. */
  const guide = (title = ['社会救助领域基层政务公开标准指引']) =>
    buildXlsx({
      ...BAODI_SPEC,
      title,
      rows: [
        ...BAODI_SPEC.rows,
        [5, '特困人员救助供养', '办事指南', '办理事项、办理条件、救助供养标准', '《社会救助暂行办法》', '制定或获取信息之日起10个工作日内', '县级政府民政部门', '■政府网站', '√', null, '√', null, '√', '√'],
      ],
    });

  before(async () => {
    t = await createTestApp();
    minzheng = new Browser(t.app);
    await minzheng.login('minzheng');
    saId = (await t.database.db.select().from(domains).where(eq(domains.code, 'social-assistance')))[0]!.id;
  });
  after(() => t.close());

  it('lists all 26 pilot domains with template rows, each partial', async () => {
    const staff = new Browser(t.app);
    await staff.login('chengguan');
    const page = await staff.get('/admin/templates');
    assert.equal(page.statusCode, 200);
    const rows = [...page.body.matchAll(/<th scope="row" data-label="领域"><a href="\/admin\/templates\/[^"]+">([^<]+)<\/a><\/th><td[^>]*>[^<]*<\/td><td data-label="模板事项">(\d+)<\/td>/g)];
    assert.equal(rows.length, 26);
    for (const [, name, n] of rows) assert.ok(Number(n) > 0, `${name} has template rows`);
    assert.equal(page.body.match(/部分模板/g)?.length, 26);
  });

  it('shows each row’s source and marks the template partial and the rows cut off', async () => {
    const page = (await minzheng.get(PAGE)).body;
    assert.match(page, /本领域模板不完整（部分模板）/);
    assert.match(page, /2 项在来源目录中被截断/);
    assert.match(page, /第 5 项 最低生活保障 \/ 审核信息/);
    assert.equal(page.match(/class="tag tag-cut">来源截断/g)?.length, 2);
    assert.match(page, /大竹县/);
    assert.match(page, /href="http:\/\/www\.dazhu\.gov\.cn\/xxgk-show-199777\.html"/);
  });

  it('shows sources and cut rows where an editor compiles from the template', async () => {
    const editor = new Browser(t.app);
    await editor.login('chengguan');
    const page = (await editor.get(`/admin/catalogs/new?domain=${saId}`)).body;
    assert.match(page, /本领域模板不完整/);
    assert.match(page, /不能直接采用的模板事项（2）/);
    assert.equal(page.match(/name="adopt"/g)?.length, 6, 'only the rows that can be adopted are offered');
    assert.match(page, /稻城县/);
  });

  it('lets only the domain’s supervising department import its template (403 for others)', async () => {
    for (const who of ['chengguan', 'jiaoyu', 'office']) {
      const b = new Browser(t.app);
      await b.login(who);
      assert.doesNotMatch((await b.get(PAGE)).body, /上传并预览/, `${who} sees no import form`);
      // Post with a token from a page they can open, to the import they may not make.
      const page = await b.get(PAGE);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const boundary = 'x' + who;
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="guide.xlsx"\r\n\r\n`),
        await guide(),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const cookie = (b as unknown as { cookieHeader(): string }).cookieHeader();
      const post = await t.app.inject({ method: 'POST', url: `${PAGE}/import`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie, accept: 'text/html' } });
      assert.equal(post.statusCode, 403, `${who} is refused`);
    }
    assert.equal((await domainTemplates(t.database.db, saId)).length, 8);
  });

  it('refuses a guide for another domain, a CSV and an oversize file, changing nothing', async () => {
    const wrong = await uploadTo(t.app, minzheng, PAGE, '/import', await guide(['义务教育领域基层政务公开标准指引']), 'guide.xlsx');
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /「义务教育」领域/);
    assert.match(wrong.body, /「社会救助」领域的标准模板/);
    const csv = await uploadTo(t.app, minzheng, PAGE, '/import', Buffer.from('一级事项,二级事项\n综合业务,政策'), 'guide.csv');
    assert.equal(csv.statusCode, 400);
    assert.match(csv.body, /不是有效的 Excel/);
    const big = await uploadTo(t.app, minzheng, PAGE, '/import', Buffer.alloc(6 * 1024 * 1024, 1), 'guide.xlsx');
    assert.equal(big.statusCode, 413);
    assert.equal((await domainTemplates(t.database.db, saId)).length, 8);
  });

  it('previews the guide, then on confirmation replaces the template and no agency’s catalog', async () => {
    const published = await publishedItems(t.database.db, { domainId: saId, limit: 1000 });
    assert.ok(published.length > 0, 'the demo has published 社会救助 catalogs');
    const res = await uploadTo(t.app, minzheng, PAGE, '/import', await guide(), '社会救助领域标准指引.xlsx');
    assert.equal(res.statusCode, 303);
    const preview = String(res.headers.location);
    const page = (await minzheng.get(preview)).body;
    assert.match(page, /导入预览：社会救助领域标准模板/);
    assert.match(page, /领域：文件标明「社会救助」/);
    // 宝坻's 综合业务/政策（法规文件）… are named apart from 大竹's rows; only 最低生活保障/办事指南 matches.
    assert.match(page, /新增 4 项、修改 1 项、删除 7 项；导入后共 5 项/);
    assert.match(page, /公开层级：<del>（空）<\/del> → <ins>县级、乡级<\/ins>/);
    assert.match(page, /<strong>删除<\/strong>：最低生活保障 \/ 审核信息/);
    assert.match(page, /<strong>新增<\/strong>：特困人员救助供养 \/ 办事指南/);
    assert.equal((await domainTemplates(t.database.db, saId)).length, 8, 'nothing changes before confirmation');

    const other = new Browser(t.app);
    await other.login('jiaoyu');
    assert.equal((await other.get(preview)).statusCode, 403);

    const done = await minzheng.post(formAction(page, '/confirm'), {}, { from: preview });
    assert.equal(done.statusCode, 303);
    const rows = await domainTemplates(t.database.db, saId);
    assert.deepEqual(rows.map((r) => r.level2), ['政策（法规文件）', '监督（检查）', '政策（法规文件）', '办事指南', '办事指南']);
    assert.ok(rows.every((r) => r.source.startsWith('县民政局导入《社会救助领域标准指引.xlsx》') && !r.cut));
    const after = (await minzheng.get(PAGE)).body;
    assert.match(after, /本领域模板完整/);
    assert.doesNotMatch(after, /来源截断/);
    assert.deepEqual(await publishedItems(t.database.db, { domainId: saId, limit: 1000 }), published, 'published catalogs are untouched');
    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'catalog.template_imported')).orderBy(desc(auditEvents.seq)).limit(1);
    assert.equal(event!.targetId, String(saId));
    const office = new Browser(t.app);
    await office.login('office');
    assert.match((await office.get('/admin/audit')).body, /导入领域标准模板/);
  });
});
