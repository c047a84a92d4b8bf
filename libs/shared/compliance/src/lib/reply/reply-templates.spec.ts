import {
  fillTemplate,
  REPLY_TEMPLATE_TOPICS,
  REPLY_TEMPLATES,
  type ReplyTemplate,
  templateVariablesOf,
} from '@carecast/shared/contracts';
import { checkContent } from '../check-content';
import { checkReply } from '../check-reply';
import type { CheckContext } from '../check-types';

/** The practice the examples of the templates' variables describe. */
const RIVERSIDE: CheckContext = {
  organisation: {
    name: 'Riverside Family Medicine',
    phones: ['(555) 010-2000'],
    emails: ['info@riverside.example'],
    addresses: ['120 River Road, Springfield, IL 62701'],
    websites: ['https://riverside.example'],
    staffNames: ['Dr. Ana Ortiz'],
  },
  requireSpanishForAlerts: false,
};

const filled = (t: ReplyTemplate) =>
  fillTemplate(t.text, Object.fromEntries(t.variables.map((v) => [v.name, v.example])));

describe('the approved reply wordings', () => {
  it('cover every topic the inbox needs, with Spanish versions, under unique ids', () => {
    expect(REPLY_TEMPLATES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(REPLY_TEMPLATES.map((t) => t.id)).size).toBe(REPLY_TEMPLATES.length);
    expect(new Set(REPLY_TEMPLATES.map((t) => t.topic))).toEqual(new Set(REPLY_TEMPLATE_TOPICS));
    expect(REPLY_TEMPLATES.filter((t) => t.language === 'es').length).toBeGreaterThanOrEqual(3);
    const crisis = REPLY_TEMPLATES.filter((t) => t.topic === 'crisis');
    for (const t of crisis) expect(t.text).toMatch(/911[\s\S]*988/);
  });

  it('declare exactly the variables their texts use, and fill them all', () => {
    for (const t of REPLY_TEMPLATES) {
      expect(templateVariablesOf(t.text).sort()).toEqual(t.variables.map((v) => v.name).sort());
      expect(templateVariablesOf(filled(t))).toEqual([]);
    }
  });

  it.each(REPLY_TEMPLATES.map((t) => [t.id, t] as const))(
    '%s passes the reply guard and every other check, as a reply on X and as a post',
    (_id, t) => {
      const text = filled(t);
      const asReply = checkReply(text, RIVERSIDE, { channel: 'x_account', language: t.language });
      const asPost = checkContent(
        {
          kind: 'post',
          texts: [{ field: 'base.text', text, channel: 'x_account', language: t.language }],
          media: [],
          link: null,
        },
        RIVERSIDE,
      );
      expect([...asReply, ...asPost].map((f) => `${f.rule}: ${f.excerpt ?? f.message}`)).toEqual([]);
    },
  );

  it('would be caught if one confirmed a patient (the checks are really run)', () => {
    const [thanks] = REPLY_TEMPLATES;
    const text = `${filled(thanks)} Glad the new inhaler is helping!`;
    expect(checkReply(text, RIVERSIDE).map((f) => f.rule)).toContain('reply.patient_relationship');
  });
});
