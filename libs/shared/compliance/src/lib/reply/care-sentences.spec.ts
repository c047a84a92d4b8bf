import { PRACTICE, spanned } from '../../testing/check-fixtures';
import { checkReply } from '../check-reply';
import { careSentenceScope, personalCareSentences } from './care-sentences';
import { TIER_TWO_MESSAGE } from './reply-guard';

const guard = (text: string) =>
  checkReply(text, PRACTICE).filter((f) => f.rule === 'reply.patient_relationship');
const clauses = (text: string) =>
  personalCareSentences(text, careSentenceScope(PRACTICE.organisation)).map((s) =>
    text.slice(s.start, s.end),
  );

describe('reply guard, tier 2: a clause about someone’s care or account', () => {
  it.each([
    // care + the reader
    'So glad Dr. Chen could fit you in before your trip!',
    'You were such a good sport about the blood draw!',
    'Good luck with PT, you’ll be back on the court in no time.',
    // a thing pointed at
    'We’ll ask billing to take another look at that statement.',
    'Great job keeping those sugars down, keep it up!',
    'Hope you’re breathing easier with the new inhaler!',
    // something done or changed, a mishap
    'Glad the cream cleared it up!',
    'The billing error is on us, and we’ve corrected it.',
    'Thanks for your patience while we sorted out the insurance mix-up.',
    'We’ll waive the late fee this time.',
    // a reaction to someone's health
    'Bummer about the flu, rest up and drink fluids!',
    'Hang in there, the first week after a knee replacement is the hardest.',
    'Glad the dizziness is gone!',
    // a particular person: a relative, a child, someone spoken of
    'Your little guy was so brave getting his shots!',
    'She did great at her first cleaning!',
    'Happy to hear baby is feeding better!',
    // a time of its own
    'Thanks for being so patient in the waiting room yesterday.',
    'Sorry we ran late today, thanks for waiting!',
    // register, typos, short forms
    'omg so happy the ear drops worked!!',
    'we got ur msg about the bill, someone will call tmrw',
    'Pls bring the med list next time so the dr can update it',
    // Spanish
    'Esperamos que el nuevo tratamiento le ayude.',
    'La doctora dice que siga con las pastillas.',
    'Lo sentimos, la enfermera debió explicarle mejor.',
    'Gracias por su paciencia con la receta, ya está en la farmacia.',
    // classes of care words: specialists and symptoms, procedures, forms of medicine, slots,
    // clearance, lines of a bill
    'Passed along to the dermatologist that the itching is back.',
    'Sorry the sutures pulled when the anesthetic wore off.',
    'Hope the chewable tablets go down easier than the capsules.',
    'We moved the 3:15 slot to Monday so it fits your carpool.',
    'Good to go: you’re cleared to return to soccer on Saturday.',
    'That line item for the splint is being reviewed by our billing lead.',
    // a clause about care whose person is in the other clause of the sentence
    'Wisdom teeth are no joke, but she handled it like a pro!',
    // a title's full stop ends no sentence ("la Dra. Vega")
    'La Dra. Vega comenta que todo salió muy bien.',
  ])('flags %s with the tier-2 message', (text) => {
    const found = guard(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.severity === 'block')).toBe(true);
    const tier2 = found.filter((f) => f.message === TIER_TWO_MESSAGE);
    expect(tier2.length).toBeGreaterThan(0);
    // its suggestion is an approved generic reply with the practice's own contact details
    expect(tier2[0].suggestion).toContain('Privacy law keeps us from talking about anyone');
    expect(tier2[0].suggestion).toContain('(555) 010-2000');
    spanned(text, found);
  });

  it('marks only the clause that speaks of it', () => {
    expect(
      clauses('Thanks for writing. The pharmacy never received the refill request. Call us any time.'),
    ).toEqual(['The pharmacy never received the refill request.']);
    expect(
      clauses('We can’t discuss anyone’s care here, but we’re glad Dr. Chen could see you so quickly.'),
    ).toEqual(['we’re glad Dr. Chen could see you so quickly.']);
  });

  it('leaves a clause to tier 1 when tier 1 says exactly what it found', () => {
    const found = guard('We reviewed your chart and the results look great.');
    expect(found.map((f) => f.excerpt)).toEqual(['your chart', 'the results look great']);
    expect(found[0].message).toContain('holds their health records');
    expect(found[1].message).toContain('tests the practice ran for them');
    expect(found.some((f) => f.message === TIER_TWO_MESSAGE)).toBe(false);
  });

  it.each([
    // no person and no occasion
    'Our nurses are the best part of our team, and we’re lucky to have them.',
    'Yes, we take walk-ins for sick visits every morning.',
    'Our lab opens at 7 a.m. for fasting blood work, so you can come before work.',
    'The RSV vaccine is recommended for adults 75 and older.',
    'Great question about the second shot: it comes two months after the first.',
    'Heads up: our lab will close early on Friday for staff training.',
    // thanks, apology and invitation formulas
    'Thanks for the shout-out to our front desk team! They’ll love this.',
    'We appreciate the kind words. We’ll pass them on to the nurses.',
    'We’re sorry to hear this. Please give us a call at (555) 010-2000 so a manager can help.',
    'We’re sorry for any confusion about our holiday hours.',
    'Congratulations to our staff on 25 years of caring for Springfield!',
    'Sorry you waited on hold. Our new phone system should help.',
    'Feel better soon! Our nurse line can help any time: (555) 010-2000.',
    // the practice's own contact details and places to reach it
    'Happy to help! Our billing team can answer any question about statements at (555) 010-2001.',
    'The best way to reach our billing team is by email at billing@riversidefm.example.',
    'You can reach our on-call doctor after hours at (555) 010-2000.',
    // questions and invitations to get in touch privately
    'Could you send us a private message with your phone number? Our manager will reach out.',
    'We take your concerns seriously. Our practice manager would like to speak with you privately.',
    // instructions, cases anyone may be in, offers
    'If you have questions about a charge, our billing team is happy to walk you through it.',
    'Yes, you’ll need a referral from your insurance for a specialist.',
    'We’d be happy to see you! Call (555) 010-2000 to book.',
    'Great question! Our nurse practitioners can see you for most common illnesses.',
    'If you’re a patient, you can message your care team through the portal.',
    // framed for everyone
    'We can’t discuss anyone’s care online, but we’d welcome your call.',
    'Our billing office can set up a payment plan for anyone who needs one.',
    'Dr. Chen and his team love seeing kids grow up healthy.',
    // Spanish
    'Lo sentimos. Por privacidad no podemos hablar de casos aquí; escríbanos un mensaje privado.',
    'Gracias por su comentario. Llame al (555) 010-2000 y con gusto le ayudamos.',
    'Lamentamos la espera en el teléfono. Estamos contratando más personal.',
    'Revise su presión arterial en casa y anótela.',
    // an offer whose verb is also an invitation to get in touch
    'Hi! A nurse can talk with you about vaccines by phone at (555) 010-2000.',
    // a person in the other clause, but no care in either
    'Wisdom comes with age, but she still loves the health fair!',
  ])('lets a generic reply through: %s', (text) => {
    expect(clauses(text)).toEqual([]);
    expect(guard(text)).toEqual([]);
  });
});
