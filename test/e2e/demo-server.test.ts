/**
 * The demo pharmacy platform's server: 127.0.0.1 only, its pages and JSON,
 * everything escaped, nothing outside its own files served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoPatient } from '../../demo/demo-patient.ts';
import { startDemoServer, type DemoServer } from '../../demo/server.ts';

const hostile: DemoPatient = {
  id: 'hostile',
  name: '<img src=x onerror=alert(1)>',
  insz: '85073003328',
  story: '"quoted" & <b>bold</b>',
  own: [{ id: 'r"1', date: '2026-10-14', type: 'Grippe', cnk: '4185492', vaccine: '<script>x</script>', riziv: '20807092001', source: 'FarmaFlux' }],
};
const plain: DemoPatient = { id: 'plain', name: 'Jan Peeters', insz: '17073003384', story: 'none', own: [] };

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ patients: [hostile, plain] });
});
afterAll(async () => {
  await server.close();
});

const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

describe('demo server', () => {
  it('listens on 127.0.0.1', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the e-Form for each entry path, with the patient escaped', async () => {
    for (const entry of ['popup', 'registration', 'direct']) {
      const res = await get(`/eform?patient=hostile&entry=${entry}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      const html = await res.text();
      expect(html).toContain(`data-entry="${entry}"`);
      expect(html).toContain('value="85.07.30-033.28"');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<script>x</script>');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html).toContain('data-registration-id="r&quot;1"');
    }
  });

  it('an unknown entry reads as a direct link; an unknown patient leaves the form empty', async () => {
    const html = await (await get('/eform?patient=nobody&entry=<x>')).text();
    expect(html).toContain('data-entry="direct"');
    expect(html).toContain('name="patient.niss" id="ff-patient-niss" value=""');
  });

  it('serves the home screen with the sensitisation pop-up and the registration screen', async () => {
    const home = await (await get('/?popup=plain')).text();
    expect(home).toContain('role="dialog"');
    expect(home).toContain('/eform?patient=plain&amp;entry=popup');
    const registration = await (await get('/registration?patient=plain')).text();
    expect(registration).toContain('/eform?patient=plain&amp;entry=registration');
  });

  it('gives one patient as JSON for switching without reload', async () => {
    const res = await get('/api/patients/plain');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual(plain);
    expect((await get('/api/patients/nobody')).status).toBe(404);
  });

  it('serves only its own static files, and only GET', async () => {
    expect((await get('/static/eform.js')).status).toBe(200);
    expect((await get('/static/farmaflux.css')).headers.get('content-type')).toContain('text/css');
    expect((await get('/static/../server.ts')).status).toBe(404);
    expect((await get('/static/%2e%2e/server.ts')).status).toBe(404);
    expect((await get('/eform', { method: 'POST' })).status).toBe(405);
  });
});
