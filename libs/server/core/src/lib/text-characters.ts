/**
 * Characters that valid JSON and JavaScript strings may carry but that are not text where we put
 * them: a lone UTF-16 surrogate is no character at all (PostgreSQL refuses it), PostgreSQL text
 * and jsonb refuse NUL, and XML 1.0 allows no C0 control but tab, line feed and carriage return,
 * nor U+FFFE and U+FFFF.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** The same, for a test that keeps no position between calls (not global). */
const A_LONE_SURROGATE = new RegExp(LONE_SURROGATE.source);
// eslint-disable-next-line no-control-regex -- the NUL character is what must go
const NUL = /\u0000/g;
// eslint-disable-next-line no-control-regex -- control characters are what must go
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Whether the text holds a surrogate that is not half of a pair. */
export function hasLoneSurrogate(text: string): boolean {
  return A_LONE_SURROGATE.test(text);
}

/** The text as PostgreSQL can store it: NULs dropped, lone surrogates as U+FFFD; the rest as given. */
export function storableText(text: string): string {
  return text.replace(NUL, '').replace(LONE_SURROGATE, '\ufffd');
}

/**
 * The text with only characters XML 1.0 allows: control characters other than tab, line feed
 * and carriage return, U+FFFE, U+FFFF and lone surrogates are dropped. Also what an HTML page
 * should show of typed text.
 */
export function xmlCharacters(text: string): string {
  return text.replace(NOT_XML, '').replace(LONE_SURROGATE, '');
}
