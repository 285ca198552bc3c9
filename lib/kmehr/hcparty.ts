/**
 * Care parties of a KMEHR author: who vaccinated (a person hcparty) and for
 * which organisation. A record relayed by a vault carries the hub and a
 * public-health organisation as author instead of the vaccinator: it then has
 * no vaccinator, and its organisation is that organisation (or the hub when
 * the author names no other organisation).
 */
import { parseRiziv } from '../identifiers/riziv.ts';
import type { CareProvider, HubId, KmehrId, Organisation } from '../vaccination.ts';
import { attr, childrenNamed, firstChild, textOf, type XmlElement } from '../xml/tree.ts';
import { CD, HUB_PARTY_IDS, HUB_PARTY_TYPES, ID, isOrganisationPartyType, isPersonPartyType } from './codes.ts';

export interface HcParty {
  ids: KmehrId[];
  /** CD-HCPARTY values, lower case. */
  types: string[];
  /** `name`, else `firstname familyname`. */
  name?: string;
}

/** Reads `id`, `cd` and `name` of any element shaped like a KMEHR identifier holder. */
export function readIds(el: XmlElement | undefined): KmehrId[] {
  const out: KmehrId[] = [];
  for (const idEl of childrenNamed(el, 'id')) {
    const s = attr(idEl, 'S')?.trim();
    const value = textOf(idEl);
    if (!s || value === undefined) continue;
    const sl = attr(idEl, 'SL')?.trim();
    out.push(sl ? { s, sl, value } : { s, value });
  }
  return out;
}

/** Trimmed values of the `cd` children whose S is `system`. */
export function codesOf(el: XmlElement | undefined, system: string): string[] {
  const out: string[] = [];
  for (const cd of childrenNamed(el, 'cd')) {
    if (attr(cd, 'S')?.trim() !== system) continue;
    const v = textOf(cd);
    if (v !== undefined) out.push(v);
  }
  return out;
}

export function readHcParty(el: XmlElement): HcParty {
  const party: HcParty = {
    ids: readIds(el),
    types: codesOf(el, CD.hcparty).map((t) => t.toLowerCase()),
  };
  const name = textOf(firstChild(el, 'name'));
  const given = [textOf(firstChild(el, 'firstname')), textOf(firstChild(el, 'familyname'))]
    .filter((p): p is string => p !== undefined)
    .join(' ');
  const full = name ?? (given.length > 0 ? given : undefined);
  if (full !== undefined) party.name = full;
  return party;
}

export interface AuthorInfo {
  vaccinator?: CareProvider;
  organisation?: Organisation;
  /** The author includes a relaying hub (vault record). */
  relayedByHub: boolean;
}

function idValue(party: HcParty, s: string): string | undefined {
  return party.ids.find((i) => i.s === s)?.value;
}

function isHubParty(party: HcParty, hub: HubId | undefined): boolean {
  if (party.types.some((t) => HUB_PARTY_TYPES.has(t))) return true;
  const id = idValue(party, ID.hcparty);
  if (id === undefined) return false;
  if (hub !== undefined) return id === HUB_PARTY_IDS[hub];
  return Object.values(HUB_PARTY_IDS).includes(id);
}

function toCareProvider(party: HcParty): CareProvider {
  const provider: CareProvider = {};
  const riziv = idValue(party, ID.hcparty);
  if (riziv !== undefined) {
    provider.riziv = riziv;
    const parsed = parseRiziv(riziv);
    provider.rizivValid = parsed.ok && parsed.value.kind === 'provider';
  }
  const role = party.types[0];
  if (role !== undefined) provider.role = role;
  if (party.name !== undefined) provider.name = party.name;
  return provider;
}

function toOrganisation(party: HcParty): Organisation {
  const org: Organisation = {};
  const id = idValue(party, ID.hcparty) ?? party.ids[0]?.value;
  if (id !== undefined) org.id = id;
  const type = party.types[0];
  if (type !== undefined) org.type = type;
  if (party.name !== undefined) org.name = party.name;
  return org;
}

/** Reads an `author` element. `hub` narrows which hub number counts as a relay. */
export function readAuthor(author: XmlElement | undefined, hub?: HubId): AuthorInfo {
  const parties = childrenNamed(author, 'hcparty').map(readHcParty);
  const relays = parties.filter((p) => isHubParty(p, hub));
  const others = parties.filter((p) => !relays.includes(p));
  const person = others.find((p) => p.types.some(isPersonPartyType));
  const org = others.find((p) => p.types.some(isOrganisationPartyType)) ?? relays[0];
  const info: AuthorInfo = { relayedByHub: relays.length > 0 };
  if (person) info.vaccinator = toCareProvider(person);
  if (org) info.organisation = toOrganisation(org);
  return info;
}
