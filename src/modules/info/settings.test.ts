import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../core/auth/actor.js';
import { AppError } from '../../core/errors.js';
import { pdfBytes, pngBytes } from '../../core/files/fixtures.js';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { login } from '../account/service.js';
import { DEMO_PASSWORD } from '../../seed/demo.js';
import { attachFile } from './attachments.js';
import { findEdition } from './repository.js';
import { createDraft, transition, updateDraft } from './service.js';
import { formatIndexNumber, getInfoSettings, indexRuleProblem, updateInfoSettings } from './settings.js';
import { parseQa, type DraftInput } from './validate.js';

const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));
const draft = (over: Partial<DraftInput> = {}): DraftInput => ({
  title: '城关镇关于加强秸秆禁烧工作的意见', kind: '意见', theme: '城乡建设、环境保护\\环境监测、保护与治理', assembly: '业务工作', docNumber: '城政〔2026〕31号',
  writtenDate: '2026-04-01', formedDate: '2026-04-01', regulatory: false, body: '各村：现提出如下意见。', disclosure: 'active', disclosureGround: '',
  catalogItemKeys: [], changeNote: '', minorChange: false, ...over,
});
const settingsInput = (over: Partial<{ indexRule: string; assemblies: string; interpretationKinds: string[] }> = {}) => ({
  indexRule: '{code}/{year}-{serial:5}', assemblies: '机构概况\n政策法规\n业务工作\n其他', interpretationKinds: [] as string[], ...over,
});

