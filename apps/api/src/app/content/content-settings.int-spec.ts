import { Client } from 'pg';
import { ContentDemoDataService, DEMO_CONTENT_SETTINGS } from '@carecast/server/content';
import { POST_TEMPLATES, type ContentSettings } from '@carecast/shared/contracts';
import { IdentityFactory } from '../identity/identity-factory.spec-helper';
import { Browser } from '../identity/session-client.spec-helper';
import { startTestApi, type TestApi } from '../test-api.spec-helper';

const SETTINGS = {
  requiredApprovals: { post: 1, health_alert: 2 },
  allowEmergencyFastPath: true,
  requireSpanishForAlerts: true,
  contact: {
    phones: ['(555) 010-2000', ' (555) 010-2000 '],
    emails: ['hello@riverside.example'],
    addresses: ['120 River Road, Springfield, IL 62701'],
    websites: ['https://riverside.example'],
  },
  staffNames: ['Dr. Ana Ortiz'],
};

describe('content settings, templates, and the findings they shape', () => {
  let testApi: TestApi;
  let sql: Client;
  let admin: Browser;
  let marketer: Browser;
  let viewer: Browser;

  beforeAll(async () => {
    testApi = await startTestApi('content-settings');
    sql = new Client({ connectionString: testApi.db.url });
    await sql.connect();
    admin = new Browser(testApi.app);
    marketer = new Browser(testApi.app);
    viewer = new Browser(testApi.app);
    await admin.signIn('admin@riverside.example');
    await marketer.signIn('dana@riverside.example');
    await viewer.signIn('viewer@riverside.example');
  });

  afterAll(async () => {
    await sql?.end();
    await testApi?.close();
  });

  it('has the defaults until saved, readable by every member, changed only by who manages the organisation', async () => {
    const { organisation, admin: otherAdmin } = await new IdentityFactory(sql).organisationWithAdmin();
    const other = new Browser(testApi.app);
    await other.signIn(otherAdmin.email, otherAdmin.password);
    expect((await other.get('/api/organisation/content-settings')).body).toEqual({
      requiredApprovals: { post: 1, health_alert: 1 },
      allowEmergencyFastPath: false,
      requireSpanishForAlerts: false,
      contact: { phones: [], emails: [], addresses: [], websites: [] },
      staffNames: [],
      updatedAt: null,
      updatedBy: null,
    });
    expect(organisation.id).toBeTruthy();

    for (const browser of [marketer, viewer]) {
      const refused = await browser.send('put', '/api/organisation/content-settings', SETTINGS);
      expect([refused.status, refused.body.error]).toEqual([403, 'forbidden']);
    }
    const saved = await admin.send('put', '/api/organisation/content-settings', SETTINGS);
    expect(saved.status).toBe(200);
    expect(saved.body as ContentSettings).toMatchObject({
      requiredApprovals: { post: 1, health_alert: 2 },
      allowEmergencyFastPath: true,
      requireSpanishForAlerts: true,
      contact: { phones: ['(555) 010-2000'] },
      updatedBy: { name: 'Sam Ortiz' },
    });
    expect((await viewer.get('/api/organisation/content-settings')).body).toEqual(saved.body);
    // Another organisation's settings are its own.
    expect((await other.get('/api/organisation/content-settings')).body.allowEmergencyFastPath).toBe(false);
    const { rows } = await sql.query(
      `SELECT diff FROM audit_entry WHERE action = 'content_settings.changed' ORDER BY seq DESC LIMIT 1`,
    );
    expect(rows[0].diff.requiredApprovalsHealthAlert).toEqual({ from: 1, to: 2 });
  });

  it('names the field and rule of a refused setting', async () => {
    const cases: Array<[object, string, string]> = [
      [{ requiredApprovals: { post: 4, health_alert: 1 } }, 'requiredApprovals.post', 'max'],
      [{ requiredApprovals: { post: 0, health_alert: 1 } }, 'requiredApprovals.post', 'min'],
      [{ requiredApprovals: { post: 1.5, health_alert: 1 } }, 'requiredApprovals.post', 'isInt'],
      [{ contact: { ...SETTINGS.contact, emails: ['not an email'] } }, 'contact.emails', 'isEmail'],
      [{ staffNames: ['Dr.\u0007Bell'] }, 'staffNames', 'noControlCharacters'],
      [{ allowEmergencyFastPath: 'yes' }, 'allowEmergencyFastPath', 'isBoolean'],
    ];
    for (const [change, field, rule] of cases) {
      const res = await admin.send('put', '/api/organisation/content-settings', { ...SETTINGS, ...change });
      expect([field, res.status]).toEqual([field, 400]);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    }
  });

  it("lets the practice's own phone and staff names through the privacy check, and asks for Spanish when required", async () => {
    await admin.send('put', '/api/organisation/content-settings', SETTINGS);
    const own = await marketer.send('post', '/api/posts', {
      kind: 'post',
      text: 'Please welcome Dr. Ana Ortiz to Riverside Family Medicine! Call (555) 010-2000 to book a visit.',
    });
    expect(own.status).toBe(201);
    expect(own.body.findings.filter((f: { rule: string }) => f.rule.startsWith('phi.'))).toEqual([]);

    const patient = await marketer.send('post', '/api/posts', {
      kind: 'post',
      text: 'Thanks to John Smith, seen on 03/14/2025 for his knee. Call him at (555) 123-9876.',
    });
    const rules = patient.body.findings.map((f: { rule: string; field: string }) => `${f.rule} ${f.field}`);
    expect(rules).toEqual(expect.arrayContaining(['phi.phone base.text']));
    // The findings are read again on every GET (nothing stale is stored).
    expect((await marketer.get(`/api/posts/${patient.body.id}`)).body.findings).toEqual(
      patient.body.findings,
    );

    const alert = await marketer.send('post', '/api/posts', {
      kind: 'health_alert',
      text: 'We are closed today.',
    });
    expect(alert.body.findings.map((f: { rule: string }) => f.rule)).toContain('alert.spanish_required');
    const withSpanish = await marketer.send('patch', `/api/posts/${alert.body.id}`, {
      revision: 1,
      spanish: { text: 'Hoy estamos cerrados.' },
    });
    expect(withSpanish.body.findings.map((f: { rule: string }) => f.rule)).not.toContain(
      'alert.spanish_required',
    );
  });

  it('serves the templates to every member', async () => {
    const res = await viewer.get('/api/templates');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(POST_TEMPLATES);
    expect(res.body).toHaveLength(6);
  });

  it("gives the demo organisation its practice's details once, and leaves saved settings alone", async () => {
    const demo = testApi.app.get(ContentDemoDataService);
    await sql.query(
      `DELETE FROM content_settings WHERE organisation_id = (SELECT id FROM organisation WHERE slug = 'riverside-family-medicine')`,
    );
    expect(await demo.ensure()).toBe(true);
    const seeded = (await viewer.get('/api/organisation/content-settings')).body;
    expect(seeded).toMatchObject({
      allowEmergencyFastPath: DEMO_CONTENT_SETTINGS.allowEmergencyFastPath,
      contact: DEMO_CONTENT_SETTINGS.contact,
      staffNames: expect.arrayContaining(['Dana Whitfield', 'Dr. Ana Ortiz']),
    });
    await admin.send('put', '/api/organisation/content-settings', SETTINGS);
    expect(await demo.ensure()).toBe(false);
    expect((await viewer.get('/api/organisation/content-settings')).body.requiredApprovals.health_alert).toBe(
      2,
    );
  });
});
