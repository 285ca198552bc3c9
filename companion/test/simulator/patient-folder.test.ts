import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPatientFolder, PatientFolderError, hubView, maskInsz } from '../../src/simulator/patients.ts';
import { generateSyntheticPatients, makeInsz } from '../../src/simulator/synthetic.ts';
import { clientFor, startFixture } from '../helpers/simulator.ts';

const temp: string[] = [];
afterAll(async () => {
  for (const dir of temp) await rm(dir, { recursive: true, force: true });
});

async function folder(layout: Record<string, Record<string, string>>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'patients-'));
  temp.push(dir);
  for (const [patient, files] of Object.entries(layout)) {
    await mkdir(path.join(dir, patient));
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, patient, name), text);
  }
  return dir;
}

const sample = generateSyntheticPatients().find((p) => p.info.key === 'flu-gp-this-season')!;
const sampleXml = sample.files[0]!.xml;
const other = makeInsz(85, 7, 30, 33);

async function problemsOf(dir: string): Promise<string[]> {
  try {
    await loadPatientFolder(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(PatientFolderError);
    return (error as PatientFolderError).problems;
  }
  throw new Error('expected the folder to be refused');
}

describe('patient folder loader', () => {
  it('loads a folder with and without patient.json (defaults: both hubs, ok)', async () => {
    const dir = await folder({
      [sample.info.insz]: { 'a.xml': sampleXml, 'patient.json': JSON.stringify({ hub: 'rsw', latencyMs: 5, label: 'x' }) },
      [other]: {},
    });
    const set = await loadPatientFolder(dir);
    expect(set.get(sample.info.insz)!.config).toEqual({ hub: 'rsw', behaviour: 'ok', latencyMs: 5, label: 'x' });
    expect(set.get(other)!.config).toEqual({ hub: 'both', behaviour: 'ok' });
    expect(hubView(set.get(sample.info.insz)!, 'rsb')).toEqual({ behaviour: 'ok', latencyMs: 5, transactions: [] });
    expect(hubView(set.get(sample.info.insz)!, 'rsw').transactions).toHaveLength(1);
  });

  it('reports every problem at once, with the file, and without printing a whole INSZ', async () => {
    const dir = await folder({
      '12345678901': {},
      [sample.info.insz]: { 'patient.json': JSON.stringify({ hub: 'rsx', behaviour: 'sleepy', latencyMs: -1, extra: 1 }) },
      [other]: {
        'broken.xml': '<kmehrmessage><header>',
        'doctype.xml': '<!DOCTYPE x [<!ENTITY e "e">]><kmehrmessage/>',
        'not-kmehr.xml': '<html/>',
        'someone-else.xml': sampleXml,
        'dup1.xml': sampleXml.replaceAll(sample.info.insz, other),
        'dup2.xml': sampleXml.replaceAll(sample.info.insz, other),
      },
      [makeInsz(90, 1, 1, 35)]: { 'patient.json': '{ not json' },
    });
    const problems = await problemsOf(dir);
    const text = problems.join('\n');
    expect(problems.length).toBeGreaterThanOrEqual(9);
    expect(text).toMatch(/12…01: the folder name must be a valid 11-digit INSZ/);
    expect(text).toMatch(/patient\.json: hub: /);
    expect(text).toMatch(/patient\.json: behaviour: /);
    expect(text).toMatch(/patient\.json: latencyMs: /);
    expect(text).toMatch(/patient\.json: \(root\): .*extra/i);
    expect(text).toMatch(/broken\.xml: not well-formed/);
    expect(text).toMatch(/doctype\.xml: .*DOCTYPE/);
    expect(text).toMatch(/not-kmehr\.xml: the root element is <html>/);
    expect(text).toMatch(/someone-else\.xml: the message is about another patient/);
    expect(text).toMatch(/dup2\.xml: transaction id LOCAL\/vaccicard-transaction-id is also used by dup1\.xml/);
    expect(text).toMatch(/patient\.json: not valid JSON/);
    for (const insz of [sample.info.insz, other]) expect(text).not.toContain(insz);
  });

  it('refuses an empty or missing folder', async () => {
    expect(await problemsOf(await folder({}))).toEqual([expect.stringMatching(/no patient folders/)]);
    expect(await problemsOf('/nonexistent/patients')).toEqual([expect.stringMatching(/cannot read/)]);
    expect(maskInsz('x 85073003328 y')).toBe('x 85…28 y');
  });
});

describe('serving a patient folder', () => {
  it('per-hub behaviour: RSW times out while RSB answers (partial result)', async () => {
    const insz = sample.info.insz;
    const dir = await folder({
      [insz]: { 'flu.xml': sampleXml, 'patient.json': JSON.stringify({ hub: 'both', behaviour: 'ok', perHub: { rsw: { behaviour: 'timeout' } } }) },
    });
    const fx = await startFixture({ patientsDir: dir });
    const client = clientFor(fx.sim, {
      endpoints: { rsw: { url: fx.sim.rsw.url, caPem: fx.sim.caCertPem, timeoutMs: 400 }, rsb: { url: fx.sim.rsb.url, caPem: fx.sim.caCertPem, timeoutMs: 10_000 } },
    });
    try {
      expect(fx.sim.patientCount).toBe(1);
      const started = Date.now();
      const answer = await client.consult(insz, ['rsw', 'rsb'], AbortSignal.timeout(20_000));
      expect(answer.rsw).toMatchObject({ status: 'error', error: { code: 'timeout' } });
      expect(answer.rsb).toMatchObject({ status: 'ok', transactions: [{ kmehr: expect.stringContaining('<batch>AFLUA734BB</batch>') }] });
      // Ended by RSW's own 400 ms budget, far before the caller's 20 s.
      expect(Date.now() - started).toBeLessThan(10_000);
      // A patient not in the folder: both hubs have no data.
      const unknown = await client.consult(other, ['rsw', 'rsb'], AbortSignal.timeout(5_000));
      expect(unknown).toMatchObject({ rsw: { status: 'ok', transactions: [] }, rsb: { status: 'ok', transactions: [] } });
    } finally {
      client.close();
      await fx.sim.close();
    }
  });

  it('refuses to start on a bad folder', async () => {
    const dir = await folder({ '00000000000': {} });
    await expect(startFixture({ patientsDir: dir })).rejects.toBeInstanceOf(PatientFolderError);
  });
});
