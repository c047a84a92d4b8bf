import { PRACTICE, postInput } from '../testing/check-fixtures';
import { checkContent } from './check-content';
import { checkReply } from './check-reply';

/**
 * The checks run on the server at every save and view of a post (texts up to 63,206 characters)
 * and in the browser at every keystroke: no text may make them take seconds. Each text below
 * once made a pattern try every split of a long run (of spaces, letters, dots...) — seconds to
 * hours of work for one request. The bound is generous (the machine is shared); the texts took
 * from 5 seconds to far beyond before.
 */
const BUDGET_MS = 2_000;

const repeat = (unit: string, length: number) =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

const TEXTS: Array<[string, string]> = [
  ['a date cue followed by a long run of spaces', `seen on${' '.repeat(2_500)}3/14`],
  ['an SSN cue followed by a long run of spaces', `ssn${' '.repeat(2_500)}`],
  ['a record-number cue followed by a long run of spaces', `MRN${' '.repeat(2_500)}`],
  ['an account cue followed by a long run of spaces', `account${' '.repeat(60_000)}`],
  ['a phone cue followed by a long run of spaces', `call${' '.repeat(60_000)}`],
  ['a Spanish street word followed by a long capitalised word', `Calle ${'A'.repeat(2_500)}`],
  ['a greeting followed by a long run of spaces', `hi${' '.repeat(60_000)}`],
  ['a long run of would-be e-mail characters', repeat('a%', 60_000)],
  ['a long dotted run (a would-be web address)', repeat('a.', 60_000)],
  ['a long run of full stops', '.'.repeat(60_000)],
  ['names in one endless sentence', repeat('Mary Smith ', 60_000)],
  ['dates in one endless sentence', repeat('I saw him March 3 ', 60_000)],
  ['a claim repeated thousands of times', repeat('#1 ', 60_000)],
];

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

describe('checks on adversarial long texts', () => {
  it.each(TEXTS)('checkContent stays quick on %s', (_what, text) => {
    expect(timed(() => checkContent(postInput(text), PRACTICE))).toBeLessThan(BUDGET_MS);
  });

  it.each(TEXTS)('checkReply stays quick on %s', (_what, text) => {
    expect(timed(() => checkReply(text, PRACTICE))).toBeLessThan(BUDGET_MS);
  });

  it('measures a long unbroken run for X quickly, and calls it too long', () => {
    const text = repeat('a.', 60_000);
    let findings: ReturnType<typeof checkContent> = [];
    const ms = timed(() => {
      findings = checkContent(
        { ...postInput(text), texts: [{ field: 'base.text', text, channel: 'x_account', language: 'en' }] },
        PRACTICE,
      );
    });
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'length.x', severity: 'block' }));
  });

  it('still finds what the rewritten patterns are for', () => {
    const rules = (text: string) => checkContent(postInput(text), PRACTICE).map((f) => f.rule);
    expect(rules('Her SSN is  #  123-45-6789.')).toContain('phi.ssn');
    expect(rules('My social security number last 4 digits: 6789')).toContain('phi.ssn');
    expect(rules('Patient MRN:  # 44810293 was seen today.')).toContain('phi.record_number');
    expect(rules('Account # 00731558 is overdue.')).toContain('phi.record_number');
    expect(rules('She lives at Calle Mayor Verde No. 12 with her kids.')).toContain('phi.address');
    expect(rules('Call me at 5552013001 about my results.')).toContain('phi.phone');
    expect(rules('Email jane.doe+flu@gmail.com for her records.')).toContain('phi.email');
    expect(rules('Her page is gofundme.com/f/help-jane-doe-surgery')).toContain('phi.url');
    expect(rules('He was seen on 3/14 for a sprain.')).toContain('phi.date');
    expect(rules('Our new treatment is the #1 choice and guaranteed to work.')).toEqual(
      expect.arrayContaining(['claims.unsupported']),
    );
    expect(checkReply('Hi , Margaret Olsen, glad to hear it.', PRACTICE).map((f) => f.rule)).toContain(
      'reply.patient_relationship',
    );
  });
});
