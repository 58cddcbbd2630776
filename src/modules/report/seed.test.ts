import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../../db/testing.js';
import type { Database } from '../../db/client.js';
import { publishedReport, publishedReports } from './service.js';

describe('demo annual report', () => {
  let database: Database;
  before(async () => { database = await createTestDatabase({ demo: true, full: true }); });
  after(async () => database.close());

  it('has last year’s report of 城关镇 published, with its tables computed and no writing hints', async () => {
    const lastYear = Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai' }).slice(0, 4)) - 1;
    const list = await publishedReports(database.db, { year: lastYear });
    const town = list.find((r) => r.agencyName === '城关镇');
    assert.ok(town, `published for ${lastYear}: ${list.map((r) => r.agencyName).join('、')}`);
    const r = await publishedReport(database.db, town.id);
    const text = JSON.stringify(r);
    assert.match(text, /基层政务公开标准化规范化/);
    assert.ok(!/（[^）]*的写[^）]*）|请填写/.test(text), 'no writing hints in what was published');
  });
});
