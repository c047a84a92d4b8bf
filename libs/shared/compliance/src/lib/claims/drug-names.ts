/**
 * Prescription drugs and devices often named in health marketing (brand and generic names, lower
 * case). A benefit claim about one of them needs its major risks and a link to full risk
 * information in the same post (C4). Everyday vaccines by their common names ("flu shot") are
 * not listed: a practice reminding people of them is not promoting a product.
 */
export const DRUG_AND_DEVICE_NAMES: readonly string[] = `
semaglutide|ozempic|wegovy|rybelsus|tirzepatide|mounjaro|zepbound|liraglutide|saxenda|victoza|dulaglutide|trulicity
exenatide|byetta|metformin|glucophage|jardiance|empagliflozin|farxiga|dapagliflozin|invokana|januvia|sitagliptin
insulin glargine|lantus|basaglar|humalog|novolog|tresiba|levemir|toujeo
atorvastatin|lipitor|rosuvastatin|crestor|simvastatin|zocor|pravastatin|pravachol|lovastatin|pitavastatin|livalo|statin|statins|ezetimibe|zetia|repatha|evolocumab|praluent|leqvio
lisinopril|losartan|amlodipine|metoprolol|carvedilol|hydrochlorothiazide|entresto|eliquis|apixaban|xarelto|rivaroxaban|warfarin|coumadin|clopidogrel|plavix|pradaxa
paxlovid|nirmatrelvir|molnupiravir|lagevrio|tamiflu|oseltamivir|xofluza|remdesivir|veklury
adderall|ritalin|vyvanse|concerta|strattera|zoloft|sertraline|prozac|fluoxetine|lexapro|escitalopram|wellbutrin|bupropion|cymbalta|duloxetine|effexor|venlafaxine|xanax|alprazolam|ativan|klonopin|ambien|zolpidem|abilify|seroquel|quetiapine|lamictal|lithium|spravato|zurzuvae
humira|adalimumab|enbrel|remicade|stelara|skyrizi|rinvoq|dupixent|dupilumab|otezla|cosentyx|taltz|xeljanz|keytruda|opdivo|herceptin|ibrance|tagrisso
botox|juvederm|restylane|kybella|sculptra|dysport|xeomin|latisse
viagra|sildenafil|cialis|tadalafil|finasteride|propecia|minoxidil|rogaine|truvada|descovy|apretude|biktarvy
prednisone|gabapentin|neurontin|lyrica|pregabalin|oxycodone|oxycontin|hydrocodone|tramadol|suboxone|buprenorphine|naltrexone|vivitrol|narcan|naloxone|chantix|varenicline
accutane|isotretinoin|spironolactone|tretinoin|retin-a|nexplanon|mirena|kyleena|paragard|depo-provera|yaz|plan b
singulair|montelukast|advair|symbicort|trelegy|breo|spiriva|albuterol|ventolin|xolair|nucala|fasenra
aimovig|ajovy|emgality|nurtec|ubrelvy|qulipta|prolia|evenity|forteo|fosamax|alendronate|boniva
levothyroxine|synthroid|armour thyroid|estradiol|premarin|testosterone|androgel|hrt|hormone replacement therapy
leqembi|lecanemab|kisunla|donanemab|aricept|donepezil|namenda
shingrix|gardasil|arexvy|abrysvo|prevnar|beyfortus|nirsevimab|mresvia
cgm|continuous glucose monitor|dexcom|freestyle libre|omnipod|insulin pump|cpap|hearing aid|hearing aids|cochlear implant|pacemaker|watchman|coolsculpting|emsculpt|lasik|invisalign|tens unit|spinal cord stimulator|lap-band|gastric balloon
`
  .split(/[|\n]/)
  .map((n) => n.trim())
  .filter(Boolean);
