import { describe, expect, it } from 'vitest';
import { parseCompanionUrl } from '../../../lib/settings/companion-url.ts';
import { parseHostPattern } from '../../../lib/settings/host-pattern.ts';
import {
  DEFAULT_SETTINGS,
  Settings,
  applySettingsPatch,
  pharmacyIdentity,
  settingsFromStored,
} from '../../../lib/settings/schema.ts';

describe('parseCompanionUrl', () => {
  it.each([
    ['http://127.0.0.1:47615', 'http://127.0.0.1:47615'],
    ['  http://localhost:8080/ ', 'http://localhost:8080'],
    ['http://127.0.0.1', 'http://127.0.0.1'],
  ])('accepts %s', (input, expected) => {
    expect(parseCompanionUrl(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'],
    ['127.0.0.1:47615', 'not-a-url'],
    ['https://127.0.0.1:47615', 'not-http'],
    ['http://192.168.0.10:47615', 'not-loopback'],
    ['http://127.0.0.2:47615', 'not-loopback'],
    ['http://localhost.evil.example:47615', 'not-loopback'],
    ['http://[::1]:47615', 'not-loopback'],
    ['http://user:pw@127.0.0.1:47615', 'has-credentials'],
    ['http://127.0.0.1:47615/v1', 'has-path'],
    ['http://127.0.0.1:47615/?x=1', 'has-path'],
  ])('refuses %s (%s)', (input, reason) => {
    expect(parseCompanionUrl(input)).toEqual({ ok: false, reason });
  });
});

describe('parseHostPattern', () => {
  it.each([
    ['app.farmaflux.be', 'https://app.farmaflux.be/*'],
    ['https://app.farmaflux.be/eform?insz=1#x', 'https://app.farmaflux.be/*'],
    ['http://intranet.pharmacy.local:8443/', 'http://intranet.pharmacy.local/*'],
    ['https://*.farmaflux.be/*', 'https://*.farmaflux.be/*'],
    ['APP.Example.BE', 'https://app.example.be/*'],
    ['10.0.0.5', 'https://10.0.0.5/*'],
  ])('%s → %s', (input, expected) => {
    expect(parseHostPattern(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['', 'empty'],
    ['<all_urls>', 'too-broad'],
    ['*://*/*', 'not-http'],
    ['https://*/*', 'too-broad'],
    ['*.be', 'too-broad'],
    ['ftp://files.example', 'not-http'],
    ['file:///etc', 'not-http'],
    ['exa mple.be', 'not-a-host'],
    ['https://a*b.example/', 'not-a-host'],
    ['http://127.0.0.1/', 'always-active'],
    ['http://localhost:3000/eform', 'always-active'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(parseHostPattern(input)).toEqual({ ok: false, reason });
  });
});

describe('Settings', () => {
  it('has valid defaults', () => {
    expect(Settings.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({
      companionUrl: 'http://127.0.0.1:47615',
      cacheTtlSeconds: 900,
      cacheMaxStaleSeconds: 86_400,
      seasonWindow: { startMonth: 9, startDay: 1 },
    });
  });

  it('normalises numbers typed with separators and drops duplicates', () => {
    const r = applySettingsPatch(DEFAULT_SETTINGS, {
      pharmacyNumber: '8-00005-51',
      pharmacistRizivs: ['2-08070-92-001', '20807092001', '1 47002 50 004'],
      activatedHosts: ['app.example.be', 'https://app.example.be/x'],
    });
    expect(r).toEqual({
      ok: true,
      value: {
        ...DEFAULT_SETTINGS,
        pharmacyNumber: '80000551',
        pharmacistRizivs: ['20807092001', '14700250004'],
        activatedHosts: ['https://app.example.be/*'],
      },
    });
  });

  it('says what is wrong, field by field, as codes', () => {
    const r = applySettingsPatch(DEFAULT_SETTINGS, {
      pharmacyNumber: '80000552',
      pharmacistRizivs: ['80000551', 'abc'],
      cacheTtlSeconds: 2,
      seasonWindow: { startMonth: 2, startDay: 29 },
    });
    expect(r).toEqual({
      ok: false,
      issues: expect.arrayContaining([
        { path: 'pharmacyNumber', message: 'pharmacy-number:bad-check-digits' },
        { path: 'pharmacistRizivs.0', message: 'riziv:not-a-provider' },
        { path: 'pharmacistRizivs.1', message: 'riziv:invalid-characters' },
        expect.objectContaining({ path: 'cacheTtlSeconds' }),
        { path: 'seasonWindow', message: 'season:window-day-out-of-range' },
      ]),
    });
  });

  it('refuses a max-stale window shorter than the TTL, and unknown fields', () => {
    expect(applySettingsPatch(DEFAULT_SETTINGS, { cacheTtlSeconds: 3600, cacheMaxStaleSeconds: 600 })).toEqual({
      ok: false,
      issues: [{ path: 'cacheMaxStaleSeconds', message: 'cache:max-stale-shorter-than-ttl' }],
    });
    expect(applySettingsPatch(DEFAULT_SETTINGS, { pairingSecret: 'x' })).toMatchObject({ ok: false });
  });

  it('accepts an empty pharmacy number (not configured yet)', () => {
    expect(applySettingsPatch(DEFAULT_SETTINGS, { pharmacyNumber: ' ' })).toMatchObject({
      ok: true,
      value: { pharmacyNumber: '' },
    });
  });

  it('reads stored values leniently: bad fields fall back to their default', () => {
    expect(settingsFromStored(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(
      settingsFromStored({
        companionUrl: 'http://evil.example',
        pharmacyNumber: '80000551',
        pharmacistRizivs: 'not a list',
        cacheTtlSeconds: 120,
        cacheMaxStaleSeconds: 60,
        extra: true,
      }),
    ).toEqual({
      ...DEFAULT_SETTINGS,
      pharmacyNumber: '80000551',
      cacheTtlSeconds: 120,
      cacheMaxStaleSeconds: 120,
    });
  });

  it('gives the merge its identity', () => {
    expect(pharmacyIdentity(DEFAULT_SETTINGS)).toEqual({ pharmacistRizivs: [] });
    expect(pharmacyIdentity({ ...DEFAULT_SETTINGS, pharmacyNumber: '80000551', pharmacistRizivs: ['20807092001'] })).toEqual({
      pharmacyNumber: '80000551',
      pharmacistRizivs: ['20807092001'],
    });
  });
});
