/**
 * Words that put a person in a clinical setting (English and Spanish). A name near one of these in
 * a practice's post or reply is treated as a patient's.
 */
export const CLINICAL_CONTEXT = new RegExp(
  String.raw`(?<![\p{L}\p{N}_])(?:` +
    [
      // visits and care
      String.raw`came\s+in|comes\s+in|come\s+in|coming\s+in|visit(?:ed|s|ing)?|appointments?|appt|check-?ups?|exams?|physicals?`,
      String.raw`treat(?:ed|ing|ment|ments)?|care\s+team|in\s+our\s+care|under\s+our\s+care|(?:her|his|their)\s+care`,
      String.raw`patients?|paciente|pacientes|bedside|ward|icu|nicu|emergency\s+room|\ber\b|urgent\s+care`,
      String.raw`admit(?:ted)?|admission|discharg(?:ed|e)|hospitali[sz]ed|hospital\s+stay|rushed`,
      // procedures, diagnoses, conditions
      String.raw`surger(?:y|ies)|surgical|operat(?:ion|ed)|procedures?|biops(?:y|ies)|scans?|mri|x-?rays?|ultrasound|stitches|casts?`,
      String.raw`diagnos(?:is|ed|es)|test(?:ed)?\s+(?:positive|negative)|test\s+results|lab\s+results|results\s+came\s+back`,
      String.raw`(?:cardiolog|dermatolog|oncolog|neurolog|urolog|gastroenterolog|endocrinolog|rheumatolog|pulmonolog|nephrolog|audiolog|radiolog|psychiatr|psycholog|orthoped|podiatr)\w*|specialist['’]?s?|cancer|tumou?rs?|chemo(?:therapy)?|radiation|remission|cancer-free|diabet(?:es|ic)|insulin|asthma|allerg(?:y|ies|ic)`,
      String.raw`strokes?|heart\s+attack|cardiac|seizures?|depression|anxiety|counsel(?:l)?ing|therapy|therapist|mental\s+health|addiction|overdose|rehab(?:ilitation)?`,
      String.raw`dialysis|transplant|fractur(?:e|ed|es)|broke\s+(?:her|his|their)|sprain(?:ed)?|concussion|injur(?:y|ies|ed)|infection|covid|pneumonia|flu\s+shot|vaccinated|injection`,
      String.raw`pregnan(?:t|cy)|deliver(?:ed|y|ing)?|twins|triplets|gave\s+birth|labou?r|c-section|newborn|born|miscarriage|prenatal|postpartum`,
      String.raw`recover(?:y|ed|ing|s)?|heal(?:ing|ed)?|road\s+to\s+recovery|survivor|success\s+story|health\s+journey`,
      String.raw`prescri(?:bed|ption|ptions)|medications?|meds|dose|dosage|symptoms?|condition|illness|disease|sick|pain|blood\s+pressure|cholesterol`,
      // readings and the words for getting them under control
      String.raw`blood\s+sugars?|glucose|a1c|hba1c|heart\s+rate|oxygen\s+levels?|bmi|(?:is|are|got|get|kept|keeps?)\s+(?:it\s+|them\s+|(?:her|his|their)\s+\w+\s+)?(?:finally\s+)?under\s+control|lab\s+work|bloodwork|blood\s+work|blood\s+tests?|mammogram|colonoscopy|ultrasound|(?:flu|allergy)\s+shots`,
      // vaccines by name, and shots someone got
      String.raw`(?:rsv|covid|tetanus|tdap|shingles|shingrix|pneumonia|pneumococcal|hpv|mmr|measles|hep(?:atitis)?\s+[ab]|whooping\s+cough|polio|booster)\s+(?:shots?|vaccines?|doses?)|vaccines?|vaccinations?|immuni[sz]ations?|boosters?|(?:got|get|gets|getting|had)\s+(?:her|his|their|a|the)\s+(?:\w+\s+)?shots?`,
      // what an account of theirs holds
      String.raw`(?:account|outstanding|remaining|unpaid)\s+balance|balance\s+(?:due|owed|on\s+(?:the|her|his|their)\s+account)|the\s+balance\s+on|past\s+due|overdue|collections|(?:billing|account|monthly|insurance)\s+statement|refund`,
      String.raw`car(?:e|ed|ing)\s+for\s+(?:him|her|them)|final\s+(?:days|weeks|months)|end\s+of\s+life|palliative|hip\s+replacement|knee\s+replacement|physical\s+therapy|wheelchair|crutches|hospice|died|passed\s+away|lost\s+\d+\s+(?:pounds|lbs)`,
      String.raw`bill|billing|insurance|copay|claim\s+denied|pills?|pill\s+organi[sz]er|inhalers?|cavit(?:y|ies)|fillings?|braces|dental\s+(?:exams?|visits?|day|check-?ups?|cleanings?)`,
      String.raw`accident|smoke-free|sober|sobriety|weight[-\s]loss|gastric\s+(?:sleeve|bypass)|bariatric|lungs?|kidneys?|liver|saved\s+(?:my|her|his|their)\s+life|feel(?:s|ing)?\s+(?:so\s+much\s+)?better|walking\s+again|pain-free|back\s+on\s+(?:her|his|their)\s+feet`,
      // Spanish
      String.raw`cita|consulta|tratamiento|tratad[oa]|cirug[ií]a|operaci[oó]n|operad[oa]|diagn[oó]stic[oa]|ingresad[oa]|ingres[oó]|dad[oa]\s+de\s+alta`,
      String.raw`hospitalizad[oa]|embarazada|embarazo|parto|recuperaci[oó]n|receta|medicamentos?|dosis|resultados|an[aá]lisis|c[aá]ncer|enfermedad|s[ií]ntomas|atendid[oa]|vino\s+a|visit[oó]|nacid[oa]|naci[oó]|factura|seguro\s+m[eé]dico|estudios|muestras?|laboratorio|sangre|vacunas?|chequeo|saldo|cobro`,
    ].join('|') +
    String.raw`)(?![\p{L}\p{N}_])`,
  'iu',
);

