import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../config.js';
import { buildApp } from '../../http/server.js';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import { Browser } from '../../test/app.js';
import { agencies } from '../../core/org/schema.js';
import { DEMO_CITY, DEMO_COUNTY, DEMO_SOUTH_COUNTY } from '../org/seed.js';
import { foiApplications } from './schema.js';

// The region demo: 示范市 (root site) above 示范县 (/shifanxian) and 示范南县 (/nanxian). Each
// site's application form lists and takes its own government's agencies only.
describe('FOI public form on a site per government', () => {
  let app: FastifyInstance;
  let database: Database;
  const govOf = new Map<number, number | null>();
  const govId = new Map<string, number>();
  let chengguan: number; // 城关镇 of 示范县
  let liuhe: number; // 柳河乡 of 示范南县
  const fields = (agencyId: number) => ({
    agencyId: String(agencyId), applicantType: 'natural', name: '王五', idType: '居民身份证', idNumber: '11010519491231002X', phone: '13900139000',
    content: '2025年农村危房改造补助名单', form: 'electronic', delivery: 'online',
  });
  const options = (body: string) => [...(/<select id="a-agency" name="agencyId"[^>]*>([\s\S]*?)<\/select>/.exec(body)?.[1] ?? '').matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1]));

  before(async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_MODE: 'true', PUBLIC_CACHE_TTL: '0', PUBLIC_WRITE_RATE_LIMIT: '40' });
    database = await createTestDatabase({ demo: true, region: true, config });
    app = await buildApp({ config, db: database.db });
    await app.ready();
    for (const a of await database.db.select().from(agencies)) {
      govOf.set(a.id, a.govId);
      if ([DEMO_CITY, DEMO_COUNTY, DEMO_SOUTH_COUNTY].includes(a.name)) govId.set(a.name, a.id);
    }
    const named = async (name: string, gov: string) => (await database.db.select({ id: agencies.id }).from(agencies).where(and(eq(agencies.name, name), eq(agencies.govId, govId.get(gov)!))))[0]!.id;
    chengguan = await named('城关镇', DEMO_COUNTY);
    liuhe = await named('柳河乡', DEMO_SOUTH_COUNTY);
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it("lists only the site's own government's agencies to apply to", async () => {
    const b = new Browser(app);
    const nan = options((await b.get('/nanxian/yishenqing/apply')).body);
    assert.ok(nan.includes(liuhe) && !nan.includes(chengguan));
    assert.ok(nan.every((id) => govOf.get(id) === govId.get(DEMO_SOUTH_COUNTY)));
    const shifan = options((await b.get('/shifanxian/yishenqing/apply')).body);
    assert.ok(shifan.includes(chengguan) && !shifan.includes(liuhe));
    assert.ok(shifan.every((id) => govOf.get(id) === govId.get(DEMO_COUNTY)));
    const city = options((await b.get('/yishenqing/apply')).body);
    assert.ok(city.includes(govId.get(DEMO_CITY)!) && city.every((id) => govOf.get(id) === govId.get(DEMO_CITY)));
  });

  it("refuses an application to another government's agency with a field error on the agency box", async () => {
    const before = (await database.db.select({ id: foiApplications.id }).from(foiApplications)).length;
    const b = new Browser(app);
    const res = await b.post('/nanxian/yishenqing/apply', fields(chengguan));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<p class="field-error" id="a-agency-error">所选机关不属于示范南县人民政府，不能通过本网站申请。/);
    assert.match(res.body, /aria-describedby="[^"]*a-agency-error/);
    // The county's form from the city's site, and the city's from a county's, are refused alike.
    assert.equal((await b.post('/yishenqing/apply', fields(liuhe))).statusCode, 400);
    assert.equal((await b.post('/shifanxian/yishenqing/apply', fields(govId.get(DEMO_CITY)!))).statusCode, 400);
    const api = await app.inject({ method: 'POST', url: '/shifanxian/api/v1/applications', payload: fields(liuhe) });
    assert.equal(api.statusCode, 400);
    assert.match(api.json().error.message, /所选机关不属于示范县人民政府/);
    assert.equal((await database.db.select({ id: foiApplications.id }).from(foiApplications)).length, before, 'nothing stored');
  });

  it("takes an application to the site's own agency", async () => {
    const b = new Browser(app);
    const res = await b.post('/nanxian/yishenqing/apply', fields(liuhe));
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    assert.equal(res.headers.location, '/nanxian/yishenqing/receipt');
    const [row] = await database.db.select({ agencyId: foiApplications.agencyId }).from(foiApplications).where(eq(foiApplications.agencyId, liuhe));
    assert.ok(row);
    const api = await app.inject({ method: 'POST', url: '/shifanxian/api/v1/applications', payload: fields(chengguan) });
    assert.equal(api.statusCode, 201);
  });
});
