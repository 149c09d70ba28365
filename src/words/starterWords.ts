/**
 * The words of the starter cost model `worth init` writes into worth.yaml (its heading, each
 * activity's name and the explanation of each rate, capacity and pool), in Dutch and English.
 */
import { fill, type Catalogue } from './catalogue.ts';
import type { Lang } from './lang.ts';
import { ACTIVITY_WORDS } from './enums.ts';

/** Every comment of the starter cost model; `{rate}`, `{share}` and `{driver}` are filled in. */
export const STARTER_WORDS = {
  head1: {
    en: 'Cost to serve (time-driven activity-based costing). A STARTER: every pool, capacity and',
    nl: 'Kosten van bediening (time-driven activity-based costing). EEN VOORZET: elke kostenpool, capaciteit',
  },
  head2: {
    en: 'rate below is an assumption, to be replaced with your own (the cost of each team in the',
    nl: 'en elk tarief hieronder is een aanname, te vervangen door uw eigen cijfers (de kosten van elk team',
  },
  head3: {
    en: 'period, and the minutes it can really work: usually 80-85% of paid time).',
    nl: 'in de periode, en de minuten die het echt kan werken: meestal 80-85% van de betaalde tijd).',
  },
  head4: {
    en: 'Delete this section to see the customer P&L down to gross margin only.',
    nl: 'Haal deze sectie weg om de winst-en-verliesrekening per klant alleen tot de brutomarge te zien.',
  },
  order_handling: {
    en: '3 minutes per order plus half a minute per line; 0.60 a minute = an order desk at 36 an hour, loaded',
    nl: '3 minuten per order plus een halve minuut per regel; 0,60 per minuut = een orderafdeling van 36 per uur, alles inbegrepen',
  },
  picking: {
    en: 'a minute to walk to a location plus 0.02 a unit; 0.45 a minute = a warehouse hand at 27 an hour, loaded',
    nl: 'een minuut lopen naar een locatie plus 0,02 per stuk; 0,45 per minuut = een magazijnmedewerker van 27 per uur, alles inbegrepen',
  },
  returns_handling: {
    en: 'receive, check and restock: 8 minutes a return plus 2 a line; 0.50 a minute = 30 an hour',
    nl: 'ontvangen, controleren en terugzetten: 8 minuten per retour plus 2 per regel; 0,50 per minuut = 30 per uur',
  },
  service: {
    en: 'the minutes a contact took (6 when not recorded) plus 2 of logging; 0.70 a minute = 42 an hour, loaded',
    nl: 'de minuten van een contact (6 als ze niet zijn vastgelegd) plus 2 voor het vastleggen; 0,70 per minuut = 42 per uur, alles inbegrepen',
  },
  delivery: {
    en: 'a parcel per order at a carrier rate of 6.50; use freight_cost from a shipments file when you have one',
    nl: 'een pakket per order tegen een vervoerstarief van 6,50; gebruik freight_cost uit een bestand met zendingen als u dat hebt',
  },
  behaviourCapacity: {
    en: 'staff stay until the capacity is cut',
    nl: 'het personeel blijft tot de capaciteit wordt verlaagd',
  },
  behaviourVariable: {
    en: 'paid per parcel: it goes when the order goes',
    nl: 'betaald per pakket: het verdwijnt als de order verdwijnt',
  },
  capacityMeasured: {
    en: 'capacity: the minutes your export uses at {share}% utilisation (rounded up to three figures)',
    nl: 'capaciteit: de minuten die uw export gebruikt bij {share}% bezetting (naar boven afgerond op drie cijfers)',
  },
  capacitySmall: {
    en: 'capacity: a small company, about 1.5 people',
    nl: 'capaciteit: een klein bedrijf, ongeveer 1,5 persoon',
  },
  pool: { en: 'capacity x {rate} a minute', nl: 'capaciteit x {rate} per minuut' },
  noEvents: {
    en: '{name}: the export has no {driver}; when it has, add:',
    nl: '{name}: de export heeft geen {driver}; als die er zijn, voeg toe:',
  },
  serviceNeeds: {
    en: 'Customer service needs a service_contacts source (a log of calls and e-mails); with one, add:',
    nl: 'Klantenservice heeft een bron service_contacts nodig (een logboek van gesprekken en e-mails); met zo een, voeg toe:',
  },
} as const satisfies Catalogue;

/** A key of {@link STARTER_WORDS}. */
export type StarterWord = keyof typeof STARTER_WORDS;

/** The starter's word `key` in `lang`, placeholders filled from `vars`. */
export function starterWord(
  lang: Lang,
  key: StarterWord,
  vars: Readonly<Record<string, string>> = {},
): string {
  return fill(STARTER_WORDS[key][lang], vars);
}

/** A starter activity's name in `lang` (the standard activities' names; Customer service besides). */
export function starterActivityName(lang: Lang, id: string, english: string): string {
  if (id === 'service') return lang === 'nl' ? 'Klantenservice' : english;
  return Object.hasOwn(ACTIVITY_WORDS, id) ? ACTIVITY_WORDS[id]![lang] : english;
}
