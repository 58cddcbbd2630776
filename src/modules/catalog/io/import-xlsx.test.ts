import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importCatalogXlsx, type ImportResult } from './index.js';
import { BAODI_COLUMNS, BAODI_ITEMS, BAODI_SPEC, buildXlsx, CHECKLIST_WEBSITE_ONLY } from './fixtures/county-sheets.js';
import { SAIHAN_ITEMS, SAIHAN_SPEC } from './fixtures/major-projects.js';

function items(result: ImportResult) {
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.errors, null, 1));
  return result.items;
}

const row = (overrides: Record<number, unknown> = {}) => {
  const base = BAODI_SPEC.rows[0]!.slice();
  for (const [k, v] of Object.entries(overrides)) base[Number(k)] = v as never;
  return base;
};

describe('importCatalogXlsx: county layouts', () => {
  it('reads the 宝坻 社会救助 catalogue below its title row with the merged two-row header', async () => {
    const result = await importCatalogXlsx(await buildXlsx(BAODI_SPEC));
    assert.deepEqual(items(result), BAODI_ITEMS);
    assert.ok(result.ok);
    assert.deepEqual(result.warnings, []);
  });

  it('repeats a vertically merged 一级事项 on every row it spans', async () => {
    const got = items(await importCatalogXlsx(await buildXlsx(BAODI_SPEC)));
    assert.deepEqual(
      got.map((i) => i.level1),
      ['综合业务', '综合业务', '最低生活保障', '最低生活保障'],
    );
  });

  it('resolves 同上 from the row above, chaining over several rows', async () => {
    const got = items(await importCatalogXlsx(await buildXlsx(BAODI_SPEC)));
    assert.ok(got.every((i) => i.subject === '县级政府民政部门、乡镇政府(街道办事处)'));
    assert.equal(got[3]!.timeLimitText, '制定或获取信息之日起10个工作日内');
    assert.deepEqual(got[3]!.channels, ['政府网站']);
  });

  it('accepts 同 and 同上。 as 同上', async () => {
    const spec = { ...BAODI_SPEC, mergeDown: [], rows: [row(), row({ 4: '同', 5: '同上。', 6: ' 同上 ' })] };
    const got = items(await importCatalogXlsx(await buildXlsx(spec)));
    assert.equal(got[1]!.basis, got[0]!.basis);
    assert.equal(got[1]!.timeLimitText, got[0]!.timeLimitText);
    assert.equal(got[1]!.subject, got[0]!.subject);
  });

  it('reads 重大建设项目 rows without a 公开层级 column, keeping local channels as otherChannels', async () => {
    const result = await importCatalogXlsx(await buildXlsx(SAIHAN_SPEC));
    assert.deepEqual(items(result), SAIHAN_ITEMS);
    assert.ok(result.ok);
    assert.deepEqual(result.warnings, ['表中没有「公开层级」列，各事项的公开层级留空']);
  });

  it('skips completely empty rows and accepts a blank 序号', async () => {
    const empty = BAODI_COLUMNS.map(() => null);
    const spec = { ...BAODI_SPEC, mergeDown: [], rows: [empty, row({ 0: null }), empty, row({ 0: null, 2: '监督（检查）' }), empty] };
    const got = items(await importCatalogXlsx(await buildXlsx(spec)));
    assert.deepEqual(
      got.map((i) => i.level2),
      ['政策（法规文件）', '监督（检查）'],
    );
  });

  it('reads formula results, rich text and numbers as the text they show', async () => {
    const spec = {
      ...BAODI_SPEC,
      mergeDown: [],
      rows: [
        row({
          1: { formula: '"综合"&"业务"', result: '综合业务' },
          2: { richText: [{ text: '政策' }, { text: '（法规文件）', font: { bold: true } }] },
          5: { formula: '10*2', result: 20 },
          6: 2024,
        }),
      ],
    };
    const [got] = items(await importCatalogXlsx(await buildXlsx(spec)));
    assert.equal(got!.level1, '综合业务');
    assert.equal(got!.level2, '政策（法规文件）');
    assert.equal(got!.timeLimitText, '20');
    assert.equal(got!.subject, '2024');
  });

  it('trims surrounding whitespace but keeps inner text exactly', async () => {
    const spec = { ...BAODI_SPEC, mergeDown: [], rows: [row({ 3: '  ●办理事项 ●办理条件\n●申请材料 〔2019〕52号 \n' })] };
    const [got] = items(await importCatalogXlsx(await buildXlsx(spec)));
    assert.equal(got!.content, '●办理事项 ●办理条件\n●申请材料 〔2019〕52号');
  });

  it('accepts every checked and unchecked mark spelling', async () => {
    const checked = ['√', '✓', '✔', '●', '■', '是', 'Y'];
    const unchecked = [null, '□', '否'];
    const rows = checked.map((mark, i) => row({ 8: mark, 9: unchecked[i % 3], 10: mark, 11: unchecked[(i + 1) % 3], 12: mark, 13: unchecked[(i + 2) % 3] }));
    const got = items(await importCatalogXlsx(await buildXlsx({ ...BAODI_SPEC, mergeDown: [], rows })));
    for (const item of got) {
      assert.deepEqual([item.audiencePublic, item.audienceSpecific, item.modeActive, item.modeOnRequest], [true, false, true, false]);
      assert.deepEqual(item.levels, ['county']);
    }
  });

  it('uses the first sheet that has a catalogue header, skipping an instructions sheet', async () => {
    const spec = { ...BAODI_SPEC, sheetsBefore: [{ name: '填表说明', rows: [['请按模板填写'], ['勾选请填 √']] }] };
    assert.deepEqual(items(await importCatalogXlsx(await buildXlsx(spec))), BAODI_ITEMS);
  });

  it('finds the header below several title and note rows', async () => {
    const spec = { ...BAODI_SPEC, title: ['附件2', '宝坻区社会救助领域基层政务公开标准目录', '（2020年版）'] };
    assert.deepEqual(items(await importCatalogXlsx(await buildXlsx(spec))), BAODI_ITEMS);
  });

  it('reads a plain channel list and a 其他 channel with its local name', async () => {
    const spec = {
      ...BAODI_SPEC,
      mergeDown: [],
      rows: [
        row({ 7: '政府网站、两微一端，广播电视;入户/现场\n12345政务服务热线' }),
        row({ 7: '■政府网站■两微一端□广播电视■其他 法律服务网' }),
        row({ 7: CHECKLIST_WEBSITE_ONLY.replace('□社区/企事业单位/村公示栏(电子屏)', '■村居/企事业单位公示栏（电子屏）') }),
      ],
    };
    const got = items(await importCatalogXlsx(await buildXlsx(spec)));
    assert.deepEqual(got[0]!.channels, ['政府网站', '两微一端', '广播电视', '入户/现场']);
    assert.deepEqual(got[0]!.otherChannels, ['12345政务服务热线']);
    assert.deepEqual(got[1]!.channels, ['政府网站', '两微一端', '其他']);
    assert.deepEqual(got[1]!.otherChannels, ['法律服务网']);
    assert.deepEqual(got[2]!.channels, ['政府网站', '社区/企事业单位/村公示栏(电子屏)']);
  });
});
