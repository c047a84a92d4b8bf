import { sanitizeBlogHtml } from './blog-html';

describe('sanitizeBlogHtml', () => {
  it('keeps paragraphs, headings, emphasis, lists, quotes and ordinary links', () => {
    const html =
      '<h2>Flu</h2><p>Walk <strong>in</strong> <em>any</em> day.</p><ul><li>One</li></ul><blockquote>Q</blockquote>' +
      '<p><a href="https://riverside.example">Site</a> <a href="tel:+15550102000">Call</a></p>';
    expect(sanitizeBlogHtml(html)).toBe(
      html
        .replace(
          'href="https://riverside.example"',
          'href="https://riverside.example" rel="noopener noreferrer"',
        )
        .replace('href="tel:+15550102000"', 'href="tel:+15550102000" rel="noopener noreferrer"'),
    );
  });

  it('removes scripts and styles with their content, handlers, images, frames and script links', () => {
    const out = sanitizeBlogHtml(
      '<p onclick="x()" style="color:red">Hi</p><script>steal()</script><style>p{}</style>' +
        '<img src="https://tracker.example/p.gif" onerror="x()"><iframe src="https://evil.example"></iframe>' +
        '<a href="javascript:alert(1)">a</a><a href="//evil.example">b</a><form><input></form>',
    );
    expect(out).toBe('<p>Hi</p><a rel="noopener noreferrer">a</a><a rel="noopener noreferrer">b</a>');
  });

  it('turns b and i into strong and em, and gives blank for markup without text', () => {
    expect(sanitizeBlogHtml('<b>bold</b> <i>it</i>')).toBe('<strong>bold</strong> <em>it</em>');
    expect(sanitizeBlogHtml('<p> </p><script>x</script>')).toBe('');
  });
});
