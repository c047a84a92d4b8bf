import { PRACTICE, findingsOf, spanned } from '../../testing/check-fixtures';
import { normalisePhone } from './organisation-details';

describe('phi.phone and phi.fax', () => {
  it.each([
    ['Call Robert at 555-232-7781 about his results.', '555-232-7781'],
    ['Her cell is (555) 771-0934.', '(555) 771-0934'],
    ['Text +1 555.420.1188 for the results', '+1 555.420.1188'],
    ['phone 5554201188 please', '5554201188'],
  ])('finds a number that is not the practice’s: %s', (text, excerpt) => {
    const found = findingsOf('phi.phone', text);
    expect(spanned(text, found)).toEqual([excerpt]);
    expect(found[0].severity).toBe('block');
  });

  it.each([
    'Call us at (555) 010-2000 to book.',
    'Call us at 1-555-010-2000 to book.',
    'Poison Help: 1-800-222-1222, any time.',
    'Call 911 or text 988.',
    'Open 9-5, Monday to Friday; 1 in 3 adults has high blood pressure.',
  ])('leaves the practice’s own numbers, public hotlines and other figures alone: %s', (text) => {
    expect(findingsOf('phi.phone', text)).toEqual([]);
    expect(findingsOf('phi.fax', text)).toEqual([]);
  });

  it('calls a number after "fax" a fax number, except the practice’s own', () => {
    const text = 'Fax the referral to 555-404-1188.';
    expect(spanned(text, findingsOf('phi.fax', text))).toEqual(['555-404-1188']);
    expect(findingsOf('phi.fax', 'Our fax: 555-010-2001')).toEqual([]);
  });

  it('compares phone numbers by their digits', () => {
    expect(normalisePhone('+1 (555) 010-2000')).toBe(normalisePhone('555.010.2000'));
  });
});

describe('phi.email', () => {
  it('finds a personal address and allows the practice’s own domain', () => {
    const text =
      'Thanks jenny.morales84@gmail.com! Questions: info@riversidefm.example or dr.lopez@riversidefm.example';
    expect(spanned(text, findingsOf('phi.email', text))).toEqual(['jenny.morales84@gmail.com']);
  });

  it('ignores handles and prices', () => {
    expect(findingsOf('phi.email', 'Follow @riverside_fm for tips; flu shots $0 @ our office')).toEqual([]);
  });
});

describe('phi.ssn', () => {
  it.each([
    ['SSN 412-55-8890 was printed', '412-55-8890'],
    ['social security number: 412 55 8890', '412 55 8890'],
    ['your SSN ending in 4421', '4421'],
    ['Social security number ending 9017 is on the form.', '9017'],
  ])('finds %s', (text, excerpt) => {
    expect(spanned(text, findingsOf('phi.ssn', text))).toEqual([excerpt]);
  });

  it.each(['Call 555-010-2000', 'Order 000-12-3456 is not a number an SSN can be', 'Room 12-3, floor 4'])(
    'leaves %s alone',
    (text) => expect(findingsOf('phi.ssn', text)).toEqual([]),
  );
});

