import type { PanelState } from '../../../lib/messages.ts';
import type { MergedHistory, VaccinationLine } from '../../../lib/vaccination.ts';

export function line(overrides: Partial<VaccinationLine> = {}): VaccinationLine {
  return {
    key: 'l1',
    date: '2026-10-14',
    disease: 'flu',
    cnk: '3986555',
    name: 'Vaxigrip',
    riziv: '20807092001',
    source: 'Vaccicard',
    own: false,
    confirmed: false,
    hubs: ['rsw'],
    warnings: [],
    ...overrides,
  };
}

export function history(overrides: Partial<MergedHistory> = {}): MergedHistory {
  return {
    season: '2026-2027',
    flu: [],
    covid: [],
    other: [],
    summary: { fluThisSeason: false },
    ...overrides,
  };
}

export function panelState(overrides: Partial<PanelState> = {}): PanelState {
  return { status: { state: 'ok' }, hubFailures: [], parseFailures: 0, ...overrides };
}
