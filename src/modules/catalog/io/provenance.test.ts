import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkProvenance, type KnownNames } from './provenance.js';
import type { FileHints } from './result.js';

const KNOWN: KnownNames = {
  domains: [
    { id: 20, name: '社会救助' },
    { id: 21, name: '养老服务' },
    { id: 24, name: '义务教育' },
    { id: 25, name: '医疗卫生', aliases: ['卫生健康'] },
  ],
  agencies: [
    { id: 1, name: '示范县人民政府', parentId: null },
    { id: 2, name: '县教育局', parentId: 1 },
    { id: 3, name: '县民政局', parentId: 1 },
    { id: 10, name: '城关镇', parentId: 1 },
    { id: 11, name: '河西乡', parentId: 1 },
    { id: 12, name: '东关村', parentId: 10 },
  ],
};
const CHENGGUAN_SA = { domainId: 20, agencyId: 10 };
const hints = (over: Partial<FileHints> = {}): FileHints => ({ titleLines: [], sheetName: 'Sheet1', domainCells: [], ...over });

function refused(r: ReturnType<typeof checkProvenance>): string {
  assert.equal(r.ok, false, 'the file should be refused');
  return r.ok ? '' : r.message;
}

describe('checkProvenance: does the file belong to this catalog', () => {
  it('refuses a 县教育局 义务教育 file imported into 城关镇 社会救助, naming both sides', () => {
    const r = checkProvenance(hints({ titleLines: ['县教育局义务教育领域基层政务公开标准目录'] }), { ...CHENGGUAN_SA, filename: '义务教育目录.xlsx' }, KNOWN);
    const m = refused(r);
    assert.match(m, /「义务教育」领域/);
    assert.match(m, /「县教育局」/);
    assert.match(m, /「城关镇」的「社会救助」领域目录/);
    assert.match(m, /未导入任何内容/);
    assert.match(m, /标题/);
  });

  it('refuses a file of the right domain from another township, saying where it says so', () => {
    const m = refused(checkProvenance(hints(), { ...CHENGGUAN_SA, filename: '河西乡社会救助领域基层政务公开标准目录（第2版）.xlsx' }, KNOWN));
    assert.match(m, /「河西乡」的目录/);
    assert.doesNotMatch(m, /领域、/, 'the domain matches, so only the agency is named');
    assert.match(m, /文件名/);
  });

  it('refuses a 领域 column naming another domain', () => {
    const m = refused(checkProvenance(hints({ domainCells: [{ row: 4, value: '养老服务' }, { row: 5, value: '养老服务' }] }), { ...CHENGGUAN_SA, filename: 'a.xlsx' }, KNOWN));
    assert.match(m, /「领域」列（第 4、5 行）/);
    assert.match(m, /「养老服务」/);
  });

  it('knows a domain by the other name counties use in titles', () => {
    const m = refused(checkProvenance(hints({ titleLines: ['卫生健康领域基层政务公开标准目录'] }), { ...CHENGGUAN_SA, filename: 'x.xlsx' }, KNOWN));
    assert.match(m, /「医疗卫生」/);
    const ok = checkProvenance(hints({ titleLines: ['卫生健康领域基层政务公开标准目录'] }), { domainId: 25, agencyId: 10, filename: 'x.xlsx' }, KNOWN);
    assert.ok(ok.ok && ok.domain === 'matched');
  });

  it('accepts its own export: title and file name name this agency and domain', () => {
    const title = '城关镇社会救助领域基层政务公开标准目录（第1版）';
    const r = checkProvenance(hints({ titleLines: [title] }), { ...CHENGGUAN_SA, filename: `${title}.xlsx` }, KNOWN);
    assert.ok(r.ok);
    assert.equal(r.domain, 'matched');
    assert.equal(r.agency, 'matched');
    assert.match(r.lines.join('\n'), /与本目录一致/);
    assert.doesNotMatch(r.lines.join('\n'), /推定/);
  });

  it('counts the county in 示范县城关镇… as a parent, not as another agency', () => {
    const r = checkProvenance(hints({ titleLines: ['示范县城关镇社会救助领域目录'] }), { ...CHENGGUAN_SA, filename: 'a.xlsx' }, KNOWN);
    assert.ok(r.ok && r.agency === 'matched');
    const parentOnly = checkProvenance(hints({ titleLines: ['示范县人民政府社会救助领域目录'] }), { ...CHENGGUAN_SA, filename: 'a.xlsx' }, KNOWN);
    assert.ok(parentOnly.ok);
    assert.equal(parentOnly.agency, 'assumed');
    assert.match(parentOnly.lines[1]!, /只标明了上级机构/);
  });

  it('accepts a file that says nothing, and says what it assumed', () => {
    const r = checkProvenance(hints({ titleLines: ['基层政务公开标准目录'] }), { ...CHENGGUAN_SA, filename: '目录.xlsx' }, KNOWN);
    assert.ok(r.ok);
    assert.deepEqual([r.domain, r.agency], ['assumed', 'assumed']);
    assert.match(r.lines[0]!, /文件未标明领域，按本目录的「社会救助」领域导入（推定/);
    assert.match(r.lines[1]!, /文件未标明机构，按「城关镇」导入（推定/);
  });

  it('accepts a title naming two domains when one of them is this catalog’s (社会救助和养老服务)', () => {
    const r = checkProvenance(hints({ titleLines: ['社会救助和养老服务领域基层政务公开标准目录'] }), { ...CHENGGUAN_SA, filename: 'a.xlsx' }, KNOWN);
    assert.ok(r.ok && r.domain === 'matched');
  });

  it('ignores a default sheet name and reads a meaningful one', () => {
    assert.ok(checkProvenance(hints({ sheetName: '工作表1' }), { ...CHENGGUAN_SA, filename: 'a.xlsx' }, KNOWN).ok);
    const m = refused(checkProvenance(hints({ sheetName: '义务教育' }), { ...CHENGGUAN_SA, filename: 'a.xlsx' }, KNOWN));
    assert.match(m, /工作表名「义务教育」/);
  });

  it('checks only the domain for a template import', () => {
    const r = checkProvenance(hints({ titleLines: ['县民政局社会救助领域基层政务公开标准指引'] }), { domainId: 20, agencyId: null, filename: 'guide.xlsx' }, KNOWN);
    assert.ok(r.ok);
    assert.equal(r.agency, null);
    assert.equal(r.lines.length, 1);
    const m = refused(checkProvenance(hints({ titleLines: ['义务教育领域基层政务公开标准指引'] }), { domainId: 20, agencyId: null, filename: 'guide.xlsx' }, KNOWN));
    assert.match(m, /「社会救助」领域的标准模板/);
  });
});
