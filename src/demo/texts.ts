/**
 * The Dutch words the demo writes in free-text and reason columns. None contains a comma,
 * a semicolon or a quote, so no field ever needs CSV quoting.
 */

/** Reasons for a return, per segment index (0 key, 1 retail, 2 horeca, 3 web). */
export const RETURN_REASONS: readonly (readonly string[])[] = [
  ['verkeerd geleverd', 'beschadigd', 'houdbaarheid', 'te veel geleverd'],
  ['verkeerd geleverd', 'beschadigd', 'houdbaarheid'],
  ['beschadigd', 'verkeerd geleverd', 'houdbaarheid'],
  ['niet naar wens', 'beschadigd', 'verkeerd artikel', 'te laat geleverd', 'bedenktijd'],
];

/** Reasons for a service contact that is not a visit, a return or a complaint. */
export const CONTACT_REASONS = [
  'bestelling',
  'levering',
  'factuur',
  'productinformatie',
  'leverdatum wijzigen',
];

/** Review texts by sentiment. */
export const REVIEW_TEXTS = {
  good: [
    'Snelle levering',
    'Prima service',
    'Goede kwaliteit voor de prijs',
    'Altijd goed geholpen',
    'Top webshop',
  ],
  neutral: ['Redelijk', 'Levering duurde wat lang', 'Prima maar prijzig', ''],
  bad: ['Pakket beschadigd', 'Verkeerd artikel ontvangen', 'Klantenservice reageert traag', 'Te duur'],
};

/** Complaint texts. */
export const COMPLAINT_TEXTS = [
  'Prijzen hoger dan bij de concurrent',
  'Levering te laat',
  'Factuur klopt niet',
  'Accountmanager reageert niet',
  'Verkeerde producten geleverd',
  'Kwaliteit vers niet in orde',
  'Korting niet verwerkt',
];
