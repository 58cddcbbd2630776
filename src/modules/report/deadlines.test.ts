import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GOVERNMENT_KINDS } from '../../core/org/schema.js';
import { daysUntil, reportDeadline } from './deadlines.js';
import { pendingReports } from './reminders.js';

// 条例 art. 50: 县级以上人民政府 by 3月31日; art. 49: their departments (and townships, streets) by 1月31日.
describe('the annual report due date', () => {
  it('is 3月31日 for every government: county, city and province', () => {
    assert.equal(reportDeadline('city', 2025), '2026-03-31');
    assert.equal(reportDeadline('province', 2025), '2026-03-31');
    assert.equal(reportDeadline('county', 2025), '2026-03-31');
    for (const kind of GOVERNMENT_KINDS) assert.equal(reportDeadline(kind, 2025), '2026-03-31', kind);
  });

  it('is 1月31日 for departments, townships and streets', () => {
    for (const kind of ['department', 'township', 'street']) assert.equal(reportDeadline(kind, 2025), '2026-01-31', kind);
  });

  it('gives a city government its 3月31日 in the reminders, beside its departments’ 1月31日', () => {
    const list = pendingReports([{ id: 1, name: '测试市人民政府', kind: 'city' }, { id: 2, name: '测试市民政局', kind: 'department' }], [], 2025, '2026-02-10');
    const city = list.find((r) => r.agencyId === 1)!;
    assert.deepEqual([city.deadline, city.daysLeft], ['2026-03-31', daysUntil('2026-02-10', '2026-03-31')]);
    assert.ok(city.daysLeft > 0, 'not overdue in February');
    assert.deepEqual(list.find((r) => r.agencyId === 2)!.deadline, '2026-01-31');
  });
});
