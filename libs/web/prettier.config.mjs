// The workspace Prettier settings, plus Angular's template parser for the dashboard libraries' .html files
// (the plain HTML parser does not understand @if / @for blocks).
import { readFileSync } from 'node:fs';

const root = JSON.parse(readFileSync(new URL('../../.prettierrc', import.meta.url), 'utf8'));

export default {
  ...root,
  overrides: [...(root.overrides ?? []), { files: '*.html', options: { parser: 'angular' } }],
};
