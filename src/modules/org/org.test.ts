import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { creditCodeCheckChar, isValidCreditCode } from './credit-code.js';
import { listAgencies } from './service.js';
import { errorBeside } from '../../test/form-errors.js';

describe('统一社会信用代码', () => {
  it('accepts real codes and rejects a wrong check character', () => {
    assert.equal(isValidCreditCode('11441700007280420Y'), true); // 阳江市政府办公室, from its published 索引号
    assert.equal(isValidCreditCode('11441700007280420X'), false);
    assert.equal(isValidCreditCode('91350100M000100Y43'), true);
    assert.equal(isValidCreditCode('1144170000728042'), false);
    assert.equal(isValidCreditCode('11441700007280420I'), false, 'I is not in the alphabet');
    assert.equal(creditCodeCheckChar('11441700007280420'), 'Y');
  });
});

describe('organisations', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.close());

  it('shows the agency tree and each agency\'s public facts', async () => {
    const tree = await t.app.inject({ url: '/agencies' });
    assert.match(tree.body, /示范县人民政府/);
    assert.match(tree.body, /城关镇/);
    assert.match(tree.body, /东关村/);
    const county = (await listAgencies(t.database.db)).find((a) => a.kind === 'county')!;
    const page = await t.app.inject({ url: `/agencies/${county.id}` });
    for (const label of ['负责人', '办公时间', '办公地址', '联系电话', '主要职能', '统一社会信用代码']) assert.match(page.body, new RegExp(label));
    assert.match(page.body, /0373-1234567/);
  });

  it('lets an editor update only their own agency, validating the facts', async () => {
    const agencies = await listAgencies(t.database.db);
    const chengguan = agencies.find((a) => a.name === '城关镇')!;
    const hexi = agencies.find((a) => a.name === '河西乡')!;
    const b = new Browser(t.app);
    await b.login('chengguan');
    const form = { name: '城关镇', creditCode: chengguan.creditCode!, head: '镇长 新某某', officeHours: '工作日 8:30-17:30', address: '城关镇政府路1号', phone: '0373-2234500', functions: '负责本镇工作。' };
    const other = await b.post(`/admin/agencies/${hexi.id}`, { ...form, name: '河西乡' }, { from: `/admin/agencies/${chengguan.id}` });
    assert.equal(other.statusCode, 403);
    const badCode = await b.post(`/admin/agencies/${chengguan.id}`, { ...form, creditCode: '11441700007280420X' });
    assert.equal(badCode.statusCode, 400);
    assert.match(badCode.body, /统一社会信用代码格式或校验位不正确/);
    assert.match(badCode.body, /value="11441700007280420X"/, 'the typed value is kept in the form');
    const badPhone = await b.post(`/admin/agencies/${chengguan.id}`, { ...form, phone: '<script>' });
    assert.equal(badPhone.statusCode, 400);
    // Two wrong facts: both problems at once, each beside its box, what was typed kept.
    const both = await b.post(`/admin/agencies/${chengguan.id}`, { ...form, creditCode: '11441700007280420X', phone: '电话<b>', head: '镇长 我填的' });
    assert.equal(both.statusCode, 400);
    assert.equal(errorBeside(both.body, 'f-creditCode'), '统一社会信用代码格式或校验位不正确');
    assert.equal(errorBeside(both.body, 'f-phone'), '电话号码只能包含数字、连字符、括号和分隔符');
    assert.equal(errorBeside(both.body, 'f-head'), undefined);
    assert.match(both.body, /id="f-head"[^>]*value="镇长 我填的"/);
    assert.match(both.body, /id="f-phone"[^>]*value="电话&lt;b&gt;"/);
    const ok = await b.post(`/admin/agencies/${chengguan.id}`, form);
    assert.equal(ok.statusCode, 303);
    assert.match((await t.app.inject({ url: `/agencies/${chengguan.id}` })).body, /镇长 新某某/);
  });

  it('lets the administrator add agencies only under a parent of the right kind', async () => {
    const agencies = await listAgencies(t.database.db);
    const county = agencies.find((a) => a.kind === 'county')!;
    const village = agencies.find((a) => a.kind === 'village')!;
    const b = new Browser(t.app);
    await b.login('admin');
    const wrong = await b.post('/admin/agencies', { name: '新村', kind: 'village', parentId: String(county.id), creditCode: '' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /不能设在/);
    // A parent of the wrong kind and a wrong code: both reported in one pass, beside their boxes.
    const both = await b.post('/admin/agencies', { name: '新村', kind: 'village', parentId: String(county.id), creditCode: '11441700007280420X' });
    assert.equal(both.statusCode, 400);
    assert.equal(errorBeside(both.body, 'na-parent'), '村不能设在县（市、区、旗）人民政府之下。');
    assert.equal(errorBeside(both.body, 'na-code'), '统一社会信用代码格式或校验位不正确');
    assert.match(both.body, /id="na-name"[^>]*value="新村"/);
    assert.match(both.body, /<option value="village" selected>/);
    const weird = await b.post('/admin/agencies', { name: '怪', kind: 'constructor', parentId: String(county.id), creditCode: '' });
    assert.equal(weird.statusCode, 400);
    const underVillage = await b.post('/admin/agencies', { name: '小组', kind: 'village', parentId: String(village.id), creditCode: '' });
    assert.equal(underVillage.statusCode, 400);
    const ok = await b.post('/admin/agencies', { name: '县统计局', kind: 'department', parentId: String(county.id), creditCode: '' });
    assert.equal(ok.statusCode, 303);
    const dup = await b.post('/admin/agencies', { name: '县统计局', kind: 'department', parentId: String(county.id), creditCode: '' });
    assert.equal(dup.statusCode, 409);
    const editor = new Browser(t.app);
    await editor.login('hexi');
    assert.equal((await editor.post('/admin/agencies', { name: '私设机构', kind: 'department', parentId: String(county.id), creditCode: '' }, { from: '/admin/agencies' })).statusCode, 403);
  });
});