describe('phi.record_number', () => {
  it.each([
    ['MRN 00561234 paperwork was found', 'MRN 00561234'],
    ['Policy number HMO-55291033 on the form', 'Policy number HMO-55291033'],
    ['refund for account number 44718823', 'account number 44718823'],
    ['plate 7XKD392 in the ambulance bay', 'plate 7XKD392'],
    ['a Medicare card 1EG4-TE5-MK72 was left', 'Medicare card 1EG4-TE5-MK72'],
    ['found card 1EG4TE5MK72 in the lobby', '1EG4TE5MK72'],
    ['a card with subscriber ID QRT 5521 0098 on it', 'subscriber ID QRT 5521 0098'],
    ['group no. 44 1902 77 is on the back', 'group no. 44 1902 77'],
    ['Account 88213-04 was closed by mistake', 'Account 88213-04'],
    ['we refiled claim 20931177 yesterday', 'claim 20931177'],
    ['a wallet with a licence, DL# K2210-4471-09, was found', 'DL# K2210-4471-09'],
    ['a bottle with Rx #5531208 on the label', 'Rx #5531208'],
  ])('finds %s', (text, excerpt) => {
    const found = findingsOf('phi.record_number', text);
    expect(spanned(text, found)).toEqual([excerpt]);
  });

  it.each([
    'Our account team answered 1,200 calls',
    'Medical records requests take 5 business days',
    'Member of the Springfield Chamber since 1998',
    'Our account 2024 summary is on the website',
    'Every patient 65 and older can get the high-dose shot',
    'Member ID cards now come in the mail within 10 days',
    'Bring your DL and insurance card to check in',
  ])('leaves %s alone', (text) => expect(findingsOf('phi.record_number', text)).toEqual([]));
});

describe('phi.address', () => {
  it.each([
    [
      'Please pray for our patient at 48 Birch Lane, Springfield, who was injured.',
      '48 Birch Lane, Springfield',
    ],
    ['She lives at 17 Cedar Court, Apt 3B and needs a ride.', '17 Cedar Court, Apt 3B'],
    // a street without a number, said to be where someone lives
    ['The letter went to the Poplar Avenue address we have for him.', 'Poplar Avenue'],
    ['Our patient who lives on Hawthorne Drive was discharged.', 'Hawthorne Drive'],
  ])('finds a home address: %s', (text, excerpt) => {
    expect(spanned(text, findingsOf('phi.address', text))).toEqual([excerpt]);
  });

  it.each([
    'We have moved! Find us at 120 Oak Street, Springfield, IL 62701.',
    'Our clinic at 120 Oak St. opens at 10.',
    'Back to School Bash at 300 Elm Street Community Center on August 10!',
    'Walk 2 blocks down the road and turn left.',
    'Our Oak Street address is on every page of the website.',
    'The Oak Street entrance is closed for repairs.',
  ])('leaves the practice’s and event addresses alone: %s', (text) => {
    expect(findingsOf('phi.address', text)).toEqual([]);
  });

  it('finds any address that is not the practice’s in a reply', async () => {
    const { checkReply } = await import('../check-reply');
    const text = 'We mailed it to 82 Willow Drive.';
    expect(
      spanned(
        text,
        checkReply(text, PRACTICE).filter((f) => f.rule === 'phi.address'),
      ),
    ).toEqual(['82 Willow Drive']);
  });
});

describe('phi.url and phi.ip', () => {
  it.each([
    ['Support Dana at gofundme.com/f/dana-kidney-transplant today', 'gofundme.com/f/dana-kidney-transplant'],
    [
      'Portal: https://portal.riversidefm.example/patients/88213/summary.',
      'https://portal.riversidefm.example/patients/88213/summary',
    ],
    ['See https://facebook.com/jane.doe.5521 for photos', 'https://facebook.com/jane.doe.5521'],
    [
      'Form: https://forms.example.com/intake?patient_id=42',
      'https://forms.example.com/intake?patient_id=42',
    ],
  ])('finds a web address about a person: %s', (text, excerpt) => {
    expect(spanned(text, findingsOf('phi.url', text))).toEqual([excerpt]);
  });

  it.each([
    'Follow us at facebook.com/RiversideFamilyMedicine',
    'Facts about flu shots: https://www.cdc.gov/flu/prevent/index.html',
    'Book at https://riversidefm.example/book',
    'RSVP at https://facebook.com/events/123456',
  ])('leaves general pages alone: %s', (text) => expect(findingsOf('phi.url', text)).toEqual([]));

  it('finds an IP address but not a version number or a time', () => {
    const text = 'Reviews keep coming from 203.0.113.45 about our 10:30 slot (app 2.4.1).';
    expect(spanned(text, findingsOf('phi.ip', text))).toEqual(['203.0.113.45']);
  });
});
