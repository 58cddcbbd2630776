import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { docNumberKey, likeContains, normalise, normaliseWithMap, parseQuery, queryTokens, tokens } from './normalise.js';

describe('normalise', () => {
  it('folds full-width forms, 繁體, case and whitespace', () => {
    assert.equal(normalise('ＡＢＣ１２３　社會救助'), 'abc123 社会救助');
    assert.equal(normalise('  最低生活保障\n\t金  '), '最低生活保障 金');
    assert.equal(normalise('義務教育 Ｗｉ－Ｆｉ'), '义务教育 wi-fi');
    assert.equal(normalise('發放'), normalise('发放'));
    assert.equal(normalise('㈱'), '(株)');
  });

  it('removes what the database cannot store: NUL, controls, lone surrogates', () => {
    assert.equal(normalise('a\u0000b\u0007c'), 'a b c');
    assert.equal(normalise('救\uD800助'), '救 助');
    assert.equal(normalise('\uDFFF'), '');
    assert.equal(normalise('𠀀'), '𠀀', 'a valid surrogate pair stays');
  });

  it('normaliseWithMap agrees with normalise and maps back to the original', () => {
    for (const s of ['社會救助　ＡＢＣ', ' 低保  金 ', '民办函〔2019〕52号', '𠀀字𠀁', 'İstanbul 城鄉規劃']) {
      const m = normaliseWithMap(s);
      assert.equal(m.norm, normalise(s), s);
      assert.equal(m.starts.length, m.norm.length);
    }
    const m = normaliseWithMap('ａ社會救助');
    const i = m.norm.indexOf('救助');
    assert.equal('ａ社會救助'.slice(m.starts[i]!, m.ends[i + 1]!), '救助');
  });
});

describe('tokens', () => {
  it('cuts Han runs into bigrams plus the last character, Latin and digit runs into words', () => {
    assert.deepEqual(tokens('社会救助'), ['社会', '会救', '救助', '助']);
    assert.deepEqual(tokens('救'), ['救']);
    assert.deepEqual(tokens('民办函〔2019〕52号'), ['民办', '办函', '函', '2019', '52', '号']);
    assert.deepEqual(tokens('wifi覆盖abc1'), ['wifi', '覆盖', '盖', 'abc1']);
    assert.deepEqual(tokens('𠀀𠀁'), ['𠀀𠀁', '𠀁']);
  });
});

describe('parseQuery', () => {
  it('ANDs every bigram, a single character is a prefix', () => {
    assert.equal(queryTokens('义务教育'), "'义务' & '务教' & '教育'");
    assert.equal(queryTokens('救'), "'救':*");
    assert.equal(queryTokens('社保'), "'社保'");
    assert.equal(queryTokens('社會'), "'社会'");
  });

  it('asks for an exact check when bigrams alone could match the wrong text', () => {
    assert.deepEqual(parseQuery('公开目录').exact, [{ term: '公开目录', regex: null }]);
    assert.deepEqual(parseQuery('低保 社保').exact, []);
    assert.deepEqual(parseQuery('低保 社保').terms, ['低保', '社保']);
    const p = parseQuery('民办函〔2019〕52号');
    assert.equal(p.tsquery, "'民办' & '办函' & '2019' & '52' & '号':*");
    assert.deepEqual(p.exact.map((e) => e.term), ['民办函〔2019〕52号']);
    assert.ok(new RegExp(p.exact[0]!.regex!, 'u').test('民办函[2019]52号') && !new RegExp(p.exact[0]!.regex!, 'u').test('民办函2019年52号'));
    assert.equal(parseQuery('2号').tsquery, "'号':*", 'a leading number may be the end of a longer one');
  });

  it('turns hostile input into plain lexemes or nothing', () => {
    for (const q of [':*', '&|!()', "'", '\\', "'; drop table x; --", '<script>', '\u0000', '\uD800']) {
      const t = parseQuery(q).tsquery;
      assert.ok(t === '' || /^('[^'\\:&|!()<>]+'(:\*)?( & )?)+$/u.test(t), `${q} → ${t}`);
    }
    assert.equal(parseQuery("a'b").tsquery, "'b':*", 'quote is a separator; a leading word may be a suffix');
    assert.ok(parseQuery('字 '.repeat(50)).terms.length <= 8);
  });
});

describe('docNumberKey and likeContains', () => {
  it('makes 文号 typed with any brackets equal', () => {
    const k = docNumberKey('民办函〔2019〕52号');
    for (const v of ['民办函[2019]52号', '民辦函（2019）52號', '民办函【2019】 52号', '民办函(2019)52号']) assert.equal(docNumberKey(v), k, v);
  });
  it('escapes LIKE wildcards', () => {
    assert.equal(likeContains('100%_\\'), '%100\\%\\_\\\\%');
  });
});
