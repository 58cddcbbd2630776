import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { STANDARD_CHANNELS, type CatalogItemInput } from '../types.js';
import { canonicalItem, exportCatalogCsv, exportCatalogJson, exportCatalogXlsx } from './index.js';
import { BAODI_ITEMS } from './fixtures/county-sheets.js';
import { SAIHAN_ITEMS } from './fixtures/major-projects.js';

async function open(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  assert.equal(wb.worksheets.length, 1);
  return wb.worksheets[0]!;
}

const text = (ws: ExcelJS.Worksheet, address: string) => ws.getCell(address).value;
const rowValues = (ws: ExcelJS.Worksheet, r: number, width: number) =>
  Array.from({ length: width }, (_, j) => ws.getCell(r, j + 1).value ?? '');

describe('exportCatalogXlsx', () => {
  it('writes a merged title row above the two-row header', async () => {
    const ws = await open(await exportCatalogXlsx(BAODI_ITEMS, { title: '社会救助领域基层政务公开标准目录' }));
    assert.equal(text(ws, 'A1'), '社会救助领域基层政务公开标准目录');
    assert.ok(ws.model.merges.includes('A1:N1'));
    assert.equal(ws.getCell('A1').font?.bold, true);
  });

  it('merges 公开事项 over 一级/二级 and 公开对象/方式/层级 over their sub-columns', async () => {
    const ws = await open(await exportCatalogXlsx(BAODI_ITEMS, { title: 't' }));
    assert.deepEqual(rowValues(ws, 2, 14).filter((_, j) => ![2, 9, 11, 13].includes(j)), [
      '序号', '公开事项', '公开内容（要素）', '公开依据', '公开时限', '公开主体', '公开渠道和载体', '公开对象', '公开方式', '公开层级',
    ]);
    assert.deepEqual(rowValues(ws, 3, 14).slice(1, 3), ['一级事项', '二级事项']);
    assert.deepEqual(rowValues(ws, 3, 14).slice(8), ['全社会', '特定群体', '主动', '依申请', '县级', '乡级']);
    const merges = new Set(ws.model.merges);
    for (const range of ['A1:N1', 'A2:A3', 'B2:C2', 'D2:D3', 'E2:E3', 'F2:F3', 'G2:G3', 'H2:H3', 'I2:J2', 'K2:L2', 'M2:N2']) {
      assert.ok(merges.has(range), `missing merge ${range}; have ${[...merges].join(' ')}`);
    }
    assert.equal(merges.size, 11);
  });

  it('styles the header bold with borders, wraps text and freezes the header rows', async () => {
    const ws = await open(await exportCatalogXlsx(BAODI_ITEMS, { title: 't' }));
    for (const address of ['B2', 'B3', 'I3', 'N3']) {
      assert.equal(ws.getCell(address).font?.bold, true, address);
      assert.equal(ws.getCell(address).border?.bottom?.style, 'thin', address);
    }
    assert.equal(ws.getCell('D4').alignment?.wrapText, true);
    assert.equal(ws.getCell('D4').border?.left?.style, 'thin');
    const view = ws.views[0] as ExcelJS.WorksheetViewFrozen;
    assert.equal(view.state, 'frozen');
    assert.equal(view.ySplit, 3);
    assert.ok((ws.getColumn(4).width ?? 0) >= 30, 'content column is wide');
    assert.ok((ws.getColumn(9).width ?? 99) <= 10, 'mark columns are narrow');
  });

  it('writes √ marks and the full ■/□ channel checklist', async () => {
    const ws = await open(await exportCatalogXlsx(BAODI_ITEMS, { title: 't' }));
    assert.deepEqual(rowValues(ws, 7, 14).slice(8), ['√', '', '√', '√', '√', '√']);
    assert.deepEqual(rowValues(ws, 4, 14).slice(0, 3), ['1', '综合业务', '政策（法规文件）']);
    const channels = String(text(ws, 'H4'));
    assert.equal(channels.split(' ').length, 13);
    assert.ok(channels.startsWith('■政府网站 □政府公报 □两微一端 □发布会/听证会'));
    assert.ok(channels.endsWith('□精准推送 □其他'));
  });

  it('appends checked local channels after the 13 standard ones', async () => {
    const ws = await open(await exportCatalogXlsx(SAIHAN_ITEMS, { title: 't' }));
    const channels = String(text(ws, 'H4')).split(' ');
    assert.deepEqual(channels.slice(13), ['■投资项目在线审批监管平台']);
    assert.deepEqual(channels.slice(0, 13).map((c) => c.slice(1)), [...STANDARD_CHANNELS]);
  });

  it('adds 事项编码, 三级事项 and 村级 columns only when some item uses them', async () => {
    const extended: CatalogItemInput = { ...BAODI_ITEMS[0]!, itemCode: '0505', level3: '三级', levels: ['township', 'village'] };
    const ws = await open(await exportCatalogXlsx([BAODI_ITEMS[1]!, extended], { title: 't' }));
    assert.deepEqual(rowValues(ws, 2, 17).slice(0, 5), ['序号', '事项编码', '公开事项', '公开事项', '公开事项']);
    assert.deepEqual(rowValues(ws, 3, 17).slice(2, 5), ['一级事项', '二级事项', '三级事项']);
    assert.deepEqual(rowValues(ws, 3, 17).slice(14), ['县级', '乡级', '村级']);
    assert.deepEqual(rowValues(ws, 5, 17).slice(0, 5), ['2', '0505', '综合业务', '政策（法规文件）', '三级']);
    assert.deepEqual(rowValues(ws, 5, 17).slice(14), ['', '√', '√']);
    const merges = new Set(ws.model.merges);
    for (const range of ['A1:Q1', 'B2:B3', 'C2:E2', 'O2:Q2']) assert.ok(merges.has(range), range);
  });

  it('writes only the header when there are no items', async () => {
    const ws = await open(await exportCatalogXlsx([], { title: '空目录' }));
    assert.equal(text(ws, 'B3'), '一级事项');
    assert.equal(ws.getCell('A4').value, null);
  });
});

describe('exportCatalogCsv', () => {
  it('starts with a BOM and the two header rows, without a title row', () => {
    const csv = exportCatalogCsv(BAODI_ITEMS);
    assert.ok(csv.startsWith('\uFEFF序号,公开事项,,公开内容（要素）,'));
    const lines = csv.slice(1).split('\r\n');
    assert.equal(lines[0], '序号,公开事项,,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,,公开方式,,公开层级,');
    assert.equal(lines[1], ',一级事项,二级事项,,,,,,全社会,特定群体,主动,依申请,县级,乡级');
    assert.ok(lines[2]!.startsWith('1,综合业务,政策（法规文件）,'));
  });

  it('quotes cells with commas, quotes and line breaks', () => {
    const item = { ...BAODI_ITEMS[0]!, content: 'a,b "c"\nd' };
    assert.ok(exportCatalogCsv([item]).includes(',"a,b ""c""\nd",'));
  });
});

describe('exportCatalogJson', () => {
  it('writes a pretty JSON array of the items', () => {
    const json = exportCatalogJson(SAIHAN_ITEMS);
    assert.ok(json.startsWith('[\n  {\n    "level1": "批准服务信息"'));
    assert.deepEqual(JSON.parse(json), SAIHAN_ITEMS.map(canonicalItem));
  });
});
