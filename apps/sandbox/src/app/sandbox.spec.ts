import request from 'supertest';
import { createSandbox } from './sandbox';

describe('sandbox', () => {
  const app = createSandbox();

  it('reports health and the emulated platforms', async () => {
    const res = await request(app).get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      platforms: ['X (API v2)', 'Facebook Graph API', 'WordPress REST API'],
    });
  });

  it('shows a home page that says what it is', async () => {
    const res = await request(app).get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<h1>Carecast platform sandbox</h1>');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await request(app).post('/2/unknown').expect(404);
    expect(res.body.message).toBe('The sandbox has no route POST /2/unknown');
  });
});
