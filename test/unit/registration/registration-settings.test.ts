/**
 * The settings a registration needs: the pharmacy's name and the pharmacists
 * who vaccinate (RIZIV + names), one proposed by default; read leniently
 * (settings stored before these fields existed read as their defaults).
 */
import { describe, expect, it } from 'vitest';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  defaultVaccinatorOf,
  pharmacyIdentity,
  settingsFromStored,
} from '../../../lib/settings/schema.ts';
import { registrationContext, setupGaps } from '../../../lib/background/registration-submission.ts';

const CLAIRE = { riziv: '20807092001', firstName: 'Claire', familyName: 'Lemaître' };
const TOM = { riziv: '21234585001', firstName: 'Tom', familyName: 'Peeters' };

describe('registration settings', () => {
  it('normalises names and numbers, keeps the default vaccinator', () => {
    const r = applySettingsPatch(DEFAULT_SETTINGS, {
      pharmacyName: '  Pharmacie\u0301 du Parc ',
      vaccinators: [{ riziv: '2-08070-92-001', firstName: ' Claire ', familyName: 'Lemaître' }, TOM],
      defaultVaccinator: '21234585001',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.pharmacyName).toBe('Pharmacié du Parc');
    expect(r.value.vaccinators).toEqual([CLAIRE, TOM]);
    expect(defaultVaccinatorOf(r.value)).toEqual(TOM);
  });

  it.each([
    [{ vaccinators: [{ ...CLAIRE, riziv: '14700250004' }] }, 'vaccinators.0.riziv', 'riziv:not-a-pharmacist'],
    [{ vaccinators: [{ ...CLAIRE, riziv: '80000551' }] }, 'vaccinators.0.riziv', 'riziv:not-a-provider'],
    [{ vaccinators: [{ ...CLAIRE, riziv: '20807093001' }] }, 'vaccinators.0.riziv', 'riziv:bad-check-digits'],
    [{ vaccinators: [{ ...CLAIRE, firstName: ' ' }] }, 'vaccinators.0.firstName', 'name:required'],
    [{ vaccinators: [{ ...CLAIRE, familyName: 'A\nB' }] }, 'vaccinators.0.familyName', 'name:invalid-characters'],
    [{ vaccinators: [CLAIRE, { ...CLAIRE, firstName: 'Other' }] }, 'vaccinators.1.riziv', 'vaccinator:duplicate'],
    [{ pharmacyName: 'x'.repeat(201) }, 'pharmacyName', 'pharmacy-name:too-long'],
    [{ vaccinators: [CLAIRE], defaultVaccinator: TOM.riziv }, 'defaultVaccinator', 'vaccinator:default-not-listed'],
  ])('%j → %s %s', (patch, path, message) => {
    const r = applySettingsPatch(DEFAULT_SETTINGS, patch);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual({ path, message });
  });

  it('settings stored before these fields existed read as their defaults; a stale default is dropped', () => {
    const old = { companionUrl: 'http://127.0.0.1:5000', pharmacyNumber: '80000551', pharmacistRizivs: ['20807092001'] };
    const s = settingsFromStored(old);
    expect(s).toMatchObject({ pharmacyName: '', vaccinators: [], defaultVaccinator: '', pharmacyNumber: '80000551' });
    expect(settingsFromStored({ ...old, vaccinators: [CLAIRE], defaultVaccinator: TOM.riziv }).defaultVaccinator).toBe('');
  });

  it('vaccinators count as this pharmacy’s pharmacists for own lines', () => {
    const s = { ...DEFAULT_SETTINGS, pharmacistRizivs: ['20807092001'], vaccinators: [CLAIRE, TOM] };
    expect(pharmacyIdentity(s).pharmacistRizivs).toEqual(['20807092001', '21234585001']);
  });

  it('the form’s context says what the options still miss', () => {
    expect(setupGaps(DEFAULT_SETTINGS, false)).toEqual(['pharmacy-number', 'pharmacy-name', 'vaccinators', 'pairing']);
    const ready = { ...DEFAULT_SETTINGS, pharmacyNumber: '80000551', pharmacyName: 'P', vaccinators: [CLAIRE] };
    expect(registrationContext('85073003328', ready, true)).toEqual({
      patient: { insz: '85073003328', label: '85.07.30-xxx.xx' },
      pharmacy: { number: '80000551', name: 'P' },
      vaccinators: [CLAIRE],
      defaultVaccinator: CLAIRE.riziv,
      seasonWindow: { startMonth: 9, startDay: 1 },
      missing: [],
    });
  });
});
