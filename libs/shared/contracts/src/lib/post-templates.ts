import type { AlertUrgency, PostKind } from './content';

/** A blank in a template, written `{{name}}` in its texts. */
export interface PostTemplateVariable {
  name: string;
  /** What to type, in the composer's words. */
  label: string;
  /** An example value (shown as the field's placeholder). */
  example: string;
}

/** A post written for practices, to start from (`GET /api/templates`). */
export interface PostTemplate {
  id: string;
  name: string;
  description: string;
  kind: PostKind;
  urgency: AlertUrgency | null;
  text: string;
  /** Health alerts: the Spanish text; null for posts. */
  spanishText: string | null;
  /** Health alerts: the "all clear" follow-up; null if none. */
  allClearText: string | null;
  /** For blog channels. */
  blogTitle: string;
  tags: string[];
  variables: PostTemplateVariable[];
}

const VARIABLE = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** The variable names a text uses, in order of first use. */
export function templateVariablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]))];
}

/**
 * The text with each `{{name}}` replaced by its value; a variable without a (non-blank) value is
 * left as it is, so the person sees what is still to fill in.
 */
export function fillTemplate(text: string, values: Record<string, string | undefined>): string {
  return text.replace(VARIABLE, (whole, name: string) => {
    const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
    return value !== undefined && value.trim() !== '' ? value : whole;
  });
}

/** Whether a text still has blanks to fill. */
export function hasUnfilledVariables(text: string): boolean {
  return templateVariablesOf(text).length > 0;
}

const practiceName: PostTemplateVariable = {
  name: 'practiceName',
  label: 'Practice name',
  example: 'Riverside Family Medicine',
};
const phone: PostTemplateVariable = {
  name: 'phone',
  label: "The practice's phone number",
  example: '(555) 010-2000',
};

const NOT_ADVICE = 'This is general information, not medical advice. In an emergency, call 911.';
const NOT_ADVICE_ES =
  'Esta es información general, no es consejo médico. En caso de emergencia, llame al 911.';

export const POST_TEMPLATES: readonly PostTemplate[] = [
  {
    id: 'flu-shot-clinic',
    name: 'Flu shot clinic',
    description: 'Invite patients to walk in for a flu shot.',
    kind: 'post',
    urgency: null,
    text:
      'Flu shots are here! Walk in to {{practiceName}} on {{days}} from {{hours}}. ' +
      'No need to book. Please bring your insurance card. Questions? Call us at {{phone}}. ' +
      `#FluSeason ${NOT_ADVICE}`,
    spanishText: null,
    allClearText: null,
    blogTitle: 'Flu shots are here',
    tags: ['flu-season'],
    variables: [
      practiceName,
      { name: 'days', label: 'Days of the clinic', example: 'weekdays in October' },
      { name: 'hours', label: 'Hours', example: '8 am to 6 pm' },
      phone,
    ],
  },
  {
    id: 'weather-closure',
    name: 'Weather closure',
    description: 'Tell patients the practice is closed because of the weather.',
    kind: 'health_alert',
    urgency: 'urgent',
    text:
      '{{practiceName}} is closed on {{date}} because of {{weather}}. ' +
      'If you had a visit booked, we will call you to find a new time. ' +
      'If you need help today, call {{phone}}. In an emergency, call 911.',
    spanishText:
      '{{practiceName}} estará cerrado el {{date}} por {{weather}}. ' +
      'Si tenía una cita, le llamaremos para buscar otra hora. ' +
      'Si necesita ayuda hoy, llame al {{phone}}. En caso de emergencia, llame al 911.',
    allClearText: '{{practiceName}} is open again. Thank you for your patience.',
    blogTitle: 'Closed today because of the weather',
    tags: ['closure'],
    variables: [
      practiceName,
      { name: 'date', label: 'The day of the closure', example: 'Tuesday, January 12' },
      { name: 'weather', label: 'The weather', example: 'the snow storm' },
      phone,
    ],
  },
  {
    id: 'extended-hours',
    name: 'Extended hours',
    description: 'Announce longer opening hours.',
    kind: 'post',
    urgency: null,
    text:
      'Good news: {{practiceName}} is now open longer. ' +
      'You can see us {{days}} from {{hours}}. ' +
      'Book at {{website}} or call {{phone}}. #OpenLate',
    spanishText: null,
    allClearText: null,
    blogTitle: 'We are open longer',
    tags: ['hours'],
    variables: [
      practiceName,
      { name: 'days', label: 'Days', example: 'Monday to Thursday' },
      { name: 'hours', label: 'New hours', example: '7 am to 8 pm' },
      { name: 'website', label: "The practice's website", example: 'https://riverside.example' },
      phone,
    ],
  },
  {
    id: 'vaccine-availability',
    name: 'Vaccine availability',
    description: 'Say that a vaccine is in stock and how to get it.',
    kind: 'health_alert',
    urgency: 'routine',
    text:
      'The {{vaccine}} vaccine is now in stock at {{practiceName}}. ' +
      'Ask your care team if it is right for you. Call {{phone}} to book a visit. ' +
      NOT_ADVICE,
    spanishText:
      'La vacuna {{vaccine}} ya está disponible en {{practiceName}}. ' +
      'Pregunte a su equipo de salud si es adecuada para usted. Llame al {{phone}} para hacer una cita. ' +
      NOT_ADVICE_ES,
    allClearText: null,
    blogTitle: 'Vaccine now in stock',
    tags: ['vaccines'],
    variables: [practiceName, { name: 'vaccine', label: 'Vaccine', example: 'RSV' }, phone],
  },
  {
    id: 'public-health-advisory',
    name: 'Public health advisory',
    description: 'Pass on a notice from the health department.',
    kind: 'health_alert',
    urgency: 'urgent',
    text:
      'Health notice: {{advisory}} ' +
      'You can read more from {{source}}. Questions? Call {{practiceName}} at {{phone}}. ' +
      NOT_ADVICE,
    spanishText:
      'Aviso de salud: {{advisory}} ' +
      'Puede leer más en {{source}}. ¿Preguntas? Llame a {{practiceName}} al {{phone}}. ' +
      NOT_ADVICE_ES,
    allClearText: 'Update: the health notice about {{topic}} has ended.',
    blogTitle: 'Health notice',
    tags: ['public-health'],
    variables: [
      {
        name: 'advisory',
        label: 'The notice, in one or two short sentences',
        example: 'The city asks everyone to boil tap water before drinking it.',
      },
      { name: 'source', label: 'Where to read more', example: 'the county health department' },
      { name: 'topic', label: 'What the notice is about (for the all clear)', example: 'tap water' },
      practiceName,
      phone,
    ],
  },
  {
    id: 'new-provider',
    name: 'New provider',
    description: 'Welcome a new doctor, nurse practitioner or other provider.',
    kind: 'post',
    urgency: null,
    text:
      'Please join us in welcoming {{providerName}}, {{credentials}}, to {{practiceName}}! ' +
      '{{providerName}} is now taking new patients. Call {{phone}} to book a visit. #NewProvider',
    spanishText: null,
    allClearText: null,
    blogTitle: 'Welcome to our new provider',
    tags: ['team'],
    variables: [
      {
        name: 'providerName',
        label: "The provider's name (add it to the staff names in the content settings)",
        example: 'Dr. Ana Ortiz',
      },
      { name: 'credentials', label: 'Title or degree', example: 'MD' },
      practiceName,
      phone,
    ],
  },
];
