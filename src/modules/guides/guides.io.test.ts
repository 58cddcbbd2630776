import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { createTestApp, Browser, type TestApp } from '../../test/app.js';
import { demoActors } from '../../test/actors.js';
import type { Actor } from '../../core/auth/actor.js';
import type { Ctx } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { validateGuide } from './elements.js';
import { exportTasks, fromJson, fromTask, fromXlsx, importTasks, toXlsx } from './io.js';
import { getItem, saveDraft } from './service.js';
import { guideItems } from './schema.js';

const FIXTURE = readFileSync(new URL('./fixtures/provincial-tasks.json', import.meta.url), 'utf8');
type Row = Record<string, unknown>;
const rowsOf = async (p: Promise<unknown>): Promise<string[]> => { try { await p; return []; } catch (e) { return ((e as AppError).details as { rows?: string[] })?.rows ?? [(e as Error).message]; } };
const split = (s: unknown) => String(s ?? '').split('、').filter(Boolean);
const byOrder = (rows: Row[]) => [...rows].sort((a, b) => Number(a.order_num) - Number(b.order_num));

describe('provincial exchange: JSON and XLSX import and export', () => {
  let t: TestApp;
  let actors: Map<string, Actor>;
  const as = (u: string): Ctx => ({ db: t.database.db, actor: actors.get(u)! });
  const count = async () => (await t.database.db.select().from(guideItems)).length;
  const codeId = async (code: string) => (await t.database.db.select().from(guideItems).where(eq(guideItems.code, code)))[0]?.id;

  before(async () => {
    t = await createTestApp({}, {});
    actors = await demoActors(t.database.db, ['office', 'minzheng']);
  });
  after(async () => t?.close());

  it('a guide imported from the JSON fixture matches its element list field by field, as a provincial item', async () => {
    const fixture = JSON.parse(FIXTURE) as { tasks: { basic: Row; extend: Row; material: Row[]; handle_flow: Row[]; fee_project: Row[]; questions: Row[] }[] };
    assert.equal(await importTasks(as('minzheng'), fromJson(FIXTURE)).catch((e: AppError) => e.status), 403, 'an editor cannot import');
    const r = await importTasks(as('office'), fromJson(FIXTURE));
    assert.deepEqual(r, { created: 2, updated: 0, unchanged: 0 });
    for (const task of fixture.tasks) {
      const b = task.basic, e = task.extend;
      const it = await getItem(as('office'), (await codeId(String(b.task_code)))!);
      const d = it.data;
      assert.equal(it.source, 'provincial');
      assert.equal(it.agencyName, b.dept_name);
      assert.equal(it.level, b.task_level);
      assert.equal(it.parentCode ?? undefined, b.parent_code);
      const pairs: [unknown, unknown, string][] = [
        [d.name, b.task_name, '事项名称'], [d.itemType, b.task_type, '事项类型'], [d.basis, b.by_law, '设定依据'], [d.conditions, b.accept_condition, '受理条件'],
        [d.legalLimit.value, b.anticipate_day, '法定时限'], [d.legalLimit.unit, b.anticipate_type, '法定时限单位'], [d.legalLimit.note, b.anticipate_explain, '法定时限说明'],
        [d.promisedLimit.value, b.promise_day, '承诺时限'], [d.promisedLimit.unit, b.promise_type, '承诺时限单位'], [d.serviceObject, b.server_type, '服务对象'], [d.handleType, b.project_type, '办件类型'],
        [d.place, b.transact_addr, '办理地点'], [d.hours, b.transact_time, '办理时间'], [d.consult, b.link_way, '咨询方式'], [d.complaint, b.supervise_way, '监督投诉'],
        [d.visits, b.limit_scene_num, '到现场次数'], [d.visitsReason, e.limit_scene_explain, '现场原因'], [d.reviewBody, b.review_dept, '复议'], [d.litigationBody, b.litigation_dept, '诉讼'],
      ];
      for (const [got, want, label] of pairs) assert.equal(got, want, `${b.task_code} ${label}`);
      assert.deepEqual(d.onlineDepth, split(e.online_handle_depth));
      assert.deepEqual(d.personThemes, split(e.user_topic_type));
      assert.deepEqual(d.materials.map((m) => [m.name, m.necessity, m.form, m.originals, m.copies, m.source]), byOrder(task.material).map((m) => [m.material_name, m.is_need, m.material_format, m.original_num, m.copy_num, m.source_type]), 'materials in order');
      assert.deepEqual(d.steps.map((s) => [s.name, s.special, s.specialKind, s.countsInLimit]), byOrder(task.handle_flow).map((s) => [s.step_name, s.is_special === '是', s.special_type ?? '', s.is_count_limit === '是']));
      assert.deepEqual(d.fees.map((f) => [f.name, f.standard, f.basis, f.reducible]), byOrder(task.fee_project).map((f) => [f.fee_name, f.fee_stand, f.by_law, f.is_desc === '是']));
      assert.deepEqual(d.faqs.map((q) => [q.question, q.answer]), byOrder(task.questions).map((q) => [q.question, q.answer]));
    }
    // A file reference in the exchange file never becomes one of this installation's files (it would
    // be made public on publish): the materials come in without blank forms or samples.
    const withFile = JSON.parse(FIXTURE) as { tasks: { basic: Row; material: Row[] }[] };
    const t0 = withFile.tasks[0]!;
    t0.basic.task_code = '000718099000-411101';
    t0.basic.task_name = '带文件编号的导入事项';
    for (const m of t0.material) { m.form_guid = '1'; m.example_guid = '2'; }
    withFile.tasks = [t0];
    await importTasks(as('office'), fromJson(JSON.stringify(withFile)));
    const imported = (await getItem(as('office'), (await codeId('000718099000-411101'))!)).data;
    assert.ok(imported.materials.length > 0);
    for (const m of imported.materials) assert.deepEqual([m.blankFileId, m.sampleFileId], [null, null], m.name);
    // The province is master: a local change of its fields is refused, a local field is taken; the same file again changes nothing.
    const id = (await codeId('000718012000-411101'))!;
    const cur = (await getItem(as('office'), id)).data;
    await assert.rejects(saveDraft(as('minzheng'), id, { data: { ...cur, conditions: '本地改写的条件' } }), (e: AppError) => /以省级清单为准/.test(e.message));
    assert.equal(await saveDraft(as('minzheng'), id, { data: { ...cur, hours: '每周一至周六' } }), 1);
    const again = await importTasks(as('office'), fromJson(FIXTURE));
    assert.equal(again.created, 0);
    assert.equal(again.unchanged + again.updated, 2);
  });

  it('exports the published guides to XLSX, one sheet per group keyed by 实施编码, and reads them back unchanged', async () => {
    const x = await exportTasks(as('office'));
    assert.ok(x.tasks.length >= 10);
    const buf = await toXlsx(x);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['基本信息', '扩展信息', '申请材料', '办理流程', '收费项目', '常见问题']);
    assert.equal(String(wb.getWorksheet('申请材料')!.getRow(1).getCell(1).value), '实施编码(task_code)');
    const back = await fromXlsx(buf);
    assert.equal(back.tasks.length, x.tasks.length);
    for (const orig of x.tasks) {
      const got = back.tasks.find((b) => b.basic.task_code === orig.basic.task_code)!;
      assert.deepEqual(validateGuide(fromTask(got)), validateGuide(fromTask(orig)), String(orig.basic.task_code));
    }
  });

  it('bad files give row-level Chinese errors and import nothing', async () => {
    const before = await count();
    const bad = JSON.parse(FIXTURE) as { tasks: { basic: Row; material: Row[] }[] };
    bad.tasks[0]!.basic.task_code = 'NEW-1';
    bad.tasks[0]!.basic.dept_name = '不存在的局';
    bad.tasks[1]!.basic.task_code = 'NEW-2';
    bad.tasks[1]!.basic.parent_code = 'NEW-1';
    bad.tasks[1]!.basic.promise_day = 99;
    bad.tasks[1]!.material[0]!.is_need = '随便';
    const rows = await rowsOf(importTasks(as('office'), fromJson(JSON.stringify(bad))));
    assert.ok(rows.some((r) => /第 1 个事项（实施编码 NEW-1）：实施主体“不存在的局”不是本级政府的单位/.test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /第 2 个事项（实施编码 NEW-2）：承诺办结时限.*不能长于法定办结时限/.test(r)));
    assert.ok(rows.some((r) => /第 2 个事项.*第 1 项材料：请选择必要性/.test(r)));
    assert.equal(await count(), before, 'nothing imported');
    for (const text of ['not json', '{"tasks": 5}', '{"tasks": [{"basic": "x"}]}', `{"tasks": [{"basic": {"task_code": "<script>"}}]}`]) {
      const r = await rowsOf((async () => importTasks(as('office'), fromJson(text)))());
      assert.ok(r.length && r.every((m) => /[\u4e00-\u9fff]/.test(m)), `${text}: ${r.join('|')}`);
    }
    // An XLSX whose material row is wrong: the sheet's row is named; nothing imported.
    const x = await exportTasks(as('office'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(x)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('申请材料')!;
    const col = (ws.getRow(1).values as unknown[]).findIndex((v) => String(v).endsWith('(is_need)'));
    ws.getRow(3).getCell(col).value = '可有可无';
    const wsB = wb.getWorksheet('基本信息')!;
    wsB.addRow([x.tasks[0]!.basic.task_code]);
    const out = Buffer.from(await wb.xlsx.writeBuffer());
    const xr = await rowsOf(fromXlsx(out));
    assert.ok(xr.some((r) => /工作表“基本信息”第 \d+ 行：实施编码 .* 重复/.test(r)), xr.join('\n'));
    assert.ok((await rowsOf(fromXlsx(Buffer.from('PK garbage')))).some((r) => /不是有效的 Excel/.test(r)));
    assert.equal(await count(), before);
  });

  it('over HTTP: the office uploads the fixture; an editor may not; a broken file is refused with a message', async () => {
    const upload = async (b: Browser, bytes: Buffer, filename: string) => {
      const page = await b.get('/admin/banshi/import');
      const token = /action="\/admin\/banshi\/import"[^>]*><input type="hidden" name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const boundary = '----gk' + Math.random().toString(16).slice(2);
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        bytes, Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const cookie = (b as unknown as { cookieHeader(): string }).cookieHeader();
      return t.app.inject({ method: 'POST', url: '/admin/banshi/import', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie, accept: 'text/html' } });
    };
    const office = new Browser(t.app); await office.login('office');
    const editor = new Browser(t.app); await editor.login('minzheng');
    const ok = await upload(office, Buffer.from(FIXTURE), 'tasks.json');
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /导入完成/);
    assert.equal((await upload(editor, Buffer.from(FIXTURE), 'tasks.json')).statusCode, 403);
    const broken = await upload(office, Buffer.from('<script>alert(1)</script>'), 'tasks.xlsx');
    assert.equal(broken.statusCode, 400);
    assert.match(broken.body, /不是有效的 Excel/);
    assert.ok(!/<script>alert/.test(broken.body));
    assert.equal((await upload(office, Buffer.from('x'), 'tasks.exe')).statusCode, 400);
    const json = await office.get('/admin/banshi/export.json');
    assert.equal(json.statusCode, 200);
    assert.ok((JSON.parse(json.body) as { tasks: unknown[] }).tasks.length >= 10);
    assert.equal((await new Browser(t.app).get('/admin/banshi/export.json')).statusCode >= 300, true, 'not for the public');
  });
});
