import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { STANDARD_CHANNELS, type CatalogItemInput, type Level } from '../types.js';
import { canonicalItem, exportCatalogCsv, exportCatalogJson, exportCatalogXlsx, importCatalogCsv, importCatalogXlsx, type ImportResult } from './index.js';
import { BAODI_ITEMS } from './fixtures/county-sheets.js';
import { SAIHAN_ITEMS } from './fixtures/major-projects.js';

function items(result: ImportResult): CatalogItemInput[] {
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.errors.slice(0, 5), null, 1));
  return result.items;
}

async function viaXlsx(list: CatalogItemInput[]): Promise<CatalogItemInput[]> {
  return items(await importCatalogXlsx(await exportCatalogXlsx(list, { title: '基层政务公开标准目录' })));
}

function viaCsv(list: CatalogItemInput[]): CatalogItemInput[] {
  return items(importCatalogCsv(exportCatalogCsv(list)));
}

const base = BAODI_ITEMS[0]!;
const AWKWARD: CatalogItemInput[] = [
  {
    ...base,
    level1: '户口登记项目变更更正',
    level2: '姓名变更、更正',
    level3: '未成年人变更姓名',
    itemCode: '0505',
    content: '他说："同上"不算,也不是"同"\n第二行, 带逗号，全角逗号\n第三行',
    basis: '《户口登记条例》、民办函〔2019〕52号、发改办投资〔2019〕621号',
    timeLimitText: '信息形成20个工作日内公开;其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示',
    subject: '=公安机关 (派出所)',
    channels: ['政府网站', '入户/现场', '其他'],
    otherChannels: ['法律服务网', '12345政务服务热线'],
    audiencePublic: false,
    audienceSpecific: true,
    modeActive: false,
    modeOnRequest: true,
    levels: ['village'],
  },
  { ...base, content: '长'.repeat(3999), basis: '据'.repeat(3999), subject: 'x'.repeat(3999) },
  { ...base, basis: '', channels: [], otherChannels: [], levels: [] },
  { ...base, level1: '1', level2: '2024', content: '0.50', levels: ['county', 'township', 'village'] },
];

describe('round trips: import(export(items)) gives the same catalogue', () => {
  for (const [name, list] of [
    ['the 宝坻 社会救助 rows', BAODI_ITEMS],
    ['the 赛罕 重大建设项目 rows with local channels', SAIHAN_ITEMS],
    ['awkward text, 三级事项, item codes and 3999-character cells', AWKWARD],
    ['an empty catalogue', []],
  ] as const) {
    it(`keeps ${name} through XLSX`, async () => {
      assert.deepEqual(await viaXlsx([...list]), list);
    });
    it(`keeps ${name} through CSV`, () => {
      assert.deepEqual(viaCsv([...list]), list);
    });
  }

  it('returns the canonical form of untidy input: trimmed text, template order, null for empty optionals', async () => {
    const untidy: CatalogItemInput = {
      ...base,
      level1: '  综合业务 ',
      content: '第一行\r\n第二行\r第三行\n',
      level3: '',
      itemCode: undefined,
      channels: ['其他', '政府网站', '政府网站'],
      otherChannels: [' 信用中国网站 ', '信用中国网站', ''],
      levels: ['township', 'county', 'township'],
    };
    const expected = canonicalItem(untidy);
    assert.deepEqual(expected.channels, ['政府网站', '其他']);
    assert.deepEqual(expected.otherChannels, ['信用中国网站']);
    assert.deepEqual(expected.levels, ['county', 'township']);
    assert.equal(expected.level3, null);
    assert.equal(expected.content, '第一行\n第二行\n第三行');
    assert.deepEqual(await viaXlsx([untidy]), [expected]);
    assert.deepEqual(viaCsv([untidy]), [expected]);
    assert.deepEqual(JSON.parse(exportCatalogJson([untidy])), [expected]);
  });

  it('keeps randomly generated catalogues through XLSX and CSV', async () => {
    const rand = seeded(20190527);
    for (let round = 0; round < 5; round++) {
      const list = Array.from({ length: 40 }, () => randomItem(rand));
      assert.deepEqual(await viaXlsx(list), list, `XLSX round ${round}`);
      assert.deepEqual(viaCsv(list), list, `CSV round ${round}`);
    }
  });
});

/** mulberry32: small deterministic PRNG so a failure can be replayed. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXT_POOL = [...'公开事项内容依据时限主体政府网站同上，,、"\'〔〕《》()（）\n 　●①;：:=+-0123456789abcXYZ√■□'];
const NAME_POOL = [...'投资项目在线审批监管平台信用中国公共资源交易热线服务网'];

function pick<T>(rand: () => number, pool: readonly T[]): T {
  return pool[Math.floor(rand() * pool.length)]!;
}

/** Text as an official would type it: never blank and never just "同上". */
function randomText(rand: () => number, max: number): string {
  for (;;) {
    const s = Array.from({ length: 1 + Math.floor(rand() * max) }, () => pick(rand, TEXT_POOL)).join('').trim();
    if (s !== '' && !/^[同上。.．\s]*$/.test(s)) return s;
  }
}

function randomItem(rand: () => number): CatalogItemInput {
  const flag = () => rand() < 0.5;
  const audiencePublic = flag();
  const modeActive = flag();
  return {
    level1: randomText(rand, 12),
    level2: randomText(rand, 12),
    level3: rand() < 0.3 ? randomText(rand, 8) : null,
    itemCode: rand() < 0.3 ? String(Math.floor(rand() * 10000)).padStart(4, '0') : null,
    content: randomText(rand, 200),
    basis: rand() < 0.1 ? '' : randomText(rand, 100),
    timeLimitText: randomText(rand, 30),
    subject: randomText(rand, 30),
    channels: STANDARD_CHANNELS.filter(() => rand() < 0.3),
    otherChannels: rand() < 0.3 ? [...new Set([Array.from({ length: 6 }, () => pick(rand, NAME_POOL)).join('')])] : [],
    audiencePublic,
    audienceSpecific: !audiencePublic || flag(),
    modeActive,
    modeOnRequest: !modeActive || flag(),
    levels: (['county', 'township', 'village'] as Level[]).filter(() => rand() < 0.5),
  };
}
