/**
 * One block of the history panel (`section[data-block]`): a heading, optional
 * block-level notes (warnings), and its lines, or a sentence when it has none.
 */
import type { ComponentChildren } from 'preact';
import type { VaccinationLine } from '../lib/vaccination.ts';
import { VaccinationLineRow } from './VaccinationLineRow.tsx';

export function LineList(props: { lines: readonly VaccinationLine[]; empty: string }) {
  if (props.lines.length === 0) return <p class="vc-block__empty">{props.empty}</p>;
  return (
    <ul class="vc-lines">
      {props.lines.map((line) => (
        <VaccinationLineRow line={line} key={line.key} />
      ))}
    </ul>
  );
}

export function HistoryBlock(props: {
  block: 'flu' | 'covid';
  title: string;
  lines: readonly VaccinationLine[];
  empty: string;
  notes?: ComponentChildren;
}) {
  const headingId = `vc-block-${props.block}`;
  return (
    <section class={`vc-block vc-block--${props.block}`} data-block={props.block} aria-labelledby={headingId}>
      <h3 class="vc-block__title" id={headingId}>
        {props.title}
      </h3>
      {props.notes}
      <LineList lines={props.lines} empty={props.empty} />
    </section>
  );
}

/** Earlier seasons and other vaccines: collapsed by default (`<details>`, keyboard-operable). */
export function OtherBlock(props: { title: string; lines: readonly VaccinationLine[]; empty: string }) {
  return (
    <section class="vc-block vc-block--other" data-block="other">
      <details class="vc-block__details">
        <summary class="vc-block__summary">{props.title}</summary>
        <LineList lines={props.lines} empty={props.empty} />
      </details>
    </section>
  );
}
