import assert from 'node:assert/strict';

/**
 * Test helper: checks that markup is well-formed XML as far as charts need (tags nest and close,
 * attributes are quoted, text holds no raw < or >) and returns the element names in order.
 */
export function assertWellFormed(markup: string): string[] {
  const stack: string[] = [];
  const names: string[] = [];
  for (const part of markup.split(/(<[^>]*>)/)) {
    if (!part.startsWith('<')) {
      assert.doesNotMatch(part, /[<>]/, `raw angle bracket in text: ${part}`);
      continue;
    }
    const m = /^<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s=]+="[^"]*")*)\s*(\/?)>$/.exec(part);
    assert.ok(m, `malformed tag: ${part}`);
    const [, close, name, , selfClose] = m;
    if (close) assert.equal(stack.pop(), name, `unbalanced </${name}>`);
    else {
      names.push(name!);
      if (!selfClose) stack.push(name!);
    }
  }
  assert.deepEqual(stack, [], 'unclosed elements');
  return names;
}

/** Number of <path> elements filled with a colour (bars, slices and legend icons). */
export const countFilled = (svg: string, color: string): number =>
  (svg.match(new RegExp(`<path [^>]*fill="${color}"`, 'g')) ?? []).length;
