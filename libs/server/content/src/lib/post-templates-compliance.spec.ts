import { checkContent, type CheckContext } from '@carecast/shared/compliance';
import {
  fillTemplate,
  POST_TEMPLATES,
  type PostSnapshot,
  type PostTemplate,
} from '@carecast/shared/contracts';
import { complianceInputOf } from './compliance-input';

/** The practice the examples of the templates' variables describe. */
const RIVERSIDE: CheckContext = {
  organisation: {
    name: 'Riverside Family Medicine',
    phones: ['(555) 010-2000'],
    emails: ['hello@riverside.example'],
    addresses: ['120 River Road, Springfield, IL 62701'],
    websites: ['https://riverside.example'],
    staffNames: ['Dr. Ana Ortiz'],
  },
  requireSpanishForAlerts: true,
};

/** The post a template makes, its blanks filled with the examples, going to X, Facebook and a blog. */
function postOf(t: PostTemplate): PostSnapshot {
  const values = Object.fromEntries(t.variables.map((v) => [v.name, v.example]));
  const fill = (text: string) => fillTemplate(text, values);
  return {
    kind: t.kind,
    urgency: t.urgency,
    validFrom: null,
    validUntil: null,
    allClearText: t.allClearText === null ? null : fill(t.allClearText),
    text: fill(t.text),
    link: null,
    tags: t.tags,
    variants: [
      { channelId: 'x', channelKind: 'x_account', text: null, title: null, body: null },
      { channelId: 'fb', channelKind: 'facebook_page', text: null, title: null, body: null },
      { channelId: 'blog', channelKind: 'carecast_blog', text: null, title: fill(t.blogTitle), body: null },
    ],
    images: [],
    spanish: t.spanishText === null ? null : { text: fill(t.spanishText), title: null, body: null },
    scheduledAt: null,
  };
}

describe('the templates shipped for practices', () => {
  it.each(POST_TEMPLATES.map((t) => [t.id, t] as const))(
    '%s passes every compliance check once its blanks are filled',
    (_id, template) => {
      const findings = checkContent(complianceInputOf(postOf(template)), RIVERSIDE);
      expect(findings.map((f) => `${f.rule} ${f.field}: ${f.excerpt ?? f.message}`)).toEqual([]);
    },
  );

  it('would be caught if one made a claim or named a patient (the checks are really run)', () => {
    const [flu] = POST_TEMPLATES;
    const bad = {
      ...flu,
      text: `${flu.text} Our flu shot is guaranteed to work. Call John Smith at (555) 123-9876 about his results.`,
    };
    const rules = checkContent(complianceInputOf(postOf(bad)), RIVERSIDE).map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['claims.unsupported', 'phi.phone']));
  });
});
