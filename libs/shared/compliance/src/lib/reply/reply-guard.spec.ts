import { PRACTICE, spanned } from '../../testing/check-fixtures';
import { checkReply } from '../check-reply';

const guard = (text: string) =>
  checkReply(text, PRACTICE).filter((f) => f.rule === 'reply.patient_relationship');

describe('reply.patient_relationship', () => {
  it.each([
    ['We reviewed your chart and everything looks fine.', 'your chart'],
    ['So sorry about the wait during your visit on Tuesday.', 'your visit'],
    ['When you came in last week, the desk should have told you.', 'When you came'],
    ['Please call billing so we can look into your bill.', 'your bill'],
    ['According to our records, you missed two appointments.', 'According to our records'],
    ['As a long-time patient, you know we care.', 'As a long-time patient'],
    ["We've been treating you for years.", "We've been treating you"],
    ['Glad your knee is healing well!', 'your knee is'],
    ['The nurse who saw you heard your feedback.', 'who saw you'],
    ['Your son’s appointment moved to Friday.', 'Your son’s appointment'],
    ['It was a pleasure seeing you and your newborn!', 'pleasure seeing you'],
    ['Thanks for coming in on Monday!', 'Thanks for coming in'],
    ['We’re thrilled the new treatment plan is working for you!', 'treatment plan is working for you'],
    ['We are sorry your mother waited so long during her chemo visit.', 'your mother'],
    ['Revisamos su expediente y todo está en orden.', 'su expediente'],
    ['Sentimos la espera durante su cita del martes.', 'su cita'],
  ])('flags %s', (text, excerpt) => {
    const found = guard(text);
    expect(spanned(text, found)).toContain(excerpt);
    expect(found.every((f) => f.severity === 'block')).toBe(true);
    expect(found[0].suggestion).toContain('(555) 010-2000');
  });

  it.each([
    ['Hi Maria, thanks for writing!', 'Maria'],
    ['Thank you, Mr. Henderson.', 'Mr. Henderson'],
    ['Gracias, Sra. Ruiz.', 'Sra. Ruiz'],
  ])('flags naming the person: %s', (text, excerpt) => {
    expect(spanned(text, guard(text))).toEqual([excerpt]);
  });

  it.each([
    "Thank you for reaching out. Privacy law keeps us from discussing anyone's care here; please call our patient advocate at (555) 010-2000.",
    "We're sorry to hear about your experience. Please email info@riversidefm.example so we can help.",
    'Thanks so much for the kind words! We will share them with the team.',
    'Great question. We accept most major insurance plans; call (555) 010-2000 to check yours.',
    'For your privacy, we can’t discuss personal health information here.',
    'Hi there! Yes, Dr. Lopez is accepting new patients.',
    'Thank you. May we suggest calling our front desk?',
    'Gracias por comunicarse. Por privacidad, no podemos hablar de la atención de nadie aquí.',
    'We hear you. Please contact our patient relations team at (555) 010-2000.',
    // a booth or a table at an event is no visit
    'Thanks for stopping by our table at the farmers market!',
  ])('lets a generic reply through: %s', (text) => {
    expect(guard(text)).toEqual([]);
  });

  it('names its own field when given one', () => {
    expect(checkReply('We reviewed your chart.', PRACTICE, { field: 'replies.12.text' })[0].field).toBe(
      'replies.12.text',
    );
  });
});
