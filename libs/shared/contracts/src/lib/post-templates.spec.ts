import { isBlogChannel } from './posts';
import { fillTemplate, hasUnfilledVariables, POST_TEMPLATES, templateVariablesOf } from './post-templates';

describe('post templates', () => {
  it('ships the six practice templates, alerts with a Spanish text', () => {
    expect(POST_TEMPLATES.map((t) => t.id)).toEqual([
      'flu-shot-clinic',
      'weather-closure',
      'extended-hours',
      'vaccine-availability',
      'public-health-advisory',
      'new-provider',
    ]);
    expect(new Set(POST_TEMPLATES.map((t) => t.id)).size).toBe(POST_TEMPLATES.length);
    for (const t of POST_TEMPLATES) {
      if (t.kind === 'health_alert') {
        expect(t.spanishText).toEqual(expect.any(String));
        expect(t.urgency).not.toBeNull();
      } else {
        expect(t.spanishText).toBeNull();
        expect(t.urgency).toBeNull();
      }
    }
  });

  it('declares exactly the variables its texts use', () => {
    for (const t of POST_TEMPLATES) {
      const used = new Set(
        [t.text, t.spanishText ?? '', t.allClearText ?? '', t.blogTitle].flatMap(templateVariablesOf),
      );
      expect([...used].sort()).toEqual(t.variables.map((v) => v.name).sort());
    }
  });

  it('fills every variable given a value, and leaves blanks for the others', () => {
    expect(templateVariablesOf('Hi {{ name }}, call {{phone}} or {{name}}')).toEqual(['name', 'phone']);
    expect(fillTemplate('Hi {{ name }}, call {{phone}}', { name: 'Sam', phone: ' ' })).toBe(
      'Hi Sam, call {{phone}}',
    );
    expect(fillTemplate('{{constructor}} {{toString}}', {})).toBe('{{constructor}} {{toString}}');
    expect(hasUnfilledVariables('Call {{phone}}')).toBe(true);
    const flu = POST_TEMPLATES[0];
    const filled = fillTemplate(flu.text, Object.fromEntries(flu.variables.map((v) => [v.name, v.example])));
    expect(hasUnfilledVariables(filled)).toBe(false);
  });

  it('knows which channels take a blog article', () => {
    expect(isBlogChannel('wordpress_blog')).toBe(true);
    expect(isBlogChannel('carecast_blog')).toBe(true);
    expect(isBlogChannel('x_account')).toBe(false);
  });
});