describe('the office sets the 索引号 rule, 组配分类 and the kinds that need interpretation', () => {
  let t: TestApp;
  const actors = new Map<string, Actor>();
  const as = (u: string) => ({ db: t.database.db, actor: actors.get(u)! });
  const approve = async (editionId: number) => {
    await transition(as('chengguan'), editionId, 'submit');
    await transition(as('chengguan-sh'), editionId, 'approve', { secrecyConclusion: '不涉及国家秘密' });
  };

  before(async () => {
    t = await createTestApp();
    for (const u of ['chengguan', 'chengguan-sh', 'office']) {
      const r = await login(t.database.db, { username: u, password: DEMO_PASSWORD, address: "127.0.0.1" });
      assert.ok(r.ok);
      actors.set(u, r.actor);
    }
  });
  after(() => t.close());

  it('accepts only 索引号 rules that keep numbers unique, and formats them', () => {
    assert.equal(indexRuleProblem('{code}/{year}-{serial:5}'), null);
    assert.equal(indexRuleProblem('{year}.{code}.{serial:6}'), null);
    assert.match(indexRuleProblem('{code}-{serial:5}')!, /\{year\}/);
    assert.match(indexRuleProblem('{code}/{year}/{year}-{serial}')!, /只包含一次/);
    assert.match(indexRuleProblem('{code}/{year}-{serial:9}')!, /3 到 8/);
    assert.match(indexRuleProblem('{code}<script>{year}{serial}')!, /分隔符/);
    assert.match(indexRuleProblem('{code}/{yr}-{serial}')!, /占位符/);
    assert.equal(formatIndexNumber('{year}.{code}.{serial:6}', 'ABC', 2026, 42), '2026.ABC.000042');
  });

  it('lets only the office change the rules, audited, and numbers the next publication by the new rule', async () => {
    await assert.rejects(updateInfoSettings(as('chengguan'), settingsInput()), (e) => code(e) === 'forbidden');
    await assert.rejects(updateInfoSettings(as('office'), settingsInput({ indexRule: '{code}-{serial}' })), (e) => code(e) === 'invalid_input' && /\{year\}/.test((e as Error).message));
    await assert.rejects(updateInfoSettings(as('office'), settingsInput({ assemblies: '\n \n' })), (e) => /至少/.test((e as Error).message));
    await assert.rejects(updateInfoSettings(as('office'), settingsInput({ interpretationKinds: ['不存在的种类'] })), (e) => /公文种类/.test((e as Error).message));
    assert.equal((await getInfoSettings(t.database.db)).indexRule, '{code}/{year}-{serial:5}', 'nothing changed by refused input');

    await updateInfoSettings(as('office'), settingsInput({ indexRule: 'GK-{year}-{code}-{serial:4}' }));
    const audit = await t.database.db.execute(sql`select count(*)::int as n from audit_events where action = 'info.settings_updated'`);
    assert.equal((audit as unknown as { rows: { n: number }[] }).rows[0]!.n, 1);

    const d = await createDraft(as('chengguan'), draft());
    await approve(d.editionId);
    await transition(as('chengguan-sh'), d.editionId, 'publish');
    assert.match((await findEdition(t.database.db, d.editionId)).indexNumber!, /^GK-\d{4}-[0-9A-Z]{18}-\d{4}$/);
    await updateInfoSettings(as('office'), settingsInput());
  });

  it('refuses a 组配分类 outside the office list', async () => {
    await assert.rejects(createDraft(as('chengguan'), draft({ assembly: '自编分类' })), (e) => /组配分类/.test((e as Error).message));
    await updateInfoSettings(as('office'), settingsInput({ assemblies: '业务工作\n自编分类' }));
    const d = await createDraft(as('chengguan'), draft({ assembly: '自编分类', docNumber: '' }));
    assert.equal((await findEdition(t.database.db, d.editionId)).assembly, '自编分类');
    await updateInfoSettings(as('office'), settingsInput());
    // A draft keeps a value the list has since dropped.
    await updateDraft(as('chengguan'), d.editionId, draft({ assembly: '自编分类', docNumber: '', title: '改了标题的意见' }));
  });

  it('holds back a configured kind until its interpretation is approved', async () => {
    await updateInfoSettings(as('office'), settingsInput({ interpretationKinds: ['意见'] }));
    const policy = await createDraft(as('chengguan'), draft({ docNumber: '城政〔2026〕32号' }));
    await approve(policy.editionId);
    await assert.rejects(transition(as('chengguan-sh'), policy.editionId, 'publish'), (e) => code(e) === 'interpretation_required' && /“意见”类文件/.test((e as Error).message));
    const other = await createDraft(as('chengguan'), draft({ kind: '通知', docNumber: '城政〔2026〕33号' }));
    await approve(other.editionId);
    await transition(as('chengguan-sh'), other.editionId, 'publish');
    await updateInfoSettings(as('office'), settingsInput());
    await transition(as('chengguan-sh'), policy.editionId, 'publish');
    assert.equal((await findEdition(t.database.db, policy.editionId)).state, 'published');
  });

  it('parses 简明问答 and refuses malformed pairs and unsafe media links', async () => {
    assert.deepEqual(parseQa('问：谁可以申请？\n答：本镇户籍居民。\n\nQ: 去哪里办？\nA: 镇便民服务中心\n一楼窗口'), { pairs: [{ q: '谁可以申请？', a: '本镇户籍居民。' }, { q: '去哪里办？', a: '镇便民服务中心\n一楼窗口' }] });
    assert.match((parseQa('问：只有问题') as { problem: string }).problem, /缺少回答/);
    assert.match((parseQa('答：没有问题的回答') as { problem: string }).problem, /前须有一个问题/);
    assert.match((parseQa('随便写的话') as { problem: string }).problem, /问：/);
    await assert.rejects(createDraft(as('chengguan'), draft({ qa: '问：只有问题', docNumber: '' })), (e) => /缺少回答/.test((e as Error).message));
    await assert.rejects(createDraft(as('chengguan'), draft({ mediaUrl: 'javascript:alert(1)', docNumber: '' })), (e) => /音视频链接/.test((e as Error).message));
  });

  it('shows an interpretation with its Q&A, 图解 image, media link and attachments on the public page and in the API', async () => {
    const policy = await createDraft(as('chengguan'), draft({ regulatory: true, kind: '通知', title: '城关镇村级公益事业一事一议筹资筹劳管理办法', docNumber: '城政〔2026〕40号' }));
    await approve(policy.editionId);
    const interp = await createDraft(as('chengguan'), {
      ...draft({ kind: '政策解读', title: '《城关镇村级公益事业一事一议筹资筹劳管理办法》解读', docNumber: '', qa: '问：筹资上限是多少？\n答：每人每年不超过<b>20</b>元。', mediaUrl: 'https://video.example.gov.cn/jd/2026-40.mp4' }),
      interpretsId: policy.documentId,
    });
    await attachFile(as('chengguan'), interp.editionId, { buffer: pngBytes(), filename: '一图读懂筹资筹劳.png' });
    await attachFile(as('chengguan'), interp.editionId, { buffer: pdfBytes(), filename: '筹资筹劳测算表.pdf' });
    await approve(interp.editionId);
    await transition(as('chengguan-sh'), policy.editionId, 'publish');

    const page = await new Browser(t.app).get(`/xxgk/${interp.documentId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2 id="qa-h">简明问答<\/h2>/);
    assert.match(page.body, /问：筹资上限是多少？/);
    assert.match(page.body, /每人每年不超过&lt;b&gt;20&lt;\/b&gt;元/, 'answer text is escaped');
    assert.match(page.body, /<h2 id="fig-h">图解<\/h2>[\s\S]*<img src="\/files\/[0-9a-f]{64}\/[^"]+" alt="一图读懂筹资筹劳"/);
    assert.match(page.body, /href="https:\/\/video\.example\.gov\.cn\/jd\/2026-40\.mp4" rel="noopener noreferrer nofollow"/);
    assert.match(page.body, /<h2 id="att-h">附件<\/h2>[\s\S]*筹资筹劳测算表\.pdf/);
    const img = /<img src="([^"]+)"/.exec(page.body)![1]!;
    const file = await t.app.inject({ method: 'GET', url: img });
    assert.equal(file.statusCode, 200, 'the 图解 image is public once published');
    assert.equal(file.headers['content-type'], 'image/png');

    const api = JSON.parse((await t.app.inject({ method: 'GET', url: `/api/v1/documents/${interp.documentId}` })).body);
    assert.deepEqual(api.qa, [{ q: '筹资上限是多少？', a: '每人每年不超过<b>20</b>元。' }]);
    assert.equal(api.mediaUrl, 'https://video.example.gov.cn/jd/2026-40.mp4');
    assert.deepEqual(api.attachments.map((a: { name: string; mime: string }) => [a.name, a.mime]), [['一图读懂筹资筹劳.png', 'image/png'], ['筹资筹劳测算表.pdf', 'application/pdf']]);
  });

  it('saves the settings through the office page, with CSRF, and refuses an editor', async () => {
    const office = new Browser(t.app);
    await office.login('office');
    const page = await office.get('/admin/info/settings');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /索引号规则/);
    const bad = await office.post('/admin/info/settings', { indexRule: '{code}', assemblies: '业务工作' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /须包含且只包含一次 \{year\}/);
    assert.match(bad.body, /value="\{code\}"/, 'keeps what was typed');
    const noCsrf = await office.post('/admin/info/settings', settingsInput(), { csrf: null });
    assert.equal(noCsrf.statusCode, 403);
    const ok = await office.post('/admin/info/settings', settingsInput({ interpretationKinds: ['决定'] }));
    assert.equal(ok.statusCode, 303);
    assert.deepEqual((await getInfoSettings(t.database.db)).interpretationKinds, ['决定']);
    const editor = new Browser(t.app);
    await editor.login('chengguan');
    assert.equal((await editor.get('/admin/info/settings')).statusCode, 403);
  });
});
