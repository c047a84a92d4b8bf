import { PRACTICE, spanned } from '../../testing/check-fixtures';
import { checkReply } from '../check-reply';
import { particularCareSentences } from './care-sentences';

const guard = (text: string) =>
  checkReply(text, PRACTICE).filter((f) => f.rule === 'reply.patient_relationship');
const sentences = (text: string) => particularCareSentences(text).map((s) => text.slice(s.start, s.end));

describe('reply guard, wider net: a sentence about one particular occasion of care', () => {
  it.each([
    // care + something done
    [
      'The courier misplaced the specimen, so we will redo it at no cost.',
      'The courier misplaced the specimen, so we will redo it at no cost.',
    ],
    // a service + a time
    [
      'The physical therapist was running late this morning, and that should not happen.',
      'The physical therapist was running late this morning, and that should not happen.',
    ],
    // a reaction + care
    ['So glad the brace is helping on your runs!', 'So glad the brace is helping on your runs!'],
    // an account + finished
    ['The duplicate invoice was corrected.', 'The duplicate invoice was corrected.'],
    // a relative + a time
    ['Your daughter did great at the front desk today.', 'Your daughter did great at the front desk today.'],
    // Spanish: a service + done
    ['La farmacia ya recibió la receta.', 'La farmacia ya recibió la receta.'],
  ])('flags %s', (text, sentence) => {
    expect(sentences(text)).toEqual([sentence]);
    expect(spanned(text, guard(text)).join(' | ')).toContain(sentence.slice(0, 12));
  });

  it.each([
    // something done already, something that changed, a mistake owned
    [
      'We’ve already refiled the claim with the insurer.',
      'We’ve already refiled the claim with the insurer.',
    ],
    ['Sorry to hear the dressing fell off overnight.', 'Sorry to hear the dressing fell off overnight.'],
    [
      'That charge was our mistake, so it has been taken off.',
      'That charge was our mistake, so it has been taken off.',
    ],
    [
      'The nurse said you asked about the flu shot for your kids.',
      'The nurse said you asked about the flu shot for your kids.',
    ],
    [
      'Good news about the ultrasound, everything looked fine.',
      'Good news about the ultrasound, everything looked fine.',
    ],
    ['El laboratorio ya procesó la muestra.', 'El laboratorio ya procesó la muestra.'],
  ])('flags a particular occasion: %s', (text, sentence) => {
    expect(sentences(text)).toEqual([sentence]);
  });

  it.each([
    'We just added evening hours on Thursdays.',
    'Good news: we offer the new RSV vaccine now.',
    'Ya puede reservar su vacuna en línea.',
  ])('lets general news through: %s', (text) => {
    expect(sentences(text)).toEqual([]);
  });

  it('marks only the sentence that speaks of it', () => {
    const text = 'Thanks for writing. The pharmacy never received the refill request. Call us any time.';
    expect(sentences(text)).toEqual(['The pharmacy never received the refill request.']);
  });

  it.each([
    // general framing
    'Our lab opens at 7 a.m. every weekday, no appointment needed.',
    'Privacy law keeps us from discussing anyone’s care, but our nurse line can help.',
    'Most plans cover one physical a year.',
    'If you lost your inhaler, your pharmacy can usually refill it early.',
    // calls to action
    'Please bring your insurance card and a list of medicines.',
    'You can pay your bill online or by phone.',
    // care words with nothing particular
    'We’re proud of our nurses and the care they give.',
    'Thank you for the kind review of our front desk team!',
    'Happy Nurses Week to all the nurses out there!',
    'Congratulations to the graduates of our medical assistant program!',
    // particular, but no care
    'Thanks for the heads-up about the broken sidewalk; we let the city know today.',
    'Glad you enjoyed the health fair!',
    '¡Gracias por su mensaje! Nuestra farmacia abre a las 8.',
  ])('lets %s through', (text) => {
    expect(sentences(text)).toEqual([]);
    expect(guard(text)).toEqual([]);
  });
});
