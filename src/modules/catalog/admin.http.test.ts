import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { formAction, uploadTo } from './fixtures/upload.js';
import { errorBeside } from '../../test/form-errors.js';

const item = (over: Record<string, string | string[]> = {}) => ({
  origin: 'local', level1: '综合业务', level2: '本镇补充', level3: '', itemCode: '', content: '内容', basis: '《中华人民共和国政府信息公开条例》',
  timeLimitText: '信息形成或者变更之日起20个工作日内', subject: '城关镇人民政府', channels: ['政府网站'], otherChannels: '', audiencePublic: '1', modeActive: '1', levels: ['township'], ...over,
});

describe('catalog back office over HTTP', () => {
  let t: TestApp;
  let editor: Browser;
  let versionUrl: string;
  before(async () => {
    t = await createTestApp();
    editor = new Browser(t.app);
    await editor.login('chengguan');
    const compile = await editor.get('/admin/catalogs/new?domain=20');
    assert.equal(compile.statusCode, 200);
    const ids = [...compile.body.matchAll(/name="adopt" value="(\d+)"/g)].map((m) => m[1]!);
    const res = await editor.post('/admin/catalogs/new?domain=20', { adopt: ids, subject: '城关镇人民政府' });
    assert.equal(res.statusCode, 303);
    versionUrl = String(res.headers.location).split('?')[0]!;
  });
  after(() => t.close());

  it('stores hostile text exactly and shows it escaped', async () => {
    const evil = `<script>alert(1)</script>'; DROP TABLE catalog_items;--`;
    const res = await editor.post(`${versionUrl}/items`, item({ level2: evil, content: evil }), { from: versionUrl });
    assert.equal(res.statusCode, 303);
    const page = await editor.get(versionUrl);
    assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;&#39;; DROP TABLE catalog_items;--'));
    assert.ok(!page.body.includes('<script>alert(1)'));
  });

  it('refuses an oversize or incomplete item with Chinese messages and keeps the draft as it was', async () => {
    const before = (await editor.get(versionUrl)).body.match(/<tr>/g)!.length;
    const big = await editor.post(`${versionUrl}/items`, item({ content: '字'.repeat(5000) }), { from: versionUrl });
    assert.equal(big.statusCode, 400);
    assert.match(big.body, /过长|不能超过/);
    const empty = await editor.post(`${versionUrl}/items`, item({ level1: '', audiencePublic: [], modeActive: [] }), { from: versionUrl });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /请填写一级事项/);
    assert.match(empty.body, /公开对象至少选择一项/);
    assert.match(empty.body, /公开方式至少选择一项/);
    const wrongType = await editor.post(`${versionUrl}/items`, item({ channels: ['不存在的渠道'] }), { from: versionUrl });
    assert.equal(wrongType.statusCode, 400);
    assert.equal((await editor.get(versionUrl)).body.match(/<tr>/g)!.length, before);
  });

  it('shows every problem of an item beside its own box in one pass, keeping what was typed', async () => {
    // An unknown channel used to stop the other checks (公开对象) until it was fixed.
    const res = await editor.post(`${versionUrl}/items`, item({ origin: 'power_list', level1: '', level2: '我的二级事项', content: '我写的内容', channels: ['不存在的渠道'], audiencePublic: [] }), { from: versionUrl });
    assert.equal(res.statusCode, 400);
    assert.equal(errorBeside(res.body, 'i-level1'), '请填写一级事项');
    assert.equal(errorBeside(res.body, 'i-channels'), '公开渠道不在标准清单中');
    assert.equal(errorBeside(res.body, 'i-audience'), '公开对象至少选择一项（全社会或特定群体）');
    assert.equal(errorBeside(res.body, 'i-level2'), undefined, 'a correct field carries no error');
    assert.match(res.body, /<input id="i-level2" name="level2"[^>]*value="我的二级事项"/);
    assert.match(res.body, /<textarea id="i-content"[^>]*>我写的内容<\/textarea>/);
    assert.match(res.body, /<option value="power_list" selected>/, 'the chosen origin stays chosen');

    const itemUrl = /href="(\/admin\/catalogs\/items\/\d+)"/.exec((await editor.get(versionUrl)).body)![1]!;
    const edit = await editor.post(itemUrl, item({ subject: '', modeActive: [], basis: '我改过的依据' }), { from: itemUrl });
    assert.equal(edit.statusCode, 400);
    assert.equal(errorBeside(edit.body, 'i-subject'), '请填写公开主体');
    assert.equal(errorBeside(edit.body, 'i-mode'), '公开方式至少选择一项（主动或依申请）');
    assert.match(edit.body, /<textarea id="i-basis"[^>]*>我改过的依据<\/textarea>/);
  });

  it('asks for the reason of each template row left out, beside its own box, keeping the choices', async () => {
    // A domain 城关镇 has no catalog for yet, with at least three rows to adopt.
    let url = '';
    let ids: string[] = [];
    for (let d = 1; d <= 26 && ids.length < 3; d++) {
      url = `/admin/catalogs/new?domain=${d}`;
      ids = [...(await editor.get(url)).body.matchAll(/name="adopt" value="(\d+)"/g)].map((m) => m[1]!);
    }
    const [a, b, ...rest] = ids;
    const res = await editor.post(url, { adopt: rest, subject: '城关镇人民政府（我填的）' }, { from: url });
    assert.equal(res.statusCode, 400);
    assert.match(errorBeside(res.body, `reason-${a}`) ?? '', /^未采用「.+」，请说明不适用理由。$/);
    assert.match(errorBeside(res.body, `reason-${b}`) ?? '', /^未采用「.+」，请说明不适用理由。$/);
    assert.equal(errorBeside(res.body, `reason-${rest[0]}`), undefined);
    assert.match(res.body, /id="c-subject"[^>]*value="城关镇人民政府（我填的）"/);
    assert.match(res.body, new RegExp(`name="adopt" value="${a}" aria-label`), 'a row left out stays unticked');
  });

  it('lets another township neither see nor change the draft', async () => {
    const other = new Browser(t.app);
    await other.login('hexi');
    const page = await other.get(versionUrl);
    assert.equal(page.statusCode, 404);
    assert.doesNotMatch(page.body, /城关镇人民政府/);
    const post = await other.post(`${versionUrl}/items`, item(), { from: '/admin' });
    assert.equal(post.statusCode, 404);
    const list = await other.get('/admin/catalogs');
    assert.doesNotMatch(list.body, new RegExp(versionUrl));
    const exp = await other.get(`${versionUrl}/export.xlsx`);
    assert.equal(exp.statusCode, 404);
  });

  it('refuses a broken spreadsheet whole, listing row and column, and accepts a good one', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('目录');
    ws.addRow(['序号', '公开事项', '', '公开内容（要素）', '公开依据', '公开时限', '公开主体', '公开渠道和载体', '公开对象', '', '公开方式', '', '公开层级', '']);
    ws.addRow(['', '一级事项', '二级事项', '', '', '', '', '', '全社会', '特定群体', '主动', '依申请', '县级', '乡级']);
    ws.addRow([1, '综合业务', '政策文件', '《社会救助暂行办法》', '《信息公开条例》', '制定或获取信息之日起10个工作日内', '城关镇人民政府', '■政府网站', '√', '', '√', '', '', '√']);
    ws.addRow([2, '综合业务', '', '监督电话', '同上', '同上', '同上', '■政府网站', '√', '', '√', '', '', '√']);
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const upload = (buf: Buffer, name: string) => uploadTo(t.app, editor, versionUrl, '/import', buf, name);
    const refused = await upload(bad, 'catalog.xlsx');
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /第 4 行「二级事项」/);
    assert.ok((await editor.get(versionUrl)).body.includes('DROP TABLE catalog_items'), 'nothing was replaced');
    ws.getCell('C4').value = '监督（检查）';
    const good = await upload(Buffer.from(await wb.xlsx.writeBuffer()), 'catalog.xlsx');
    assert.equal(good.statusCode, 303);
    const preview = String(good.headers.location);
    assert.ok((await editor.get(versionUrl)).body.includes('DROP TABLE catalog_items'), 'a preview changes nothing');
    const confirmed = await editor.post(formAction((await editor.get(preview)).body, '/confirm'), {}, { from: preview });
    assert.equal(confirmed.statusCode, 303);
    const after = (await editor.get(versionUrl)).body;
    assert.match(after, /监督（检查）/);
    assert.ok(!after.includes('DROP TABLE catalog_items'));
    const garbage = await upload(Buffer.from('not a spreadsheet at all'), 'x.xlsx');
    assert.equal(garbage.statusCode, 400);
  });

  it('ignores a duplicate submit: the second one is refused and the version is submitted once', async () => {
    const first = await editor.post(`${versionUrl}/transition`, { action: 'submit' }, { from: versionUrl });
    assert.equal(first.statusCode, 303);
    const second = await editor.post(`${versionUrl}/transition`, { action: 'submit' }, { from: versionUrl });
    assert.equal(second.statusCode, 409);
    const page = (await editor.get(versionUrl)).body;
    assert.equal(page.match(/草稿 → 待指导单位审核/g)?.length, 1);
  });
});

