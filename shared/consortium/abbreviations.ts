/**
 * Short names for the trust matrix: a matrix of thirty institutions has no room for thirty legal
 * names as column headers, so each institution gets a few capital letters (the initials of its
 * name's significant words), and a legend lists them. The same abbreviations appear on the screen,
 * in the workbook and in the Word summary.
 */

/** Words left out of initials, in the languages of European university names (without accents, as compared). */
const minorWords = new Set([
  'a', 'an', 'and', 'at', 'for', 'in', 'of', 'on', 'the',
  'd', 'de', 'del', 'della', 'delle', 'des', 'di', 'do', 'dos', 'das', 'da', 'du', 'e', 'el', 'en', 'et', 'i', 'l', 'la', 'las', 'le', 'les', 'los', 'y',
  'na', 'u', 'v', 'w', 'z',
  'am', 'der', 'die', 'fur', 'im', 'und', 'van', 'von', 'zu', 'zur', 'zum',
]);

const maxLetters = 5;

/** Initials of the significant words of a name: "Universidad de Ejemplo" → "UE". */
export function initialsOf(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !minorWords.has(word.toLocaleLowerCase('en')));
  const initials = words.map((word) => word[0]!.toLocaleUpperCase('en')).join('').slice(0, maxLetters);
  if (initials.length >= 2) return initials;
  const first = words[0] ?? name.replace(/\s+/g, '');
  return (first.slice(0, 3) || '?').toLocaleUpperCase('en');
}

/**
 * One abbreviation per institution, unique: initials shared by several institutions get their
 * country ("UE-ES", "UE-PT"), and if that is still ambiguous a number in the order given ("UP-NL",
 * "UP-NL2"). Give the institutions in their display order so the numbering is stable.
 */
export function abbreviate(institutions: ReadonlyArray<{ key: string; legalName: string; country: string }>): Map<string, string> {
  const initials = institutions.map((institution) => initialsOf(institution.legalName));
  const shared = new Map<string, number>();
  for (const base of initials) shared.set(base, (shared.get(base) ?? 0) + 1);
  const result = new Map<string, string>();
  const used = new Set<string>();
  institutions.forEach((institution, index) => {
    const base = shared.get(initials[index]!)! > 1 ? `${initials[index]}-${institution.country}` : initials[index]!;
    let candidate = base;
    for (let n = 2; used.has(candidate); n += 1) candidate = `${base}${n}`;
    used.add(candidate);
    result.set(institution.key, candidate);
  });
  return result;
}
