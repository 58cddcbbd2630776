import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { h, raw } from './jsx.js';

describe('JSX runtime', () => {
  it('escapes text children and attribute values by default', () => {
    const evil = '<script>alert("x")</script>&\'';
    const out = (<p title={evil}>{evil}</p>).value;
    assert.equal(out, '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>');
  });

  it('neutralises javascript: URLs and drops event-handler attributes', () => {
    const out = (<a href=" javascript:alert(1)" onclick="steal()">x</a>).value;
    assert.equal(out, '<a href="#">x</a>');
  });

  it('keeps relative and http(s) links', () => {
    assert.equal((<a href="/catalog?x=1&y=2">x</a>).value, '<a href="/catalog?x=1&amp;y=2">x</a>');
    assert.equal((<a href="https://www.gov.cn/">x</a>).value, '<a href="https://www.gov.cn/">x</a>');
  });

  it('renders components, arrays, booleans and void elements', () => {
    const Item = ({ n }: { n: number }) => <li>{n}</li>;
    assert.equal((<ul>{[1, 2].map((n) => <Item n={n} />)}{false}{null}</ul>).value, '<ul><li>1</li><li>2</li></ul>');
    assert.equal((<input checked={true} disabled={false} />).value, '<input checked>');
  });

  it('passes trusted markup through raw() only', () => {
    assert.equal((<div>{raw('<b>ok</b>')}</div>).value, '<div><b>ok</b></div>');
  });
});
