import { hasLoneSurrogate, storableText, xmlCharacters } from './text-characters';

describe('text characters', () => {
  it('tells a lone surrogate from a pair, at either end of the text', () => {
    expect(hasLoneSurrogate('plain \u{1F489} text')).toBe(false);
    expect(hasLoneSurrogate('\ud800')).toBe(true);
    expect(hasLoneSurrogate('a\udc00')).toBe(true);
    expect(hasLoneSurrogate('\ud83d\ud83d\udc89')).toBe(true);
    expect(hasLoneSurrogate('\udc89\ud83d')).toBe(true);
    // Called again on the same text: no state carried over between calls.
    expect([hasLoneSurrogate('x\ud800'), hasLoneSurrogate('x\ud800')]).toEqual([true, true]);
  });

  it('makes text storable: every NUL dropped, lone surrogates replaced, pairs and controls kept', () => {
    expect(storableText('a\u0000b\u0000c')).toBe('abc');
    expect(storableText('\ud800 \u{1F489} \udfff')).toBe('\ufffd \u{1F489} \ufffd');
    expect(storableText('tab\tbell\u0007')).toBe('tab\tbell\u0007');
  });

  it('keeps only what XML 1.0 allows: tab, line feed and carriage return stay; other controls, U+FFFE/F and lone surrogates go', () => {
    const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
    expect(xmlCharacters(`a${controls}b`)).toBe('a\t\n\rb');
    expect(xmlCharacters('x\ufffe\uffff\ufffdy')).toBe('x\ufffdy');
    expect(xmlCharacters('\ud800\ud83d\udc89\udc00\u007f\u0085')).toBe('\u{1F489}\u007f\u0085');
  });
});