describe('other domains', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.close());

  it('lets the office add a domain beyond the 26, which then appears publicly, and refuses duplicates', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    const ok = await office.post('/admin/domains', { name: '统计', code: 'statistics', responsibleAgencyId: '' }, { from: '/admin/catalogs' });
    assert.equal(ok.statusCode, 303);
    const dup = await office.post('/admin/domains', { name: '统计', code: 'statistics-2', responsibleAgencyId: '' }, { from: '/admin/catalogs' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /已存在/);
    const badCode = await office.post('/admin/domains', { name: '交通运输', code: '../x', responsibleAgencyId: '' }, { from: '/admin/catalogs' });
    assert.equal(badCode.statusCode, 400);
    // Both boxes wrong: both problems at once, each beside its box, what was typed kept.
    const both = await office.post('/admin/domains', { name: '统', code: '../y', responsibleAgencyId: '' }, { from: '/admin/catalogs' });
    assert.equal(both.statusCode, 400);
    assert.equal(errorBeside(both.body, 'd-name'), '领域名称须为 2–50 个字符。');
    assert.match(errorBeside(both.body, 'd-code') ?? '', /^领域代码须为/);
    assert.match(both.body, /id="d-name"[^>]*value="统"/);
    assert.match(both.body, /id="d-code"[^>]*value="..\/y"/);
    const domains = (await t.app.inject({ url: '/api/v1/domains' })).json().data as { name: string; pilot: boolean }[];
    assert.equal(domains.length, 27);
    assert.equal(domains.find((d) => d.name === '统计')!.pilot, false);
    const editor = new Browser(t.app);
    await editor.login('hexi');
    assert.equal((await editor.post('/admin/domains', { name: '旅游', code: 'tourism', responsibleAgencyId: '' }, { from: '/admin/catalogs' })).statusCode, 403);
  });
});
