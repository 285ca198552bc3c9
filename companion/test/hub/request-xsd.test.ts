import { describe, expect, it } from 'vitest';
import { XMLBuilder } from 'fast-xml-parser';
import { getTransactionBody, getTransactionListBody, soapActionOf } from '../../src/hub/index.ts';
import { transactionIdToRequest } from '../../src/hub/request.ts';
import { validateHubServices } from '../helpers/xsd.ts';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });
const build = (tree: Record<string, unknown>) => builder.build(tree) as string;

const pharmacy = {
  pharmacyNumber: '80000551',
  pharmacyName: 'Pharmacie <du> "Parc" & Co',
  pharmacist: { riziv: '20807092001', inss: '80010112379', firstName: 'Camille', familyName: "D'Hondt" },
};
const minimalPharmacy = { pharmacyNumber: '80000551', pharmacist: { riziv: '20807092001', inss: '80010112379' } };
const application = { softwareId: 'vaccicard-companion', name: 'Vaccicard companion', version: '1.2.3' };
const header = { requestId: '80000551.1767225600000001', now: new Date('2026-11-21T10:15:30') };

describe('hub-services requests', () => {
  it('validate against hubservices_protocol-3_5.xsd', async () => {
    const report = await validateHubServices([
      { name: 'list', xml: build(getTransactionListBody(header, pharmacy, application, '85073003328')) },
      { name: 'list-minimal', xml: build(getTransactionListBody(header, minimalPharmacy, application, '85073003328')) },
      { name: 'list-page-2', xml: build(getTransactionListBody(header, pharmacy, application, '85073003328', { index: 20 })) },
      { name: 'get', xml: build(getTransactionBody(header, pharmacy, application, '85073003328', { s: 'LOCAL', sl: 'vaccicard-transaction-id', value: 'sim-1' })) },
      { name: 'get-kmehr-id', xml: build(getTransactionBody(header, minimalPharmacy, application, '85073003328', { s: 'ID-KMEHR', value: '1' })) },
    ]);
    expect(report.errors).toEqual({});
    expect(report.valid).toBe(true);
  });

  it('the validator catches a request that breaks the schema (control)', async () => {
    const broken = build(getTransactionListBody(header, pharmacy, application, '85073003328')).replace('<core:date>', '<core:time>00:00:00</core:time><core:date>');
    const report = await validateHubServices([{ name: 'broken', xml: broken }]);
    expect(report.valid).toBe(false);
    expect(report.errors['broken']?.join(' ')).toMatch(/time/);
  });

  it('names the patient, the vaccination filter and the author per ehealth-auth.md §3.3', () => {
    const xml = build(getTransactionListBody(header, pharmacy, application, '85073003328'));
    expect(xml).toContain('<core:id S="INSS" SV="1.0">85073003328</core:id>');
    expect(xml).toContain('<core:cd S="CD-TRANSACTION" SV="1.0">vaccination</core:cd>');
    expect(xml).toContain('<kmehr:cd S="CD-HCPARTY" SV="1.1">orgpharmacy</kmehr:cd>');
    expect(xml).toContain('<kmehr:id S="ID-HCPARTY" SV="1.0">80000551</kmehr:id>');
    expect(xml).toContain('<kmehr:id S="ID-HCPARTY" SV="1.0">20807092001</kmehr:id><kmehr:id S="INSS" SV="1.0">80010112379</kmehr:id><kmehr:cd S="CD-HCPARTY" SV="1.1">perspharmacist</kmehr:cd>');
    expect(xml).toContain('<kmehr:id S="LOCAL" SL="endusersoftwareinfo" SV="1.0">vaccicard-companion</kmehr:id><kmehr:cd S="CD-HCPARTY" SV="1.1">application</kmehr:cd><kmehr:name>Vaccicard companion 1.2.3</kmehr:name>');
    expect(xml).toContain('<core:date>2026-11-21</core:date><core:time>10:15:30</core:time>');
    expect(xml).toContain('Pharmacie &lt;du&gt; &quot;Parc&quot; &amp; Co');
  });

  it('uses the intrahub v3 SOAPActions', () => {
    expect(soapActionOf('GetTransactionList')).toBe('urn:be:fgov:ehealth:intrahub:protocol:v3:GetTransactionList');
    expect(soapActionOf('GetTransaction')).toBe('urn:be:fgov:ehealth:intrahub:protocol:v3:GetTransaction');
  });

  it('asks GetTransaction for the hub LOCAL id before the ID-KMEHR sequence number', () => {
    expect(transactionIdToRequest([{ s: 'ID-KMEHR', value: '1' }, { s: 'LOCAL', sl: 'RSWID', value: 'abc' }])).toEqual({ s: 'LOCAL', sl: 'RSWID', value: 'abc' });
    expect(transactionIdToRequest([{ s: 'ID-KMEHR', value: '1' }])).toEqual({ s: 'ID-KMEHR', value: '1' });
    expect(transactionIdToRequest([{ s: 'ID-PATIENT', value: '1' }])).toBeUndefined();
  });
});
