import { PRACTICE, spanned } from '../../testing/check-fixtures';
import { checkReply } from '../check-reply';

const guard = (text: string) =>
  checkReply(text, PRACTICE).filter((f) => f.rule === 'reply.patient_relationship');

describe('reply guard: a past service event done to "you"', () => {
  it.each([
    ['Our scheduler rebooked you for Thursday afternoon.', 'rebooked you'],
    ['We triaged you as quickly as we could that night.', 'triaged you'],
    ['Sorry the desk left you waiting that long.', 'left you waiting'],
    ['We weren’t able to squeeze you in before the holiday.', 'squeeze you in'],
    ['We had to move you to another day because of the storm.', 'move you to another day'],
    ['We never got back to you, and that is on us.', 'got back to you'],
    ['Someone should have kept you in the loop.', 'kept you in'],
    ['We should have told you about the fee up front.', 'told you'],
    ['The staff were slow when checking you in.', 'checking you in'],
    ['No one from our office called you back, which we regret.', 'called you back'],
    ['Someone checked you in at the wrong desk.', 'checked you in'],
  ])('flags %s', (text, excerpt) => {
    expect(spanned(text, guard(text)).join(' | ')).toContain(excerpt);
  });

  it.each([
    'We can check you in online before you arrive.',
    'We’d be glad to see you at the health fair.',
    'We look forward to seeing you at the 5K on Saturday.',
    'Feel free to message us and we’ll get back to you today.',
    'We sent you a private message with our phone number.',
    'Sorry if someone gave you the wrong opening hours: we are open until 7.',
    'Do what your doctor told you, and call 911 in an emergency.',
    'Thanks to everyone who told you about us!',
  ])('lets an offer or a generic answer through: %s', (text) => {
    expect(guard(text)).toEqual([]);
  });
});

describe('reply guard: staff who did something to "you"', () => {
  it.each([
    ['Dr. Lopez has already reviewed it, the stretches Sam gave you are right.', 'Sam gave you'],
    ['The hygienist who cleaned your mouth guard is on leave this week.', 'hygienist who cleaned your'],
    ['Our front desk told you the wrong copay, and we are sorry.', 'Our front desk told you'],
    ['Dr. Patel measured you for the brace himself.', 'Dr. Patel measured you'],
  ])('flags %s', (text, excerpt) => {
    expect(spanned(text, guard(text)).join(' | ')).toContain(excerpt);
  });

  it.each([
    'Linda answered every question we got this week.',
    'Our nurses give about 200 flu shots a week.',
    'Sam Okafor, NP, leads our diabetes class on Mondays.',
  ])('lets staff news through: %s', (text) => {
    expect(guard(text)).toEqual([]);
  });
});

describe('reply guard: "the" + an event, a result or an account of theirs', () => {
  it.each([
    ['Sorry for the mix-up at the 9 a.m. appointment.', 'at the 9 a.m. appointment'],
    ['The copay for the Friday visit was waived.', 'for the Friday visit'],
    ['Good news: the biopsy came back benign.', 'the biopsy came back benign'],
    ['The labs were all normal, so no change for now.', 'The labs were all normal'],
    ['We resubmitted the insurance claim on Monday.', 'resubmitted the insurance claim'],
    ['The charge from the urgent visit has now been reversed.', 'has now been reversed'],
    ['We uploaded the letter to the school site as you requested.', 'as you requested'],
  ])('flags %s', (text, excerpt) => {
    expect(spanned(text, guard(text)).join(' | ')).toContain(excerpt);
  });

  it.each([
    'Great question about the second shot: it comes two months after the first.',
    'After the procedure, most people rest for a day.',
    'Results are usually ready in two or three days and show up in the portal.',
    'The numbers are in: 500 flu shots given this month!',
    'We updated the forms on our website so they are easier to fill out.',
    'The wait today is about 20 minutes at the walk-in clinic.',
  ])('lets general information through: %s', (text) => {
    expect(guard(text)).toEqual([]);
  });
});

describe('reply guard: "your" + what only a patient has', () => {
  it.each([
    ['Your vitals looked steady, nothing to worry about.', 'Your vitals'],
    ['Your prior authorization is still with the insurer.', 'Your prior authorization'],
    ['Sorry your wait stretched past an hour.', 'your wait'],
    ['We reviewed your EOB and the numbers match.', 'your EOB'],
  ])('flags %s', (text, excerpt) => {
    expect(spanned(text, guard(text)).join(' | ')).toContain(excerpt);
  });

  it.each([
    'Book your annual physical online any time.',
    'Get your flu shot at our walk-in clinic, no appointment needed.',
    'You can pay your bill online or by phone.',
    'Please bring your insurance card to your appointment.',
    'Your feedback means a lot to our team.',
    'Your health matters to us.',
  ])('lets a call to action through: %s', (text) => {
    expect(guard(text)).toEqual([]);
  });

  it('still flags a call to action that presumes a visit of theirs', () => {
    const text = 'Please bring the form to your follow-up visit.';
    expect(spanned(text, guard(text))).toEqual(['your follow-up']);
  });
});

describe('reply guard: healing, coming back, waiting, names', () => {
  it.each([
    ['Happy to hear the ankle is on the mend!', 'the ankle is on the mend'],
    ['Next time you’re here, ask for a copy at the desk.', 'Next time you’re here'],
    ['We are sorry about the wait on Monday.', 'the wait on Monday'],
    ['Thanks for the update, Gwendolyn!', 'Gwendolyn'],
  ])('flags %s', (text, excerpt) => {
    expect(spanned(text, guard(text)).join(' | ')).toContain(excerpt);
  });

  it.each([
    'Happy to see the back of winter! Spring hours start Monday.',
    'Next time you’re in the area, stop by our booth at the fair.',
    'If you’re a new patient, welcome! Forms are on our website.',
    'Thanks, Springfield! See you at the 5K.',
  ])('lets %s through', (text) => {
    expect(guard(text)).toEqual([]);
  });
});

describe('reply guard: Spanish', () => {
  it.each([
    ['El técnico que lo atendió ya no trabaja aquí.', 'lo atendió'],
    ['Disculpe, no le devolvimos la llamada a tiempo.', 'le devolvimos la llamada'],
    ['Sentimos mucho la espera del jueves.', 'la espera del jueves'],
    ['Qué bueno que ya se siente mejor.', 'ya se siente mejor'],
    ['Nos alegra que su rodilla va mejor.', 'su rodilla va mejor'],
    ['Desde su cirugía no hemos sabido de usted.', 'su cirugía'],
    ['Después de su limpieza puede comer normalmente.', 'Después de su limpieza'],
    ['Sus estudios ya llegaron.', 'Sus estudios'],
    ['Gracias por escribir, doña Carmela.', 'doña Carmela'],
  ])('flags %s', (text, excerpt) => {
    expect(spanned(text, guard(text)).join(' | ')).toContain(excerpt);
  });

  it.each([
    'Después del tratamiento es normal sentirse cansado; consulte a su médico.',
    'Revise su presión arterial en casa y anótela.',
    'Puede llenar sus formularios en línea antes de venir.',
    'Lo vimos en las noticias: ¡felicidades a la feria de salud!',
    '¡Que se mejore pronto! Si empeora, llame al 911.',
  ])('lets %s through', (text) => {
    expect(guard(text)).toEqual([]);
  });
});
