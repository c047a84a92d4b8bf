/**
 * Words a multi-word hashtag is commonly made of (everyday English and health words, lower case).
 * A lower-case hashtag that splits entirely into these is written in CamelCase for screen readers.
 */
export const HASHTAG_WORDS: ReadonlySet<string> = new Set(
  `
a i am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we
all and any are ask bad big box boy can day did dog eat end eye far few fit for fun get got gym had has
her him his hot how its job joy kid let lot low man may men new not now off old one our out own put red
run sad saw say see she sit six sun ten the too top try two use way who why win yes yet you
able also baby back ball bank bear beat been best bike blue body bone book born both busy call came care
cold come cook cool cure dad days deal dear does done door down drop each easy else even ever face fact
fair fall farm fast fear feel feet fill find fine fire five flag flow flu food foot form free from full
fund gave girl give glad goal goes gold gone good grow hair half hand hard have head heal hear heat help
here high hold home hope hour huge idea into just keep kids kind know lady last late life like line list
live long look lose loss love made make many mask meal meet mind miss mode mom moms more most move much
must name near need news next nice note once only open over pain part past pill plan play plus pool
pray push race rain rash read real rest ride ring rise risk road rock room rule safe said sale same save
says seat self shot show sick side sign sing size skin slow snow some soon spot stay step stop sure swim
take talk team tell test than that them then they this time tips told tour town tree true turn type unit
very visit vote wait walk wall want warm wash wave ways week well went were what when wide wife will wind
wise wish with word work year your zero
about above after again alert alone always among apple april baby bacon basic beach begin being below
birth black blood board brain bread break bring brush build camp cancer cases check chest child clean
clear clock close count covid dance dates doing dream drink drive early earth eight enjoy every facts
faith fever field first floor focus force found fresh fruit funny germs given glass going great green
group guide happy heart hello hours house human hurts injury joint juice knees large laugh learn level
light lower lunch lungs march maybe means might money month mouth music never night north nurse ocean
often older order other party peace phone place plant power proud quick quiet ready right river round
safer safety sauce shape share sharp sheet shots skill sleep small smile sound south space speak spend
sport spring stand start still stock story stress study sugar summer super sweet table taste teeth thank
thanks their there these thing think those three throw today tooth total touch train treat truth under
until upper using virus voice water watch weeks where which while white whole woman women world worth
write wrong years young yours youth
active always autumn awards before better breast breath caring center change checks choose clinic
closed coffee cough county dental doctor doctors during energy events family father flower forest
friday friend future garden ginger global growth health healthy hearts helped hiking hoping inside
island kidney little living lonely mental minute moment monday mother mostly nation nature normal
number office online orange people person plenty pretty public rescue return runner safely school
screen season second senior simple sister spread spring strong summer sunday sunset tested thanks
things thirty travel tuesday united weekly weight winter wonder
fitness wellness
awareness
`
    .split(/\s+/)
    .filter(Boolean)
    .concat(
      `
allergy allergies asthma booster boosters breastfeeding checkup checkups cholesterol clinic clinics
diabetes diet dietitian exercise hydrate hydrated hydration immune immunity kindness
medicine mindful mindfulness nutrition outbreak pediatric pediatrics pharmacy prevention protect
recovery shingles smoke smoking stroke sunscreen support vaccine vaccines vaccinate vaccinated
vitamin vitamins yoga together tobacco cessation screening screenings mammogram mammograms colon
prostate diabetic insulin heatstroke cooling warming centers hurricane storm closure closures
update updates info facts myth myths truth tip tricks kids teens adults seniors parents moms dads
baby babies newborn newborns appointment appointments hours open closed today tomorrow
new provider providers welcome doctor nurse team staff family medicine primary care urgent
spanish espanol salud vacuna vacunas gripe
`
        .split(/\s+/)
        .filter(Boolean),
    ),
);
