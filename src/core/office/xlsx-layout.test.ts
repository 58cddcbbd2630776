import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { fitRowHeights, printOnA4, rowHeightFor, wrappedLines } from './xlsx-layout.js';

describe('wrappedLines', () => {
  it('counts CJK characters as one em each: 20 of them need two lines in a 30-unit column', () => {
    assert.equal(wrappedLines('县级政府民政部门', 30), 1);
    assert.equal(wrappedLines('一二三四五六七八九十一二三四五六七八九十', 30), 2);
    assert.equal(wrappedLines('一二三四五六七八九十'.repeat(6), 30), 5);
  });

  it('counts each line break, and a larger font needs more lines', () => {
    assert.equal(wrappedLines('社会救助信访通讯地址\n社会救助投诉举报电话', 40), 2);
    assert.equal(wrappedLines('一二三四五六七八九十一二三四五', 40, 11), 1);
    assert.equal(wrappedLines('一二三四五六七八九十一二三四五', 40, 16), 2);
  });

  it('breaks Latin text at spaces, and a word longer than the line anywhere', () => {
    assert.equal(wrappedLines('aaaa bbbb', 8), 2);
    // 49 characters, about 8 a line: broken, not counted as one overflowing line.
    assert.ok(wrappedLines('https://example.gov.cn/a/very/long/path/to/a/page', 12) >= 6);
  });
});

describe('fitRowHeights', () => {
  it('makes a row tall enough for its longest wrapped cell and a merged cell tall enough over its rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('t');
    ws.columns = [{ width: 10 }, { width: 20 }];
    const wrap = { wrapText: true, vertical: 'middle' } as const;
    ws.getCell('A1').value = '短';
    ws.getCell('B1').value = '一二三四五六七八九十'.repeat(3); // 30 characters, 9 a line: 4 lines
    ws.getCell('B1').alignment = wrap;
    ws.getCell('A2').value = '一二三四五六七八九十'.repeat(2); // merged A2:A3, 4 a line: 5 lines
    ws.getCell('A2').alignment = wrap;
    ws.mergeCells('A2:A3');
    ws.getCell('B2').value = 'x';
    ws.getCell('B3').value = 'y';
    ws.getRow(4).height = 100;
    ws.getCell('A4').value = '高';
    fitRowHeights(ws);
    assert.equal(ws.getRow(1).height, rowHeightFor(4));
    assert.ok(ws.getRow(2).height + ws.getRow(3).height >= rowHeightFor(5));
    assert.equal(ws.getRow(4).height, 100, 'a taller height set before is kept');

    // The heights survive the file: customHeight, which Excel, WPS and LibreOffice honour.
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await wb.xlsx.writeBuffer()) as ExcelJS.Buffer);
    assert.equal(back.worksheets[0]!.getRow(1).height, rowHeightFor(4));
  });
});

describe('printOnA4', () => {
  it('writes A4, the orientation, one page wide, margins and the repeated header rows into the file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('t');
    ws.getCell('A1').value = 'x';
    printOnA4(ws, { orientation: 'landscape', titleRows: [2, 3] });
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await wb.xlsx.writeBuffer()) as ExcelJS.Buffer);
    const p = back.worksheets[0]!.pageSetup;
    assert.equal(p.paperSize, 9);
    assert.equal(p.orientation, 'landscape');
    assert.equal(p.fitToPage, true);
    assert.equal(p.fitToWidth, 1);
    assert.equal(p.fitToHeight, 0);
    assert.equal(p.printTitlesRow, '2:3');
    assert.equal(p.margins?.left, 0.5);
  });
});