/** Words that, right beside a name, make it a member of staff rather than a patient. */
export const STAFF_BEFORE_NAME =
  /(?:\b(?:welcome|welcoming|welcomes|introducing|our\s+(?:new\s+|own\s+)?(?:[\w-]+\s+){0,2}(?:doctor|physician|provider|nurse|practitioner|assistant|receptionist|manager|hygienist|director|pediatrician|surgeon|pharmacist|therapist|midwife|dietitian|staff|team\s+member|colleague|coordinator|specialist|technician|scheduler|biller|volunteer|intern|resident|fellow)|bienvenid[oa]s?\s+(?:a\s+)?(?:la\s+|el\s+)?)|\b(?:dr|dra|doctor|doctora|nurse|enfermer[oa]|np|pa|rn)\.?)\s*,?\s*$/iu;

export const STAFF_AFTER_NAME =
  /^\s*(?:(?:,|\(|-|–|—)\s*)?(?:(?:md|m\.d\.|do|d\.o\.|np|fnp|fnp-c|aprn|rn|lpn|pa|pa-c|dds|dmd|ma|cma|phd|pharmd|lcsw|od|dpm)\b|(?:(?:is|was)\s+)?(?:our|the\s+practice's|the\s+clinic's)\s+(?:new\s+|own\s+)?(?:[\w-]+\s+){0,3}?(?:doctor|physician|provider|nurse|practitioner|assistant|receptionist|manager|hygienist|director|pediatrician|surgeon|pharmacist|therapist|midwife|dietitian|team|staff|colleague|coordinator|specialist|technician|scheduler|biller|volunteer|intern|partner|founder|owner)|(?:joins|joined|is\s+joining|has\s+joined|will\s+join|starts|started|begins)\b|who\s+(?:joins|joined|leads|runs|heads|manages|has\s+been\s+with\s+us)|(?:from|at)\s+(?:our|the)\s+(?:front\s+desk|billing|office|team|lab|pharmacy)|(?:specializ|specialis|is\s+board|board-certified|completed\s+(?:her|his|their)\s+residency|earned\s+(?:her|his|their)|graduated|trained|sees\s+patients|treats\s+patients|cares\s+for\s+patients|is\s+accepting\s+new\s+patients|retires|is\s+retiring|celebrates\s+\d+\s+years))/iu;

/** Right before a name: the name is a patient's whatever else is around. */
export const PATIENT_BEFORE_NAME =
  /(?:\b(?:patient|pt\.?|paciente|patient's|resident|client|baby|newborn|little|our\s+sweet|the\s+family\s+of|el\s+señor|la\s+señora|el\s+paciente|la\s+paciente|nuestr[oa]\s+paciente)(?:\s+named)?)\s*[,:]?\s*$/iu;

/** Right after a name: "John Smith, 45, a patient of ours", "Maria, our patient". */
export const PATIENT_AFTER_NAME =
  /^\s*(?:,\s*(?:\d{1,3},\s*)?)?(?:(?:is|was|has\s+been|became)\s+)?(?:a|an|our|one\s+of\s+our|the|nuestr[oa]|una?|el|la)\s+(?:[\w-]+\s+){0,3}?(?:patient|paciente)s?\b(?!\s+(?:advocate|portal|services|relations|experience|line|coordinator|navigator|representative|liaison|support|safety|education|access|rights))/iu;

/** After a name: an institution, place or event named after a person. */
export const NOT_A_PERSON_AFTER =
  /^\s*(?:'s\s+)?(?:hospital|clinic|center|centre|medical|health|healthcare|park|street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|drive|lane|way|foundation|elementary|middle|high|school|university|college|county|memorial|library|institute|pharmacy|church|community|hall|house|village|heights|hills|valley|lake|river|regional|general|pediatrics|dental|urgent|children's|women's|day|month|awareness|fund|award|scholarship|cup|classic|trail|bridge|plaza|square|arena|stadium|theater|theatre|museum|garden|gardens)\b/iu;

export const NOT_A_PERSON_BEFORE =
  /\b(?:st|saint|san|santa|mount|mt|lake|fort|port|cape|camp|hurricane|storm|tropical\s+storm|mercy|hotel|restaurant|cafe|caf[eé])\.?\s*$/iu;
