import { findingsOf, spanned } from '../../testing/check-fixtures';

describe('phi.date', () => {
  it.each([
    ['born 03/14/1988 and still running', '03/14/1988'],
    ['DOB 7/22/61 - prescription ready', '7/22/61'],
    ['On March 3rd she was treated for a fall.', 'March 3rd'],
    ['Admitted 2/11/2025 with pneumonia.', '2/11/2025'],
    ['Mrs. Alvarez came in on Jan 14, 2025 for her checkup.', 'Jan 14, 2025'],
    ['Fecha de nacimiento 14/03/1988.', '14/03/1988'],
    ['Juan nació el 5 de mayo de 1990.', '5 de mayo de 1990'],
  ])('finds a date tied to a person: %s', (text, excerpt) => {
    expect(spanned(text, findingsOf('phi.date', text))).toEqual([excerpt]);
  });

  it.each([
    'Flu clinic on Saturday, Oct 12 from 9 to noon.',
    'Our office will be closed on Thursday, November 27 for Thanksgiving.',
    'Free screenings at the library on March 8.',
    'Extended hours start Monday, January 6.',
    'Add 1/2 cup of oats to breakfast.',
    'La clínica estará cerrada el lunes 1 de septiembre.',
  ])('leaves practice and event dates alone: %s', (text) => expect(findingsOf('phi.date', text)).toEqual([]));
});

describe('phi.age', () => {
  it.each([
    ['Ninety-four years young and still walking every morning!', 'Ninety-four years young'],
    ['She turned a hundred and two last week.', 'turned a hundred and two'],
    ['Cumplió noventa y tres años en marzo.', 'Cumplió noventa y tres años'],
    ['Happy ninety-first birthday, Walt!', 'ninety-first birthday'],
    ['Happy 93rd to our favorite patient!', 'Happy 93rd'],
  ])('finds an age over 89 in words: %s', (text, excerpt) => {
    expect(spanned(text, findingsOf('phi.age', text))).toEqual([excerpt]);
  });

  it.each(['Ninety days of walking: join our challenge!', 'One hundred flu shots given today!'])(
    'leaves %s alone',
    (text) => expect(findingsOf('phi.age', text)).toEqual([]),
  );

  it.each([
    ['Happy 95th birthday to our patient!', '95th birthday'],
    ['Our patient Harold, 93, finished rehab.', '93'],
    ['a 101-year-old neighbor', '101-year-old'],
    ['La señora, de 96 años, vino hoy.', 'de 96 años'],
  ])('finds an age over 89: %s', (text, excerpt) => {
    expect(spanned(text, findingsOf('phi.age', text))).toEqual([excerpt]);
  });

  it.each([
    'Celebrating 90 years of caring for Springfield!',
    'Adults 65 and over can get the high-dose vaccine.',
    'Turn 90 degrees and stretch.',
    'Happy 85th birthday, Springfield Library!',
  ])('leaves other numbers alone: %s', (text) => expect(findingsOf('phi.age', text)).toEqual([]));
});

describe('phi.name', () => {
  it.each([
    ['So proud of our patient John Whitaker after his hip replacement!', 'John Whitaker'],
    ['Mrs. Alvarez came in for her six-week follow-up.', 'Alvarez'],
    ['Little Ethan was so brave getting his stitches today.', 'Ethan'],
    ['Here is Tom’s before and after from his cataract surgery.', 'Tom'],
    ['Congratulations to Priyanka on her healthy pregnancy!', 'Priyanka'],
    ['Glad the knee is healing well, Frank!', 'Frank'],
    ['Gracias, señora García, por compartir su recuperación después de la cirugía.', 'García'],
    // a less common given name (the generated list) beside clinical words, with no other cue
    ['Marybeth finished her last round of chemo this morning!', 'Marybeth'],
    // readings are clinical words
    ['Thank you, Mr. Adeyemi-Brooks, for sharing how your A1c came down.', 'Adeyemi-Brooks'],
    // vaccines by name and shots someone got; an account of theirs; Spanish lab words
    ['Marjorie got her RSV shot before the holidays.', 'Marjorie'],
    ['Mr. Haddad, the balance on the account is cleared.', 'Haddad'],
    ['Hola Rosa, ya están sus estudios de sangre.', 'Rosa'],
    ['Hi Lorna, the dermatologist’s letter came in.', 'Lorna'],
    // an initial before a surname; a full name the lists do not know, spoken of as "his" / "her"
    ['Spare crutches with a tag for T. Okonjo are at the desk.', 'Okonjo'],
    ['Deshawn Pruitt rang the bell after his last radiation treatment.', 'Deshawn Pruitt'],
    // caring for someone at the end of life
    ['We were honoured to care for Walter in his final weeks.', 'Walter'],
  ])('finds a patient’s name: %s', (text, excerpt) => {
    expect(spanned(text, findingsOf('phi.name', text))).toEqual([excerpt]);
  });

  it.each([
    'Please welcome Dr. Maria Lopez! She treats patients with diabetes.',
    'Welcome Hannah Cole, our new pediatrician, who loves treating kids with asthma.',
    'Sam Okafor, NP, will run our diabetes education class.',
    'Linda keeps the front desk humming and knows every patient’s favorite joke.',
    'Don’t be a Debbie Downer: a flu shot takes five minutes.',
    'May is Mental Health Awareness Month.',
    'Saint Luke’s Hospital and Riverside team up for cancer screening day.',
    'Hurricane Milton update: our office is open.',
    'Thanks to Maria for the flowers!',
    // a place word inside the capitalised run
    'Big thanks to Lincoln Elementary for hosting our school physicals day!',
    // the practice's own town, or a word that reads like a place, after a greeting
    'Thank you, Springfield! 600 flu shots this month.',
    'Thank you, Brookfield, for turning out for the vaccine clinic.',
    'Meet Carol, who teaches our balance class on Tuesdays.',
    // a name used as the name of a procedure or an illness
    'Tommy John surgery is not just for pitchers.',
    'Baby Boomers should ask about a one-time hepatitis C test.',
    'Welcome Dr. Imani Brooks! She treats kids with asthma.',
  ])('leaves staff, places and figures of speech alone: %s', (text) => {
    expect(findingsOf('phi.name', text)).toEqual([]);
  });
});
