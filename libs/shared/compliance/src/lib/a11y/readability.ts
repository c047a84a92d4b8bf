import type { Finding } from '@carecast/shared/contracts';
import { syllable } from 'syllable';
import { finding } from '../text/finding';

/**
 * Reading level (X3): the Flesch-Kincaid grade, warned above grade 8 (NIH; the AMA aims at 6).
 * Syllables are counted by `syllable` (a maintained English syllable counter); the formula is
 * 0.39 × words per sentence + 11.8 × syllables per word − 15.59. Texts under 15 words are not
 * graded (the formula means little on a line or two), and only English is graded (the counter
 * and the formula are English ones).
 */

export const MIN_GRADED_WORDS = 15;

const SKIP = /https?:\/\/\S+|www\.\S+|(?<!\S)[^\s@]+@[^\s@]+\.[^\s@]+|[#@][\p{L}\p{N}_]+/gu;
const WORD = /\p{L}+(?:['’-]\p{L}+)*/gu;

export interface ReadingLevel {
  grade: number;
  words: number;
  sentences: number;
  syllables: number;
}

export function readingLevel(text: string): ReadingLevel {
  const clean = text.replace(SKIP, ' ');
  const words = clean.match(WORD) ?? [];
  const sentences = Math.max(
    1,
    clean.split(/[.!?]+(?=\s|$)|\n+|[;:](?=\s)/).filter((s) => /\p{L}/u.test(s)).length,
  );
  let syllables = 0;
  for (const w of words) syllables += syllablesOf(w);
  const n = Math.max(1, words.length);
  const grade = 0.39 * (n / sentences) + 11.8 * (syllables / n) - 15.59;
  return { grade: Math.round(grade * 10) / 10, words: words.length, sentences, syllables };
}

/** Syllables per word, remembered (words repeat a lot; the counter's rules are the slow part). */
const SYLLABLES = new Map<string, number>();
const MAX_REMEMBERED = 20_000;

function syllablesOf(word: string): number {
  const key = word.toLowerCase();
  let n = SYLLABLES.get(key);
  if (n === undefined) {
    n = Math.max(1, syllable(key));
    if (SYLLABLES.size >= MAX_REMEMBERED) SYLLABLES.clear();
    SYLLABLES.set(key, n);
  }
  return n;
}

export function readabilityFindings(field: string, text: string, maxGrade: number): Finding[] {
  const level = readingLevel(text);
  if (level.words < MIN_GRADED_WORDS || level.grade <= maxGrade) return [];
  return [
    finding(
      'readability.grade',
      'warn',
      field,
      text,
      null,
      null,
      `This reads at about grade ${level.grade}; aim for grade ${maxGrade} or lower.`,
      'Use shorter sentences and everyday words (e.g. “shot” for “immunization”).',
    ),
  ];
}
