import { checkContent } from '../check-content';
import { PRACTICE, findingsOf, postInput, spanned } from '../../testing/check-fixtures';

describe('claims.unsupported', () => {
  it.each([
    ['This cure works for everyone.', 'cure', 'block'],
    ['Results guaranteed!', 'guaranteed', 'block'],
    ['Our peel is 100% safe.', '100% safe', 'block'],
    ['No side effects at all.', 'No side effects', 'block'],
    ['A risk-free way to lose weight.', 'risk-free', 'block'],
    ['A real breakthrough in allergy care.', 'breakthrough', 'warn'],
    ['Voted #1 in Springfield!', '#1', 'warn'],
    ['The best doctors in town.', 'The best doctors in town', 'warn'],
    ['Un tratamiento garantizado y sin efectos secundarios.', 'garantizado', 'block'],
  ] as const)('flags %s', (text, excerpt, severity) => {
    const found = findingsOf('claims.unsupported', text);
    expect(spanned(text, found)).toContain(excerpt);
    expect(found.find((f) => f.excerpt === excerpt)?.severity).toBe(severity);
  });

  it.each([
    'There is no cure for the common cold, but rest helps.',
    'Best wishes to everyone this holiday season!',
    'Do your best to walk 30 minutes a day.',
    'The best way to protect yourself is a flu shot.',
    'A cure for the winter blues: a walk in the sun.',
    'We guarantee your privacy.',
    'No hay cura para el resfriado común.',
  ])('leaves %s alone', (text) => expect(findingsOf('claims.unsupported', text)).toEqual([]));
});

describe('claims.drug_risk', () => {
  it.each([
    ['Ozempic helps you lose weight fast.', 'Ozempic'],
    ['Ask us about statins: they lower your cholesterol.', 'statins'],
    ['Paxlovid reduces the risk of hospital stays if taken early.', 'Paxlovid'],
  ])('blocks a benefit without risks and a link: %s', (text, excerpt) => {
    const found = findingsOf('claims.drug_risk', text);
    expect(spanned(text, found)).toEqual([excerpt]);
    expect(found[0].severity).toBe('block');
  });

  it('blocks risks without a link, and passes risks with one', () => {
    const text = 'Wegovy helps adults lose weight. Side effects can include nausea and pancreatitis.';
    expect(findingsOf('claims.drug_risk', text)[0].message).toMatch(/link to full risk information/);
    const linked = checkContent(
      postInput(text, { link: 'https://riversidefm.example/wegovy-safety' }),
      PRACTICE,
    );
    expect(linked.filter((f) => f.rule === 'claims.drug_risk')).toEqual([]);
  });

  it.each([
    'We now stock Paxlovid; ask your pharmacist.',
    'Flu shots help protect you and your family.',
    'Our statin clinic meets on Tuesdays.',
  ])('leaves mentions without a benefit claim, and everyday vaccines, alone: %s', (text) => {
    expect(findingsOf('claims.drug_risk', text)).toEqual([]);
  });
});

describe('claims.testimonial', () => {
  it.each([
    ['“I lost 40 pounds in three months!” says one patient.', 'I lost 40 pounds'],
    ['This treatment changed my life.', 'changed my life'],
    ['Read our patient success story on the blog.', 'success story'],
  ])('warns about %s without a typical-results statement', (text, excerpt) => {
    const found = findingsOf('claims.testimonial', text);
    expect(spanned(text, found)).toEqual([excerpt]);
    expect(found[0].severity).toBe('warn');
  });

  it.each([
    '“I lost 40 pounds in three months!” Results vary; most patients lose 5 to 10%.',
    'Our nurses changed their shift times.',
    'Lost and found: a blue umbrella.',
  ])('leaves %s alone', (text) => expect(findingsOf('claims.testimonial', text)).toEqual([]));
});

describe('advice.disclaimer', () => {
  it.each([
    ['If you have a fever, stay home and drink plenty of fluids.', 'If you have'],
    ['Know the signs of a stroke: face drooping, arm weakness.', 'signs of a stroke'],
    ['Wash your hands for 20 seconds.', 'Wash your hands'],
  ])('warns about advice without the disclaimer in a post: %s', (text, excerpt) => {
    const found = findingsOf('advice.disclaimer', text);
    expect(spanned(text, found)).toEqual([excerpt]);
    expect(found[0].severity).toBe('warn');
  });

  it('blocks it in a health alert, and accepts the disclaimer as a disclosure', () => {
    const text = 'Boil water advisory: boil your water for one minute before drinking.';
    const alert = (disclosures: string[]) =>
      checkContent(
        postInput(text, { kind: 'health_alert', urgency: 'urgent', disclosures }),
        PRACTICE,
      ).filter((f) => f.rule === 'advice.disclaimer');
    expect(alert([])).toEqual([expect.objectContaining({ severity: 'block' })]);
    expect(alert(['Not medical advice; in an emergency call 911.'])).toEqual([]);
  });

  it.each([
    'Heat wave: drink plenty of water. Not medical advice; in an emergency call 911.',
    'Our office is closed Monday for Memorial Day.',
    'If you are the owner of the blue sedan, please move it.',
    'Si tiene fiebre, quédese en casa. No es consejo médico; en una emergencia llame al 911.',
  ])('leaves %s alone', (text) => expect(findingsOf('advice.disclaimer', text)).toEqual([]));

  it('asks only for the half that is missing', () => {
    expect(findingsOf('advice.disclaimer', 'Wash your hands. In an emergency call 911.')[0].message).toMatch(
      /“not medical advice”/,
    );
  });
});
