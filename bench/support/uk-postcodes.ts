import { weightedPicker, type Random } from './random.js';

/**
 * UK postcode areas with a rough share of delivery points (weight) and how many districts each has, so generated
 * coverage bunches where people and businesses are: London and the big cities get most rows, the Highlands few.
 * Shetland (ZE), the Western Isles (HS) and Caithness (KW) are left out: nobody covers them, they are the misses.
 */
const AREAS: ReadonlyArray<readonly [area: string, weight: number, districts: number]> = [
  ['E', 12, 20],
  ['EC', 2, 4],
  ['N', 10, 22],
  ['NW', 8, 11],
  ['SE', 14, 28],
  ['SW', 12, 20],
  ['W', 8, 14],
  ['WC', 1, 2],
  ['B', 15, 76],
  ['M', 12, 50],
  ['L', 8, 40],
  ['LS', 8, 29],
  ['S', 9, 40],
  ['G', 12, 60],
  ['EH', 9, 55],
  ['BS', 9, 49],
  ['CF', 8, 48],
  ['NE', 9, 50],
  ['NG', 8, 34],
  ['LE', 7, 19],
  ['CV', 6, 40],
  ['BT', 12, 80],
  ['GL', 5, 56],
  ['OX', 6, 49],
  ['CB', 5, 25],
  ['RG', 7, 45],
  ['MK', 4, 46],
  ['BN', 7, 45],
  ['PO', 6, 41],
  ['SO', 6, 53],
  ['PL', 5, 35],
  ['EX', 5, 39],
  ['NR', 6, 35],
  ['IP', 5, 33],
  ['CM', 6, 24],
  ['CH', 6, 40],
  ['WA', 5, 16],
  ['PR', 5, 26],
  ['BB', 4, 18],
  ['BD', 5, 24],
  ['HD', 3, 9],
  ['HX', 2, 7],
  ['YO', 5, 30],
  ['HU', 4, 20],
  ['DN', 6, 41],
  ['DE', 6, 24],
  ['ST', 6, 21],
  ['WV', 4, 16],
  ['WS', 4, 15],
  ['DY', 4, 14],
  ['TF', 2, 13],
  ['SY', 3, 25],
  ['SA', 6, 48],
  ['NP', 4, 26],
  ['LL', 4, 60],
  ['AB', 5, 56],
  ['DD', 3, 11],
  ['KY', 3, 16],
  ['FK', 3, 21],
  ['PA', 3, 40],
  ['PH', 2, 50],
  ['IV', 2, 30],
  ['TR', 3, 27],
  ['TQ', 3, 14],
  ['TA', 4, 24],
  ['BA', 4, 16],
  ['SN', 5, 26],
  ['SP', 3, 11],
  ['BH', 5, 31],
  ['DT', 2, 11],
  ['CT', 4, 21],
  ['ME', 5, 20],
  ['TN', 6, 40],
  ['RH', 5, 20],
  ['GU', 6, 52],
  ['KT', 5, 24],
  ['CR', 4, 9],
  ['BR', 3, 8],
  ['DA', 4, 18],
  ['RM', 4, 20],
  ['IG', 3, 11],
  ['EN', 3, 11],
  ['HA', 3, 9],
  ['UB', 3, 11],
  ['TW', 4, 20],
  ['SM', 2, 7],
  ['WD', 3, 7],
  ['AL', 2, 10],
  ['HP', 3, 23],
  ['LU', 3, 7],
  ['SG', 3, 19],
  ['CO', 3, 16],
  ['SS', 4, 17],
  ['PE', 6, 38],
  ['LN', 3, 13],
  ['DL', 3, 17],
  ['TS', 5, 29],
  ['SR', 3, 9],
  ['DH', 3, 9],
  ['CA', 3, 28],
  ['LA', 3, 23],
  ['FY', 3, 8],
  ['OL', 4, 16],
  ['BL', 3, 9],
  ['SK', 5, 23],
  ['WN', 3, 8],
  ['HG', 2, 5],
  ['WF', 4, 17],
  ['NN', 5, 18],
  ['WR', 3, 15],
  ['HR', 2, 9],
  ['KA', 3, 30],
  ['ML', 3, 12],
  ['DG', 2, 16],
  ['TD', 1, 15],
];
export const UNCOVERED_AREAS = ['ZE', 'HS', 'KW'] as const;

/** The letters a unit (the last two characters) may use: no C, I, K, M, O or V. */
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const SUB_DISTRICT_LETTERS = 'ABCDEFGHJKMNPRSTUVWXY';
/** Central London districts split into lettered sub-districts (EC1A, WC2H, W1D, SW1A). */
const LETTERED = new Set(['EC', 'WC']);
const SOMETIMES_LETTERED = new Set(['W1', 'SW1', 'E1', 'N1']);

export const areaCount = AREAS.length;
const pickArea = weightedPicker(AREAS.map(([, weight]) => weight));

/** An area index, by delivery-point share. */
export const randomAreaIndex = (random: Random) => pickArea(random);
export const areaCode = (index: number) => AREAS[index]?.[0] ?? 'SW';

/** A district of the area: low numbers (the towns) far more often than high ones (the rural fringe). */
export function randomDistrict(random: Random, areaIndex: number): string {
  const [area, , districts] = AREAS[areaIndex] ?? AREAS[0]!;
  const number = 1 + Math.floor(districts * random.next() ** 2);
  const district = `${area}${number}`;
  if (LETTERED.has(area) || (SOMETIMES_LETTERED.has(district) && random.next() < 0.5)) {
    return `${district}${random.pick(SUB_DISTRICT_LETTERS.split(''))}`;
  }
  return district;
}

export const randomSector = (random: Random, district: string) => `${district} ${random.int(10)}`;
export const randomUnit = (random: Random, sector: string) =>
  `${sector}${UNIT_LETTERS[random.int(UNIT_LETTERS.length)]}${UNIT_LETTERS[random.int(UNIT_LETTERS.length)]}`;

/** A full postcode somewhere in the area (for misses, in an area nobody covers). */
export function randomPostcodeIn(random: Random, area: string, districts = 9): string {
  return `${area}${1 + random.int(districts)} ${random.int(10)}${random.pick(UNIT_LETTERS.split(''))}${random.pick(UNIT_LETTERS.split(''))}`;
}
