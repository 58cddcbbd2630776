import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from './errors.js';
import type { ModuleManifest, WorkItem } from './module.js';
import { calendarDaysNote, collectWorklist, countByGroup, sortWorkItems, urgencyByDays } from './worklist.js';

const item = (over: Partial<WorkItem>): WorkItem => ({ group: 'info', kind: '信息待审核', title: 't', href: '/admin', dueOn: null, urgency: 'normal', ...over });

describe('worklist', () => {
  it('orders overdue first, then due, dated, undated; earliest date first within an urgency', () => {
    const items = [
      item({ title: 'a', urgency: 'normal' }),
      item({ title: 'b', urgency: 'soon', dueOn: '2026-12-20' }),
      item({ title: 'c', urgency: 'overdue', dueOn: '2026-11-30' }),
      item({ title: 'd', urgency: 'due', dueOn: '2026-12-04' }),
      item({ title: 'e', urgency: 'overdue', dueOn: '2026-01-31' }),
      item({ title: 'f', urgency: 'soon', dueOn: '2026-12-10' }),
      item({ title: 'g', urgency: 'due', dueOn: null }),
    ];
    assert.deepEqual(sortWorkItems(items).map((i) => i.title), ['e', 'c', 'd', 'g', 'f', 'b', 'a']);
  });

  it('grades calendar-day deadlines and says how many days are left or past', () => {
    const o = { dueWithin: 15, soonWithin: 60 };
    assert.equal(urgencyByDays('2026-12-02', '2026-01-31', o), 'overdue');
    assert.equal(calendarDaysNote('2026-12-02', '2026-01-31'), '已逾期 305 天', 'the report the old dashboard never showed');
    assert.equal(urgencyByDays('2026-12-02', '2026-12-02', o), 'due');
    assert.equal(calendarDaysNote('2026-12-02', '2026-12-02'), '今天截止');
    assert.equal(urgencyByDays('2026-12-02', '2026-12-17', o), 'due');
    assert.equal(urgencyByDays('2026-12-02', '2026-12-18', o), 'soon');
    assert.equal(urgencyByDays('2026-12-02', '2027-03-31', o), 'normal');
    assert.equal(calendarDaysNote('2026-12-02', '2027-01-01'), '还剩 30 天');
  });

  it('collects every module provider, drops a refused one and reports a failing one', async () => {
    const ctx = { db: null as never, actor: { userId: 1, username: 'u', name: 'u', agencyId: 1, placement: { agencyPath: '/1/', govId: 1, govPath: '/1/', upperGovId: null }, roles: [], mustChangePassword: false }, config: null as never, today: '2026-12-02' };
    const modules: ModuleManifest[] = [
      { name: 'a', label: '甲', worklist: async () => [item({ title: 'later', group: 'catalog' })] },
      { name: 'b', label: '乙', worklist: async () => { throw new AppError('forbidden', 403, '无权'); } },
      { name: 'c', label: '丙', worklist: async () => [item({ title: 'first', urgency: 'overdue', dueOn: '2026-12-01', group: 'foi' })] },
      { name: 'd', label: '丁' },
    ];
    const list = await collectWorklist(modules, ctx);
    assert.deepEqual(list.items.map((i) => i.title), ['first', 'later']);
    assert.deepEqual(list.failed, [], 'a refusal is not a failure');
    assert.deepEqual([...countByGroup(list.items)], [['foi', 1], ['catalog', 1]]);
    const broken = await collectWorklist([...modules, { name: 'e', label: '戊', worklist: async () => { throw new Error('bug'); } }], ctx);
    assert.deepEqual(broken.items.map((i) => i.title), ['first', 'later'], 'the other modules still show');
    assert.deepEqual(broken.failed.map((f) => f.label), ['戊']);
  });
});
