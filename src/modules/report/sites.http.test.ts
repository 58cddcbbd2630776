import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../config.js';
import { buildApp } from '../../http/server.js';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import { Browser } from '../../test/app.js';
import { listAgencies } from '../org/service.js';
import { publishedFacets, publishedReports } from './service.js';
import { shanghaiToday } from './deadlines.js';

// Issue 12: each government's site shows its own government's annual reports. The region demo:
// 示范市 at /, 示范县 at /shifanxian, 示范南县 at /nanxian.
describe('annual reports on each government’s site (region demo)', () => {
  let app: FastifyInstance;
  let database: Database;
  const year = Number(shanghaiToday().slice(0, 4)) - 1;
  const url: Record<'nanguan' | 'chengguan', string> = { nanguan: '', chengguan: '' };
  const agency: Record<'nanguan' | 'chengguan', number> = { nanguan: 0, chengguan: 0 };

  const publish = async (clerk: string, office: string, agencyId: number): Promise<string> => {
    const b = new Browser(app);
    await b.login(clerk);
    const created = await b.post('/admin/reports', { agencyId: String(agencyId), year: String(year) }, { from: '/admin/reports' });
    assert.equal(created.statusCode, 303, created.body);
    const at = String(created.headers.location).split('?')[0]!;
    const saved = await b.post(at, {
      overview: `${year}年，本机关依法主动公开政府信息。`,
      problems: '解读形式单一。下一步增加图解解读。',
      otherMatters: '（一）信息处理费收取情况：本年度共收取信息处理费 0 元。\n（二）其他事项：无。',
      feesWan: '0',
    }, { from: at });
    assert.equal(saved.statusCode, 303, saved.body);
    assert.equal((await b.post(`${at}/transition`, { action: 'submit' }, { from: at })).statusCode, 303);
    const o = new Browser(app);
    await o.login(office);
    const ok = await o.post(`${at}/transition`, { action: 'publish' }, { from: at });
    assert.equal(ok.statusCode, 303, ok.body);
    return `/zfxxgk/annual-reports/${at.split('/').pop()}`;
  };

  before(async () => {
    // PUBLIC_CACHE_TTL=0: what is tested here is the report pages' own scoping, each request
    // rendered for its site (the page cache is src/http/public-cache.ts's to key per site).
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_MODE: 'true', DEMO_REGION: 'true', LOGIN_RATE_LIMIT: '1000', PUBLIC_CACHE_TTL: '0' });
    database = await createTestDatabase({ demo: true, region: true, config });
    app = await buildApp({ config, db: database.db });
    await app.ready();
    const all = await listAgencies(database.db);
    agency.nanguan = all.find((a) => a.name === '南关镇')!.id;
    agency.chengguan = all.find((a) => a.name === '城关镇')!.id;
    url.nanguan = await publish('nx-nanguan', 'nx-office', agency.nanguan);
    url.chengguan = await publish('chengguan', 'office', agency.chengguan);
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  const reader = () => new Browser(app);

  it('lists a 示范南县 agency’s report on /nanxian, not on /shifanxian nor on the city’s root site', async () => {
    const nan = await reader().get('/nanxian/zfxxgk/annual-reports');
    assert.equal(nan.statusCode, 200);
    assert.ok(nan.body.includes(`href="/nanxian${url.nanguan}"`), 'listed, the link on the site’s prefix');
    assert.ok(!nan.body.includes(`${url.chengguan}"`), '示范县’s report is not on 示范南县’s site');
    assert.match(nan.body, /南关镇/);
    assert.doesNotMatch(nan.body, /城关镇/, 'nor its agency among the filters');

    const shi = await reader().get('/shifanxian/zfxxgk/annual-reports');
    assert.equal(shi.statusCode, 200);
    assert.ok(shi.body.includes(`href="/shifanxian${url.chengguan}"`));
    assert.ok(!shi.body.includes(`${url.nanguan}"`));
    assert.doesNotMatch(shi.body, /南关镇/);

    const city = await reader().get('/zfxxgk/annual-reports');
    assert.equal(city.statusCode, 200);
    assert.ok(!city.body.includes(`${url.nanguan}"`) && !city.body.includes(`${url.chengguan}"`), 'the city’s site shows the city’s own reports only');
    assert.match(city.body, /暂无已发布的年度报告/);
  });

  it("says a city's report covers the city's government and departments, its counties reporting on their own", async () => {
    const city = (await listAgencies(database.db)).find((a) => a.name === '示范市人民政府')!;
    const b = new Browser(app);
    await b.login('shi-office');
    const created = await b.post('/admin/reports', { agencyId: String(city.id), year: String(year) }, { from: '/admin/reports' });
    assert.equal(created.statusCode, 303, created.body.slice(0, 300));
    const page = await b.get(String(created.headers.location).split('?')[0]!);
    assert.match(page.body, /统计范围<\/dt><dd>本市人民政府及所属各部门（各县（市、区）另行发布本级年度报告）/);
    assert.doesNotMatch(page.body, /本县人民政府/);
    const docx = await b.get(`${String(created.headers.location).split('?')[0]!}/report.docx`);
    assert.equal(docx.statusCode, 200);
  });

  it('answers 404 for another government’s report id on this site, and its files', async () => {
    const b = reader();
    assert.equal((await b.get(`/nanxian${url.nanguan}`)).statusCode, 200);
    assert.equal((await b.get(`/nanxian${url.nanguan}/report.docx`)).statusCode, 200);
    for (const u of [url.nanguan, `${url.nanguan}/report.docx`, `${url.nanguan}/report.xlsx`]) {
      assert.equal((await b.get(`/shifanxian${u}`)).statusCode, 404, `/shifanxian${u}`);
      assert.equal((await b.get(u)).statusCode, 404, `root ${u}`);
    }
    assert.equal((await b.get(`/nanxian${url.chengguan}`)).statusCode, 404);
    // Filtering by another government's agency finds nothing rather than leaking its reports.
    const filtered = await b.get(`/shifanxian/zfxxgk/annual-reports?agency=${agency.nanguan}`);
    assert.equal(filtered.statusCode, 200);
    assert.ok(!filtered.body.includes(`${url.nanguan}"`));
  });

  it('keeps the whole installation when no government is given', async () => {
    const all = await publishedReports(database.db, { year });
    assert.deepEqual(all.map((r) => r.agencyId).sort(), [agency.nanguan, agency.chengguan].sort());
    assert.deepEqual((await publishedFacets(database.db)).agencies.map((a) => a.id).sort(), [agency.nanguan, agency.chengguan].sort());
    const nanGov = (await listAgencies(database.db)).find((a) => a.id === agency.nanguan)!.govId;
    assert.deepEqual((await publishedReports(database.db, { govId: nanGov })).map((r) => r.agencyId), [agency.nanguan]);
  });
});
