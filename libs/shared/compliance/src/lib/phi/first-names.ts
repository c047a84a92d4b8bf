import { GENERATED_GIVEN_NAMES } from './given-names.generated';

/**
 * Common given names (United States, English and Spanish speaking), lower case. A capitalised word
 * from this list is read as a person's name; without a courtesy title or a "patient" before it, a
 * name only counts near clinical words (name-check.ts). The hand-kept list below holds the common
 * names (including those that are also words, see AMBIGUOUS_FIRST_NAMES); the generated one adds
 * some 7,000 less common names that are not English words (about 50 kB in the browser bundle).
 */
export const FIRST_NAMES: ReadonlySet<string> = new Set(
  `
aaron abby abigail adam adrian adriana aidan aiden alan albert alberto alejandra alejandro alex alexa
alexander alexandra alexis alfredo alice alicia alison allison alma alvin amanda amber amelia amy ana
andre andrea andres andrew andy angela angelica angie anita ann anna anne annie anthony antonio april
ariana arianna armando arthur ashley athena aubrey audrey austin ava avery barbara barry beatriz becky
ben benjamin bernard beth bethany betty beverly bill billy blanca bob bobby bonnie brad bradley brandon
brenda brendan brent brett brian brianna bridget brittany brooke bruce bryan caleb calvin cameron camila
carl carla carlos carmen carol carolina caroline carolyn carrie casey catalina catherine cathy cecilia
chad charlene charles charlie charlotte chelsea cheryl chloe chris christina christine christopher cindy
claire clara claudia clayton cody colleen connie connor courtney craig cristina crystal cynthia daisy
dale dallas damian dan dana daniel daniela danielle danny darlene darrell dave david dawn dean deanna
debbie deborah debra delia denise dennis derek diana diane diego dolly dominic don donald donna doris
dorothy doug douglas duane dustin dylan earl ed eddie edgar eduardo edward edwin eileen elaine eleanor
elena eli elias elijah elisa elizabeth ella ellen ellie elsa emily emma enrique eric erica erik erin
ernesto esteban esther ethan eugene eva evan evelyn fatima felicia felipe fernando flor frances francis
francisco frank fred freddie gabriel gabriela gail gary gavin genesis george gerald gerardo gina glen
glenda gloria gordon grace graciela grant greg gregory guadalupe guillermo gustavo hailey haley hannah
harold harper harry hazel heather hector heidi helen henry herbert hilda holly howard hugo ian irene iris
isaac isabel isabella isaiah ismael ivan jack jackie jacob jacqueline jaime jake james jamie jan jane
janet janice jared jasmine jason javier jay jayden jean jeff jeffrey jenna jennifer jenny jeremy jerry
jesse jessica jesus jill jim jimmy jo joan joann joanne joe joel joey john johnny jon jonathan jordan
jorge jose josefina joseph josh joshua joy joyce juan juana judith judy julia julian julie julio justin
kaitlyn karen karina kate katherine kathleen kathryn kathy katie kayla keith kelly ken kenneth kevin kim
kimberly kyle lana larry laura lauren lawrence leah lee leo leon leonardo leslie liam lillian lily linda
lindsay lindsey lisa liz logan lois lorena lori lorraine louis louise lucas lucia lucy luis luke lupe
luz lydia lynn mackenzie madeline madison maggie manuel marcia marco marcos marcus margaret margarita
maria mariah marian marie marilyn mario marisol marissa marjorie mark marlene marsha martha martin
marvin mary mason mateo matthew maureen maurice max maya megan melanie melissa melvin mercedes mia
micah michael michelle miguel mike mildred miranda miriam molly monica monique morgan nancy naomi
natalie nathan nathaniel nelson nicholas nicole noah nora norma oliver olivia omar oscar owen pablo
paige pamela patricia patrick paul paula pedro peggy penny peter philip phillip phyllis priscilla
rachel rafael ralph ramon ramona randy raquel raul ray raymond rebecca regina renee ricardo richard
rick ricky riley rita rob robert roberta roberto robin rodney rodrigo roger roland ron ronald rosa
rosalie rosemary roxanne ruben ruby russell ruth ryan sabrina sally sam samantha samuel sandra sara
sarah scott sean sebastian sergio seth shannon sharon shawn sheila shelby shirley silvia simon sofia
sonia sophia stacy stanley stella stephanie stephen steve steven sue susan suzanne sydney sylvia tamara
tammy tanya tara teresa terry theodore theresa thomas tiffany tim timothy tina todd tom tommy tony
tracy travis trevor troy tyler valeria valerie vanessa vera veronica vicki vicky victor victoria
vincent virginia walter wanda warren wayne wendy wesley william willie yesenia yolanda yvonne zachary
zoe aisha andre darnell deshawn imani jamal keisha lakisha latoya malik shanice tyrone ebony jalen
kiara aaliyah trinity destiny ximena valentina emilio santiago matias leticia rocio alondra ines
rosario consuelo dolores esperanza milagros socorro pilar soledad amparo araceli yadira maribel
nayeli arturo rogelio humberto alfonso salvador ignacio ramiro joaquin jaden wei mei li chen ming
hiroshi yuki kenji priya raj anil sunita deepak ravi arjun aarav aditya ananya fatuma amara kwame
`
    .split(/\s+/)
    .filter(Boolean)
    // …and the longer generated list of names that are not also English words.
    .concat(GENERATED_GIVEN_NAMES.split(/\s+/).filter(Boolean)),
);

/**
 * Given names that are also everyday words, months or places: read as a name only with a surname,
 * a courtesy title or a "patient" before them ("May is Mental Health Month" names nobody).
 */
export const AMBIGUOUS_FIRST_NAMES: ReadonlySet<string> = new Set(
  `
april june may august autumn summer dawn grace hope faith joy mark bill art rose frank sue pat gene jack
will ray lee jan jo rob max ruby holly iris flor luz crystal destiny trinity angel chase hunter mason
carter parker jordan austin dallas sydney virginia carolina georgia madison lily daisy hazel amber
penny dolly dolores consuelo esperanza milagros socorro pilar soledad amparo rosario mercedes guadalupe
victoria regina stella vera eva sky christian earl glen grant dean don miles wade cody harper riley
morgan logan genesis
`
    .split(/\s+/)
    .filter(Boolean),
);

/** Figures of speech built on a name ("don't be a Debbie Downer") name nobody. */
export const NAME_IDIOMS =
  /\b(?:baby boomers?|debbie downer|negative nancy|nervous nellie|nosy nancy|chatty cathy|plain jane|average joe|doubting thomas|peeping tom|johnny[- ]come[- ]lately|jack of all trades|jack[- ]in[- ]the[- ]box|sleepy joe|steady eddie|captain obvious|mother nature|father time|old man winter|jack frost|johnny appleseed|rosie the riveter|calamity jane|lazy susan|bloody mary|typhoid mary|tom,? dick,? (?:and|&) harry|uncle sam|john doe|jane doe|joe schmo|mr\.? right|mr\.? yuk|miss manners|mr\.? clean)\b/i;
