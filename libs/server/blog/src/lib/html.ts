import { xmlCharacters } from '@carecast/server/core';

/** Markup that is already safe to put in a page as it is (built by `markup` or sanitised). */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text to HTML text or attribute value: nothing in it can become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Text to XML text or attribute value: escaped, and only characters XML 1.0 allows kept. */
function escapeXml(text: string): string {
  return escapeHtml(xmlCharacters(text));
}

type Value = SafeHtml | string | number | null | undefined | false | readonly Value[];

function render(value: Value, escape: (text: string) => string): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v: Value) => render(v, escape)).join('');
  return escape(String(value));
}

function template(escape: (text: string) => string) {
  return (strings: TemplateStringsArray, ...values: Value[]): SafeHtml => {
    let out = strings[0];
    values.forEach((value, i) => (out += render(value, escape) + strings[i + 1]));
    return new SafeHtml(out);
  };
}

/**
 * A template whose interpolated values are escaped unless they are SafeHtml (nested `markup`
 * templates are); arrays are joined; null, undefined and false render nothing. (Not named `html`,
 * which code formatters would re-indent, changing the markup sent.)
 */
export const markup = template(escapeHtml);

/**
 * `markup` for XML documents (the feeds): interpolated text also loses the characters XML does
 * not allow (a control character would make the whole feed unreadable).
 */
export const xml = template(escapeXml);

/** Trusted markup (e.g. sanitised HTML from the database). */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup);
