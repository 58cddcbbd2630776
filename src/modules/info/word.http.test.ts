import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { pdfBytes } from '../../core/files/fixtures.js';
import { gongwenDocx } from './fixtures/word.js';

const clipboard = readFileSync(new URL('./fixtures/word-clipboard.html', import.meta.url), 'utf8');
const form = (over: Record<string, string> = {}) => ({
  title: '城关镇防汛工作动态', kind: '其他', theme: '综合政务\\应急管理', assembly: '应急管理', docNumber: '',
  writtenDate: '2026-03-02', formedDate: '2026-03-02', statutoryItem: '', body: '原有正文。', disclosure: 'active', disclosureGround: '', ...over,
});
const cookie = (b: Browser) => (b as unknown as { cookieHeader(): string }).cookieHeader();
const token = (html: string, action: string) => new RegExp(`action="${action.replace(/[?]/g, '\\?')}"[^>]*><input type="hidden" name="_csrf" value="([^"]+)"`).exec(html)?.[1];
const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
/** The body box's content as the page shows it. */
const bodyBox = (html: string) => decode(/<textarea id="d-body"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? '');

describe('publishing from Word over HTTP', () => {
  let t: TestApp;
  let editor: Browser;
  let reviewer: Browser;
  let office: Browser;
  before(async () => {
    t = await createTestApp();
    editor = new Browser(t.app);
    await editor.login('chengguan');
    reviewer = new Browser(t.app);
    await reviewer.login('chengguan-sh');
    office = new Browser(t.app);
    await office.login('office');
  });
  after(() => t.close());

  /** Uploads a file through the page's own import form, as the browser would. */
  const upload = async (who: Browser, page: string, action: string, buf: Buffer, name: string) => {
    const html = (await who.get(page)).body;
    const csrf = token(html, action) ?? /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const boundary = '----gk' + Date.now();
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="docx"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      buf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({ method: 'POST', url: action, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookie(who), accept: 'text/html' } });
  };

  const clean = async (who: Browser, payload: object, csrf?: string) => {
    const html = (await who.get('/admin/info/new')).body;
    const tok = csrf ?? /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    return t.app.inject({ method: 'POST', url: '/admin/info/clean-body', payload, headers: { cookie: cookie(who), 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': tok } });
  };

  it('reads a .docx into the new-information form, and saving it stores the body with its structure', async () => {
    const res = await upload(editor, '/admin/info/new', '/admin/info/new/docx', await gongwenDocx(), '防汛通知.docx');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /已读取“防汛通知.docx”的正文，并识别出标题、文号、成文日期。尚未保存/);
    assert.match(res.body, /id="d-title" name="title"[^>]*value="城关镇人民政府关于做好2026年春季防汛工作的通知"/);
    assert.match(res.body, /id="d-docno" name="docNumber"[^>]*value="城政发〔2026〕12号"/);
    assert.match(res.body, /id="d-written" name="writtenDate"[^>]*value="2026-03-02"/);
    assert.match(res.body, /<option value="通知" selected>/);
    const body = bodyBox(res.body);
    assert.match(body, /<h2>一、工作目标<\/h2>/);
    assert.match(body, /<ul><li>巡查河道堤防<\/li>/);
    assert.match(body, /<table>/);
    assert.ok(!res.body.includes('<script>alert'), 'the script-like text is shown escaped');
    assert.match(res.body, /<div id="d-body-preview" class="doc-body"><p>各村（社区）、镇直各单位：<\/p>/, 'the preview shows the body as it will be published');

    const saved = await editor.post('/admin/info/new', form({ title: '城关镇人民政府关于做好2026年春季防汛工作的通知', kind: '通知', docNumber: '城政发〔2026〕12号', body }));
    assert.equal(saved.statusCode, 303);
    const page = await reviewer.get(String(saved.headers.location).split('?')[0]!);
    assert.match(page.body, /<h2>一、工作目标<\/h2>/);
    assert.match(page.body, /<strong>人民群众生命财产安全<\/strong>/);
  });

  it('refuses a wrong type, a corrupt and an oversize .docx with a Chinese message beside the file box, leaving the draft alone', async () => {
    const created = await editor.post('/admin/info/new', form());
    const url = String(created.headers.location).split('?')[0]!;
    const id = url.split('/').pop();
    const action = `/admin/info/editions/${id}/docx`;
    const cases: [Buffer, string, number, RegExp][] = [
      [pdfBytes(), '通知.pdf', 400, /只能导入 Word 文档（.docx）/],
      [Buffer.from('not a zip at all'), '通知.docx', 400, /不是 Word 文档（.docx），或文件已损坏/],
      [(await gongwenDocx()).subarray(0, 3000), '通知.docx', 400, /损坏/],
      [Buffer.concat([await gongwenDocx(), Buffer.alloc(11 * 1024 * 1024)]), '通知.docx', 413, /不能超过 10 MB/],
    ];
    for (const [buf, name, status, message] of cases) {
      const res = await upload(editor, url, action, buf, name);
      assert.equal(res.statusCode, status, name);
      assert.match(res.body, new RegExp(`<p class="field-error" id="d-docx-error">[^<]*${message.source}`), 'the reason is beside the file box');
      assert.equal(bodyBox(res.body), '<p>原有正文。</p>', 'the form still holds the draft’s own body');
    }
    assert.match((await editor.get(url)).body, /<textarea id="d-body"[^>]*>&lt;p&gt;原有正文。&lt;\/p&gt;<\/textarea>/, 'nothing was stored');
  });

  it('reads a .docx into an existing draft: the body is replaced in the form, its metadata kept', async () => {
    const created = await editor.post('/admin/info/new', form({ title: '已有标题的草稿' }));
    const url = String(created.headers.location).split('?')[0]!;
    const res = await upload(editor, url, `${url}/docx`, await gongwenDocx(), '正文.docx');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /value="已有标题的草稿"/);
    assert.match(res.body, /id="d-docno" name="docNumber"[^>]*value="城政发〔2026〕12号"/, 'an empty 文号 is filled');
    assert.match(bodyBox(res.body), /<h2>一、工作目标<\/h2>/);
    assert.match((await editor.get(url)).body, /原有正文/, 'saved only when the form is');
  });

  it('lets only the draft’s own editors import into it', async () => {
    const created = await editor.post('/admin/info/new', form({ title: '他人不得导入的草稿' }));
    const url = String(created.headers.location).split('?')[0]!;
    const docx = await gongwenDocx();
    const hexi = new Browser(t.app);
    await hexi.login('hexi');
    assert.equal((await upload(hexi, '/admin/info/new', `${url}/docx`, docx, 'a.docx')).statusCode, 404, 'another township’s editor');
    assert.equal((await upload(reviewer, '/admin', `${url}/docx`, docx, 'a.docx')).statusCode, 403, 'a reviewer edits no drafts');
    assert.equal((await upload(office, '/admin', '/admin/info/new/docx', docx, 'a.docx')).statusCode, 403);
    await editor.post(`${url}/transition`, { action: 'submit' }, { from: url });
    const submitted = await upload(editor, url, `${url}/docx`, docx, 'a.docx');
    assert.equal(submitted.statusCode, 409, 'a submitted draft is not edited');
  });

  it('cleans a Word paste with the body sanitiser, for editors only and with the CSRF token', async () => {
    const res = await clean(editor, { paste: clipboard });
    assert.equal(res.statusCode, 200);
    const { html } = res.json() as { html: string };
    assert.match(html, /<h2>一、工作目标<\/h2>/);
    assert.match(html, /<ul><li>巡查河道堤防<ul><li>重点险段每日一巡<\/li><\/ul><\/li>/);
    assert.match(html, /<table>/);
    assert.ok(!/mso-|<o:p|<!--|<script|style=/.test(html));
    const preview = await clean(editor, { body: '第一段\n\n第二段' });
    assert.equal((preview.json() as { html: string }).html, '<p>第一段</p><p>第二段</p>');
    assert.equal((await clean(editor, { paste: clipboard }, 'forged')).statusCode, 403);
    const r = await clean(reviewer, { paste: clipboard });
    assert.equal(r.statusCode, 403);
    assert.equal((r.json() as { error: { code: string } }).error.code, 'forbidden');
    const anon = await t.app.inject({ method: 'POST', url: '/admin/info/clean-body', payload: { paste: clipboard }, headers: { accept: 'application/json' } });
    assert.notEqual(anon.statusCode, 200);
  });

  it('saves raw Word HTML (no script in the browser) through the same sanitiser', async () => {
    const saved = await editor.post('/admin/info/new', form({ title: '直接粘贴的源码', body: clipboard }));
    assert.equal(saved.statusCode, 303);
    const page = (await editor.get(String(saved.headers.location).split('?')[0]!)).body;
    const body = bodyBox(page);
    assert.match(body, /<ol><li>制定应急预案<\/li>/);
    assert.ok(!/mso-|<o:p|<!--/.test(body));
  });

  it('shows each problem beside its field, all in one pass, and the 公开属性 as separate labelled options', async () => {
    const res = await editor.post('/admin/info/new', form({ title: '', docNumber: '城政[2026]第05号', disclosure: 'not_public', disclosureGround: '', writtenDate: '2026-03-05', formedDate: '2026-03-01' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<p class="field-error" id="d-title-error">请填写名称<\/p>/);
    assert.match(res.body, /<p class="field-error" id="d-docno-error">年份应使用六角括号/);
    assert.match(res.body, /<p class="field-error" id="d-negentry-error">不予公开须从负面清单中选择依据事项/);
    assert.match(res.body, /<p class="field-error" id="d-formed-error">信息形成日期不能早于成文日期/);
    assert.match(res.body, /<input id="d-docno"[^>]*aria-describedby="d-docno-hint d-docno-error"/);
    for (const label of ['主动公开', '依申请公开', '不予公开']) assert.match(res.body, new RegExp(`<label class="choice"><input type="radio" name="disclosure"[^>]*><span class="choice-label">${label}</span>`));
    assert.match(res.body, /<p class="field-hint" id="d-written-hint">格式：年-月-日/);
  });

  it('shows the office’s settings problems together, each beside its field', async () => {
    const res = await office.post('/admin/info/settings', { indexRule: '{code}', assemblies: '  \n ' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<p class="field-error" id="s-rule-error">[^<]*\{year\}/);
    assert.match(res.body, /<p class="field-error" id="s-assemblies-error">组配分类至少要有一项。<\/p>/);
    assert.match(res.body, /<label for="s-rule">索引号规则<span class="req"/);
  });

  it('shows a re-evaluation’s missing reason beside that row’s field, keeping the chosen conclusion', async () => {
    const entryId = /<option value="(\d+)">[^<]*第十六条第二款/.exec((await editor.get('/admin/info/new')).body)?.[1];
    assert.ok(entryId, 'the agency\u2019s published negative-list entries are offered on the form');
    const created = await editor.post('/admin/info/new', form({ title: '待评估的不予公开信息', disclosure: 'not_public', negEntryId: entryId }));
    const url = String(created.headers.location).split('?')[0]!;
    await editor.post(`${url}/transition`, { action: 'submit' }, { from: url });
    const page = (await reviewer.get('/admin/info/reevaluation?year=2026')).body;
    const documentId = new RegExp(`href="${url}">待评估的不予公开信息</a>[\\s\\S]*?name="documentId" value="(\\d+)"`).exec(page)?.[1];
    assert.ok(documentId, 'the withheld draft is listed with its form');
    const res = await reviewer.post('/admin/info/reevaluation?year=2026', { documentId, decision: 'disclose', reason: ' ' }, { from: '/admin/info/reevaluation?year=2026' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, new RegExp(`<p class="field-error" id="r-r-${documentId}-error">请写明评估理由。</p>`));
    assert.match(res.body, new RegExp(`<select id="r-d-${documentId}"[^>]*><option value="keep">维持不公开</option><option value="disclose" selected>`));
  });
});
