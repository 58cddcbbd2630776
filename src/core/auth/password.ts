import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

// argon2id with the OWASP-recommended minimum (19 MiB, t=2, p=1).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/**
 * A hash to verify against when the account does not exist (or is disabled), made with the same
 * argon2 parameters as real ones, so the time an answer takes does not reveal usernames.
 */
let dummy: Promise<string> | undefined;
export const dummyHash = (): Promise<string> => (dummy ??= hashPassword('not-a-real-password-0'));

/** The lowest zxcvbn score (0–4) a new password must reach: 3 is "safely unguessable" (~10^8 guesses). */
export const MIN_PASSWORD_SCORE = 3;
export const MIN_PASSWORD_LENGTH = 10;

// Built once: the dictionaries are ranked when the factory is made (docs/decisions/0010-password-strength.md).
let factory: ZxcvbnFactory | undefined;
const strength = () => (factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, useLevenshteinDistance: true }));

/** Words anyone guessing a password on this platform tries first. */
const PLATFORM_WORDS = ['gongkai', 'zhengwu', 'zhengfu', 'admin', 'administrator', 'gov'];

/** Why zxcvbn thinks a password is guessable, in Chinese (its warning keys). */
const WARNINGS: Record<string, string> = {
  straightRow: '键盘上连续的一行字符很容易被猜中。',
  keyPattern: '键盘上的简单图形很容易被猜中。',
  simpleRepeat: '“aaa”这样的重复字符很容易被猜中。',
  extendedRepeat: '“abcabcabc”这样的重复字符组很容易被猜中。',
  sequences: '“abc”“6543”这样的连续序列很容易被猜中。',
  recentYears: '近年的年份很容易被猜中。',
  dates: '日期很容易被猜中。',
  topTen: '这是最常用的密码之一。',
  topHundred: '这是非常常用的密码。',
  common: '这是常用密码。',
  similarToCommon: '与常用密码过于相似。',
  wordByItself: '单个词语很容易被猜中。',
  namesByThemselves: '单独的姓名很容易被猜中。',
  commonNames: '常见姓名很容易被猜中。',
  userInputs: '不要使用与账号、姓名或本平台有关的内容。',
  pwned: '该密码已在公开泄露的数据中出现。',
};

/**
 * Chinese reasons a new password is refused, or null when it is acceptable: at least 10
 * characters, and hard to guess by zxcvbn's estimate (score ≥ 3) — common passwords, keyboard
 * patterns, sequences, years and the person's own name or username are refused whatever mix of
 * character kinds they use ("Password123", "1234567890aA").
 */
export function passwordProblem(password: string, personal: { username: string; displayName?: string }): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符。`;
  if (password.length > 200) return '密码过长（最多 200 个字符）。';
  if (personal.username.length >= 3 && password.toLowerCase().includes(personal.username.toLowerCase())) return '密码不能包含用户名。';
  const inputs = [personal.username, personal.displayName ?? '', ...PLATFORM_WORDS].filter((s) => s.length >= 3);
  const r = strength().check(password, inputs);
  if (r.score >= MIN_PASSWORD_SCORE) return null;
  const why = (r.feedback.warning && WARNINGS[r.feedback.warning]) || '';
  return `密码太容易被猜中。${why}请使用更长、无规律的密码，例如由几个不相关的词和数字、符号组成。`;
}
