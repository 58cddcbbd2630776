import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../config.js';
import { buildApp } from '../../http/server.js';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import { agencies } from '../../core/org/schema.js';
import { DEMO_CITY, DEMO_COUNTY, DEMO_SOUTH_COUNTY } from '../org/seed.js';

type Doc = { id: number; agency: { id: number } | number; agencyId?: number };

// The region demo: 示范市 (root site) above 示范县 (/shifanxian) and 示范南县 (/nanxian). The JSON
// API answers for the site it is reached on, as its pages do: a county's /api/v1 lists that
// county's records, and another government's document is not found there.
describe('the public JSON API on a site per government', () => {
  let app: FastifyInstance;
  let database: Database;
  const govOf = new Map<number, number | null>();
  const gov = new Map<string, number>();
  const json = async (url: string) => {
    const res = await app.inject({ url, headers: { accept: 'application/json' } });
    return { status: res.statusCode, body: res.json() as { data: Doc[] & { id: number }[]; paging?: { total: number } } };
  };
  const agencyOf = (d: Doc) => (typeof d.agency === 'number' ? d.agency : d.agency?.id ?? d.agencyId!);

  before(async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_MODE: 'true', PUBLIC_CACHE_TTL: '0' });
    database = await createTestDatabase({ full: true, region: true, config });
    app = await buildApp({ config, db: database.db });
    await app.ready();
    for (const a of await database.db.select().from(agencies)) {
      govOf.set(a.id, a.govId);
      if ([DEMO_CITY, DEMO_COUNTY, DEMO_SOUTH_COUNTY].includes(a.name)) gov.set(a.name, a.id);
    }
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it("lists each site's own government's documents, agencies and catalog items", async () => {
    const county = await json('/shifanxian/api/v1/documents?limit=200');
    assert.equal(county.status, 200);
    assert.ok(county.body.data.length > 0, '示范县 has published information');
    assert.ok(county.body.data.every((d) => govOf.get(agencyOf(d)) === gov.get(DEMO_COUNTY)), 'only 示范县’s documents');
    const south = await json('/nanxian/api/v1/documents?limit=200');
    assert.ok(south.body.data.every((d) => govOf.get(agencyOf(d)) === gov.get(DEMO_SOUTH_COUNTY)));
    const ids = new Set(south.body.data.map((d) => d.id));
    assert.ok(county.body.data.every((d) => !ids.has(d.id)), 'no document is on both counties’ lists');

    const agenciesThere = await json('/nanxian/api/v1/agencies');
    assert.ok(agenciesThere.body.data.length > 1);
    assert.ok(agenciesThere.body.data.every((a) => govOf.get(a.id) === gov.get(DEMO_SOUTH_COUNTY)), 'only 示范南县’s agencies');
    const items = await json('/shifanxian/api/v1/catalog/items?limit=1000');
    assert.ok(items.body.data.length > 0);
    assert.ok(items.body.data.every((i) => govOf.get(agencyOf(i as unknown as Doc)) === gov.get(DEMO_COUNTY)), 'only 示范县’s catalog items');
  });

  it("does not serve another government's document on a county's site", async () => {
    const county = await json('/shifanxian/api/v1/documents?limit=1');
    const id = county.body.data[0]!.id;
    const own = await json(`/shifanxian/api/v1/documents/${id}`);
    assert.equal(own.status, 200);
    const url = (own.body as unknown as { url: string }).url;
    assert.equal(url, `/shifanxian/xxgk/${id}`, 'the link is the county site’s own');
    assert.equal((await app.inject({ url, headers: { accept: 'text/html' } })).statusCode, 200);
    const there = await json(`/nanxian/api/v1/documents/${id}`);
    assert.equal(there.status, 404);
  });
});
