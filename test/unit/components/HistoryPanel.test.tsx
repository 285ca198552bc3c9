import { afterEach, describe, expect, it } from 'vitest';
import { HistoryPanel } from '../../../components/HistoryPanel.tsx';
import { history, line, panelState } from './fixtures.ts';
import { mount } from './render.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('HistoryPanel', () => {
  const full = history({
    flu: [
      line({ key: 'own-flu', own: true, confirmed: true, source: 'FarmaFlux' }),
      line({ key: 'gp-flu', date: '2026-09-20', riziv: '14700250004', warnings: [{ kind: 'flu-already-this-season' }] }),
    ],
    covid: [line({ key: 'covid-1', disease: 'covid', date: '2026-03-02', name: 'Comirnaty', cnk: '4680123' })],
    other: [line({ key: 'old-flu', date: '2025-10-02' })],
    summary: { fluThisSeason: true, lastCovidDate: '2026-03-02', daysSinceLastCovid: 226 },
  });

  it('renders a flu block, a covid block and a collapsed other block', () => {
    const root = mount(<HistoryPanel state={panelState({ history: full, patientLabel: '85.07.30-xxx.xx' })} />);
    const blocks = [...root.querySelectorAll('section[data-block]')].map((s) => s.getAttribute('data-block'));
    expect(blocks).toEqual(['flu', 'covid', 'other']);
    const flu = root.querySelector('section[data-block="flu"]')!;
    expect(flu.querySelector('h3')?.textContent).toBe('Flu, season 2026-2027');
    expect([...flu.querySelectorAll('[data-line]')].map((l) => l.getAttribute('data-line'))).toEqual([
      'own-flu',
      'gp-flu',
    ]);
    expect(flu.querySelector('[data-summary="flu-this-season"]')?.textContent).toBe(
      'Already vaccinated against flu this season.',
    );
    const covid = root.querySelector('section[data-block="covid"]')!;
    expect(covid.querySelector('h3')?.textContent).toBe('Covid-19, since 05/01/2026');
    expect(covid.querySelector('[data-summary="days-since-covid"]')?.textContent).toBe(
      'Last covid dose on 02/03/2026, 226 days ago.',
    );
    const details = root.querySelector<HTMLDetailsElement>('section[data-block="other"] details')!;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')?.textContent).toBe('Earlier seasons and other vaccines (1)');
    expect(details.querySelectorAll('[data-line]')).toHaveLength(1);
    expect(root.textContent).toContain('Patient 85.07.30-xxx.xx');
  });

  it('says when a block is empty', () => {
    const root = mount(<HistoryPanel state={panelState({ history: history() })} />);
    expect(root.querySelector('[data-block="flu"]')?.textContent).toContain('No flu vaccination found this season.');
    expect(root.querySelector('[data-block="covid"]')?.textContent).toContain(
      'No covid vaccination found since 05/01/2026.',
    );
    expect(root.querySelector('[data-summary]')).toBeNull();
  });

  it('always carries the Vaccinnet note with links to RSW, RSB and Vaccinnet', () => {
    const root = mount(<HistoryPanel state={panelState({ status: { state: 'loading' } })} />);
    const note = root.querySelector('[data-note="vaccinnet"]')!;
    expect(note.textContent).toContain('Vaccinnet');
    expect([...note.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://www.reseausantewallon.be',
      'https://brusselshealthnetwork.be',
      'https://www.vaccinnet.be',
    ]);
  });

  it('shows loading with no lines', () => {
    const root = mount(<HistoryPanel state={panelState({ status: { state: 'loading' } })} />);
    expect(root.querySelector('[data-placeholder="loading"]')).not.toBeNull();
    expect(root.querySelector('[data-line]')).toBeNull();
    expect(root.querySelector('[data-block]')).toBeNull();
  });

  it('never claims "nothing found" when no hub answered: the reason per hub, no empty blocks', () => {
    const root = mount(
      <HistoryPanel
        state={panelState({
          status: { state: 'error', reason: 'no-consent' },
          history: history(),
          hubFailures: [
            { hub: 'rsw', reason: 'no-consent' },
            { hub: 'rsb', reason: 'no-consent' },
          ],
        })}
      />,
    );
    const box = root.querySelector('[data-placeholder="error"]')!;
    expect(box.textContent).toContain('the patient has not given consent (eHealth)');
    expect(box.querySelectorAll('[data-hub-failures] li')).toHaveLength(2);
    expect(root.querySelector('[data-block]')).toBeNull();
    expect(root.textContent).not.toContain('No flu vaccination found');
  });

  it('with no hub answering, the page’s own lines still show, and empty blocks say Vaccicard was not consulted', () => {
    const root = mount(
      <HistoryPanel
        state={panelState({
          status: { state: 'error', reason: 'companion-down' },
          history: history({ flu: [line({ key: 'own', own: true, source: 'FarmaFlux' })] }),
        })}
      />,
    );
    expect(root.querySelector('[data-placeholder="error"]')?.textContent).toContain(
      'Only this pharmacy’s own registrations can be shown.',
    );
    expect(root.querySelectorAll('[data-block="flu"] [data-line]')).toHaveLength(1);
    expect(root.querySelector('[data-block="covid"]')?.textContent).toContain('Nothing from Vaccicard');
  });

  it('a hub that does not know the patient while the other answered is information, not an error', () => {
    const root = mount(
      <HistoryPanel state={panelState({ history: history(), hubFailures: [{ hub: 'rsb', reason: 'patient-unknown' }] })} />,
    );
    const box = root.querySelector('[data-hub-failures-box]')!;
    expect(box.classList.contains('vc-alert--info')).toBe(true);
    expect(box.textContent).toContain('Not every hub knows this patient');
  });

  it('shows a full failure in words', () => {
    const root = mount(
      <HistoryPanel state={panelState({ status: { state: 'error', reason: 'no-relation' } })} />,
    );
    expect(root.querySelector('[data-placeholder="error"]')?.textContent).toContain(
      'no therapeutic relation with this patient',
    );
  });

  it('lists the hubs that failed while showing the other hub’s lines', () => {
    const root = mount(
      <HistoryPanel
        state={panelState({
          status: { state: 'error', reason: 'timeout', hub: 'rsb' },
          history: full,
          hubFailures: [{ hub: 'rsb', reason: 'timeout' }],
        })}
      />,
    );
    const failure = root.querySelector('[data-hub-failures] li')!;
    expect(failure.getAttribute('data-hub')).toBe('rsb');
    expect(failure.textContent).toBe('Brussels Health Network (RSB): the hub did not answer in time');
    expect(root.querySelectorAll('[data-block="flu"] [data-line]')).toHaveLength(2);
  });

  it('shows the age of a stale answer', () => {
    const root = mount(
      <HistoryPanel state={panelState({ status: { state: 'ok', stale: { ageMs: 3 * 3_600_000 } }, history: full })} />,
    );
    expect(root.querySelector('[data-stale-age]')?.textContent).toBe(
      'Shown from cache, fetched 3 h ago: the companion app cannot be reached.',
    );
  });

  it('counts registrations that could not be read', () => {
    const root = mount(<HistoryPanel state={panelState({ history: full, parseFailures: 2 })} />);
    expect(root.querySelector('[data-parse-failures]')?.textContent).toBe(
      'Registrations that could not be read and are not shown: 2',
    );
  });

  it('speaks German when asked', () => {
    const root = mount(<HistoryPanel state={panelState({ history: full })} />, 'de');
    expect(root.querySelector('[data-block="flu"] h3')?.textContent).toBe('Grippe, Saison 2026-2027');
    expect(root.querySelector('[data-summary="days-since-covid"]')?.textContent).toBe(
      'Letzte Covid-Dosis am 02/03/2026, vor 226 Tagen.',
    );
  });
});
