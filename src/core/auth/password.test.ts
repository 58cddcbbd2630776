import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { passwordProblem } from './password.js';

describe('password strength', () => {
  const person = { username: 'chengguan', displayName: '城关镇 孙干事' };

  it('refuses common, patterned and personal passwords whatever their mix of character kinds', () => {
    for (const p of ['Password123', '1234567890aA', 'Qwerty123456!', 'Admin@123456', 'abcdefghij', 'Chengguan2026!', 'Gongkai@2026']) {
      assert.ok(passwordProblem(p, person), p);
    }
    assert.match(passwordProblem('Password123', person)!, /密码太容易被猜中/);
    assert.match(passwordProblem('short', person)!, /至少需要 10 个字符/);
  });

  it('accepts long unpatterned passwords and passphrases', () => {
    for (const p of ['New-Passw0rd-2026', 'Tr0ub4dor&3x-mill', 'correct horse battery staple', 'Gk-Aq3xP9mZ_w2Lk']) {
      assert.equal(passwordProblem(p, person), null, p);
    }
  });
});
