import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditActionLabel, auditTargetLabel, defineAuditLabels, transitionLabels } from './labels.js';

describe('audit labels', () => {
  it('names actions and targets in Chinese, and marks an unnamed one as such', () => {
    defineAuditLabels({ actions: { 'x.done': '完成', ...transitionLabels('x', '示例', { submit: { label: '提交审核' } }) }, targets: { thing: '事物' } });
    assert.equal(auditActionLabel('x.done'), '完成');
    assert.equal(auditActionLabel('x.submit'), '示例：提交审核');
    assert.equal(auditTargetLabel('thing'), '事物');
    assert.equal(auditActionLabel('x.unknown'), '未命名的操作（x.unknown）');
  });
});
