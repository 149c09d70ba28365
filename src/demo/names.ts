/**
 * Plausible Dutch customer names: companies for the business segments (with their town),
 * people for web shop consumers. No name contains a comma, semicolon or quote, so fields
 * never need CSV quoting.
 */
import type { Rng } from './rng.ts';

// prettier-ignore
const SURNAMES = [
  'De Jong', 'Jansen', 'De Vries', 'Van den Berg', 'Van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer',
  'De Boer', 'Mulder', 'De Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'Van Leeuwen', 'Dekker', 'Brouwer',
  'De Wit', 'Dijkstra', 'Smits', 'De Graaf', 'Van der Meer', 'Van der Linden', 'Kok', 'Jacobs', 'De Haan',
  'Vermeulen', 'Van den Heuvel', 'Van der Veen', 'Van den Broek', 'De Bruijn', 'Van der Heijden', 'Schouten',
  'Van Beek', 'Willems', 'Van Vliet', 'Van de Ven', 'Hoekstra', 'Maas', 'Verhoeven', 'Koster', 'Van Dam',
  'Van der Wal', 'Prins', 'Blom', 'Huisman', 'Peeters', 'Kuipers', 'Post', 'Veenstra', 'Kramer', 'Van den Brink',
  'Scholten', 'Van Wijk', 'Postma', 'Martens', 'Vink', 'De Ruiter', 'Timmermans', 'Groen', 'Gerritsen', 'Jonker',
  'Van Loon', 'Van der Velde', 'Willemsen', 'Smeets', 'Wouters', 'Çelik', 'Yılmaz', 'El Amrani', 'Nguyen',
];
/** After a first name, Dutch writes the surname's prefix in lower case: Joost de Graaf. */
const PERSON_SURNAMES = SURNAMES.map((s) =>
  s.replace(/^(Van der|Van den|Van de|Van|De) /, (p) => p.toLowerCase()),
);
// prettier-ignore
const FIRST_NAMES = [
  'Daan', 'Sem', 'Lucas', 'Levi', 'Finn', 'Noah', 'Milan', 'Bram', 'Jesse', 'Thijs', 'Emma', 'Julia', 'Mila',
  'Sophie', 'Tess', 'Zoë', 'Sara', 'Anna', 'Eva', 'Lotte', 'Fleur', 'Noor', 'Jan', 'Pieter', 'Kees', 'Annemarie',
  'Ingrid', 'Marieke', 'Henk', 'Gerrit', 'Wim', 'Els', 'Mieke', 'Joost', 'Sanne', 'Femke', 'Ruben', 'Stijn',
  'Anouk', 'Iris', 'Mohamed', 'Fatima', 'Chloé', 'René',
];
// prettier-ignore
const TOWNS: readonly (readonly string[])[] = [
  ['Groningen', 'Leeuwarden', 'Assen', 'Emmen', 'Drachten', 'Sneek', 'Heerenveen', 'Hoogeveen'],
  ['Zwolle', 'Enschede', 'Apeldoorn', 'Arnhem', 'Nijmegen', 'Deventer', 'Hengelo', 'Almelo'],
  ['Eindhoven', 'Tilburg', 'Breda', 'Maastricht', "'s-Hertogenbosch", 'Venlo', 'Helmond', 'Roermond'],
  ['Middelburg', 'Vlissingen', 'Alkmaar', 'Den Helder', 'Hoorn', 'Goes', 'Terneuzen', 'Purmerend'],
  ['Amsterdam', 'Rotterdam', 'Den Haag', 'Utrecht', 'Haarlem', 'Leiden', 'Delft', 'Amersfoort', 'Dordrecht'],
];
// prettier-ignore
const KEY_KINDS = [
  'Supermarkten', 'Foodservice', 'Horecagroep', 'Cateringgroep', 'Zorggroep', 'Hotelgroep', 'Retail Groep',
  'Kantinebeheer', 'Tankstations', 'Verswinkels',
];
// prettier-ignore
const RETAIL_KINDS = [
  'Slijterij', 'Delicatessen', 'Buurtsuper', 'Tuincentrum', 'Drogisterij', 'Toko', 'Kaashandel', 'Bakkerij',
  'Speciaalzaak', 'Kiosk', 'Wijnhandel', 'Notenbar',
];
// prettier-ignore
const HORECA_KINDS = ['Café', 'Eetcafé', 'Restaurant', 'Brasserie', 'Hotel', 'Lunchroom', 'Grand Café', 'Bistro', 'Snackbar'];
// prettier-ignore
const HORECA_SIGNS = [
  'De Gouden Leeuw', "'t Hoekje", 'De Zwaan', 'De Molen', 'Het Anker', 'De Kroon', 'De Zon', 'De Posthoorn',
  'Het Veerhuis', 'De Sluis', 'De Linde', "'t Pleintje", 'De Haven', 'Het Wapen', 'De Smidse', 'De Beurs',
];

/** A name for a customer of segment index `segment` (0 key, 1 retail, 2 horeca, 3 web) in region `region`. */
export function customerName(rng: Rng, segment: number, region: number): string {
  const town = rng.pick(TOWNS[region]!);
  switch (segment) {
    case 0:
      return `${rng.pick(SURNAMES)} ${rng.pick(KEY_KINDS)} B.V.`;
    case 1:
      return `${rng.pick(RETAIL_KINDS)} ${rng.pick(SURNAMES)} ${town}`;
    case 2:
      return rng.chance(0.6)
        ? `${rng.pick(HORECA_KINDS)} ${rng.pick(HORECA_SIGNS)} ${town}`
        : `${rng.pick(HORECA_KINDS)} ${rng.pick(SURNAMES)} ${town}`;
    default:
      return `${rng.pick(FIRST_NAMES)} ${rng.pick(PERSON_SURNAMES)}`;
  }
}
