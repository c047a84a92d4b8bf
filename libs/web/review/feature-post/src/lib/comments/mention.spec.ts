import { insertMention, matchPeople, mentionAt, mentionedIds } from './mention';

describe('mentions', () => {
  it('finds the @word being typed before the caret, and nothing in an email address', () => {
    expect(mentionAt('please @da', 10)).toEqual({ start: 7, query: 'da' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('write to dana@riverside.example', 31)).toBeNull();
    expect(mentionAt('done. ', 6)).toBeNull();
  });

  it('replaces the typed word with the full name and puts the caret after it', () => {
    expect(insertMention('hi @da thanks', 3, 6, 'Dana Whitfield')).toEqual({
      text: 'hi @Dana Whitfield  thanks',
      caret: 19,
    });
  });

  it('matches any word of a name, and keeps only mentions still in the text', () => {
    const people = [{ name: 'Dana Whitfield' }, { name: 'Marcus Lee' }, { name: 'Priya Raman' }];
    expect(matchPeople(people, 'whit')).toEqual([{ name: 'Dana Whitfield' }]);
    expect(matchPeople(people, '')).toHaveLength(3);
    const chosen = new Map([
      ['u-d', 'Dana Whitfield'],
      ['u-p', 'Priya Raman'],
    ]);
    expect(mentionedIds('@Dana Whitfield please fix', chosen)).toEqual(['u-d']);
  });
});
