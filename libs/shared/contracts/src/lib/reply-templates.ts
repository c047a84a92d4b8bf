import type { PostTemplateVariable } from './post-templates';

/**
 * Approved public replies (compliance-rules.md P3): generic wordings that never confirm or imply
 * that someone is a patient, written for comments and reviews a practice gets. The inbox starts a
 * reply from one of these and records which one it used (`id`). Blanks are written `{{name}}` as
 * in the post templates (`fillTemplate`, `templateVariablesOf`).
 */
export const REPLY_TEMPLATE_TOPICS = [
  'thanks',
  'complaint',
  'billing',
  'wait_times',
  'privacy',
  'clinical',
  'crisis',
  'general',
  'appointment',
] as const;
export type ReplyTemplateTopic = (typeof REPLY_TEMPLATE_TOPICS)[number];

export interface ReplyTemplate {
  id: string;
  name: string;
  /** When to use it, in the inbox's words. */
  description: string;
  topic: ReplyTemplateTopic;
  language: 'en' | 'es';
  text: string;
  variables: PostTemplateVariable[];
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
const email: PostTemplateVariable = {
  name: 'email',
  label: "The practice's e-mail address",
  example: 'info@riverside.example',
};
const website: PostTemplateVariable = {
  name: 'website',
  label: "The practice's website",
  example: 'https://riverside.example',
};

export const REPLY_TEMPLATES: readonly ReplyTemplate[] = [
  {
    id: 'thanks-kind-words',
    name: 'Thanks for kind words',
    description: 'A kind comment or a good review.',
    topic: 'thanks',
    language: 'en',
    text: 'Thank you so much for the kind words! We will share them with the whole team at {{practiceName}}.',
    variables: [practiceName],
  },
  {
    id: 'complaint-offline',
    name: 'Complaint: take it offline',
    description: 'A complaint or a bad review. Never answer the details in public.',
    topic: 'complaint',
    language: 'en',
    text:
      'We are sorry to hear this, and we want to make it right. ' +
      "Privacy law keeps us from talking about anyone's care here. " +
      'Please call our patient advocate at {{phone}} or e-mail {{email}} so we can talk in private.',
    variables: [phone, email],
  },
  {
    id: 'billing-question',
    name: 'Billing question',
    description: 'A question or complaint about a bill, a charge or insurance.',
    topic: 'billing',
    language: 'en',
    text:
      "Thanks for reaching out. We can't discuss anyone's account in public, " +
      'but our billing team is glad to help. Please call {{phone}} or e-mail {{email}}.',
    variables: [phone, email],
  },
  {
    id: 'wait-times',
    name: 'Wait times',
    description: 'A complaint about waiting, on the phone or at the office.',
    topic: 'wait_times',
    language: 'en',
    text:
      'Thank you for telling us. We know waiting is hard, and we keep working to make waits shorter for everyone. ' +
      'If you would like to talk, please call us at {{phone}}.',
    variables: [phone],
  },
  {
    id: 'privacy-concern',
    name: 'Privacy concern',
    description: 'Someone worries about their privacy, or shares health details in public.',
    topic: 'privacy',
    language: 'en',
    text:
      'Thank you for raising this. We take privacy very seriously. ' +
      'To keep your details safe, please do not share health details here. ' +
      'Call us at {{phone}} and we will look into it right away.',
    variables: [phone],
  },
  {
    id: 'clinical-concern',
    name: 'Clinical concern',
    description: 'A health question or worry. Give no advice in public.',
    topic: 'clinical',
    language: 'en',
    text:
      "We can't give medical advice here. " +
      'Please call us at {{phone}} to talk with a nurse. In an emergency, call 911.',
    variables: [phone],
  },
  {
    id: 'crisis',
    name: 'Crisis: 911 and 988',
    description: 'Someone may be in danger or thinking of harming themselves. Tell a manager too.',
    topic: 'crisis',
    language: 'en',
    text:
      'We are so sorry you are going through this. You are not alone. ' +
      'If you are in danger, call 911 now. You can call or text 988 at any time, day or night.',
    variables: [],
  },
  {
    id: 'general-question',
    name: 'General question',
    description: 'A question about hours, services, parking or anything else.',
    topic: 'general',
    language: 'en',
    text: 'Great question! Please call us at {{phone}} or visit {{website}}, and our team will be glad to help.',
    variables: [phone, website],
  },
  {
    id: 'appointment-request',
    name: 'Appointment request',
    description: 'Someone asks for a visit or a time to be seen.',
    topic: 'appointment',
    language: 'en',
    text:
      'We would be glad to help you find a time. Please book at {{website}} or call {{phone}}. ' +
      'For your privacy, please keep health details out of comments.',
    variables: [website, phone],
  },
  {
    id: 'thanks-kind-words-es',
    name: 'Thanks for kind words (Spanish)',
    description: 'A kind comment or a good review written in Spanish.',
    topic: 'thanks',
    language: 'es',
    text: '¡Muchas gracias por sus amables palabras! Se las haremos llegar a todo el equipo de {{practiceName}}.',
    variables: [practiceName],
  },
  {
    id: 'complaint-offline-es',
    name: 'Complaint: take it offline (Spanish)',
    description: 'A complaint or a bad review written in Spanish.',
    topic: 'complaint',
    language: 'es',
    text:
      'Lamentamos leer esto y queremos ayudar. ' +
      'Por privacidad, no podemos hablar de la atención de nadie aquí. ' +
      'Llame a nuestro equipo al {{phone}} para hablar en privado.',
    variables: [phone],
  },
  {
    id: 'crisis-es',
    name: 'Crisis: 911 and 988 (Spanish)',
    description: 'Someone writing in Spanish may be in danger. Tell a manager too.',
    topic: 'crisis',
    language: 'es',
    text:
      'Sentimos mucho que esté pasando por esto. Hay ayuda para usted. ' +
      'Si está en peligro, llame al 911 ahora. Puede llamar o enviar un texto al 988 a cualquier hora.',
    variables: [],
  },
];
