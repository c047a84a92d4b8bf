import { escapeHtml, markup, raw, SafeHtml } from './html';

describe('html templates', () => {
  it('escapes every character that could start markup or end an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  it('escapes interpolated text but keeps nested templates and trusted markup', () => {
    const name = '<script>alert(1)</script>';
    const out = markup`<p title="${name}">${name} ${markup`<b>${'&'}</b>`} ${raw('<i>ok</i>')}</p>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.value).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt; <b>&amp;</b> <i>ok</i></p>',
    );
  });

  it('joins arrays and renders nothing for null, undefined and false', () => {
    expect(markup`<ul>${['<a>', markup`<li>b</li>`]}</ul>${null}${undefined}${false}${0}`.value).toBe(
      '<ul>&lt;a&gt;<li>b</li></ul>0',
    );
  });
});
