/**
 * One form of address per language, where the reader is spoken to: "tú" in Spanish, "Sie" in
 * German, in the interface and in the newest version of each built-in guide (the one the guide
 * page opens at and new assessments start with).
 *
 * Older guide versions are left out on purpose: an assessment pins the exact text of the guide it
 * was made with (its content fingerprint, shared/framework/fingerprint.ts), so guide 1.0 keeps its
 * three formal imperatives ("Valore", "Compruebe", "Marque") byte for byte; see
 * docs/scoring.md, "Guide versions and their texts". The last test here checks that they are still
 * there, so that a well-meant correction of 1.0 fails here rather than in users' data folders.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../../shared/framework/guide2';
import { repoRoot, templatesDir } from '../../support/paths';

/** Words that address the reader formally in Spanish: the pronouns, and formal imperatives opening a sentence. */
const formalImperatives = [
  'Valore', 'Marque', 'Compruebe', 'Elija', 'Seleccione', 'Indique', 'Describa', 'Adjunte', 'Consulte', 'Revise', 'Pulse', 'Haga',
  'Introduzca', 'Escriba', 'Añada', 'Guarde', 'Abra', 'Pida', 'Solicite', 'Verifique', 'Pregunte', 'Compare', 'Busque', 'Lea', 'Anote',
  'Registre', 'Tenga', 'Utilice', 'Use', 'Cree', 'Envíe', 'Exporte', 'Importe', 'Elimine', 'Borre', 'Firme', 'Cargue', 'Descargue',
  'Asigne', 'Complete', 'Rellene', 'Confirme', 'Cambie', 'Vuelva', 'Intente', 'Espere', 'Cierre', 'Copie', 'Restaure', 'Defina', 'Deje',
  'Evalúe', 'Califique', 'Asegúrese', 'Recuerde', 'Pruebe', 'Corrija', 'Vaya', 'Acepte', 'Cancele', 'Imprima', 'Conserve', 'Mantenga',
];
// Letters, not JavaScript's ASCII \b, delimit words ("teórico" is not "te" + "órico").
const spanishFormal = new RegExp(
  `(?<!\\p{L})(?:usted|ustedes|Ud\\.|Uds\\.|Vd\\.|Vds\\.)(?!\\p{L})|(?:^|["¿¡(]|[.:;!?] )(?:${formalImperatives.join('|')})(?!\\p{L})`,
  'gu',
);
// "--data-dir" is an option, not "dir".
const germanInformal = /(?<![\p{L}-])(?:du|dich|dir|dein|deine[nmrs]?|euch|euer|eure[nmrs]?)(?!\p{L})/gu;

function formalSpanish(text: string): string[] {
  return [...text.matchAll(spanishFormal)].map((match) => match[0].replace(/^["¿¡(.:;!?] ?/, ''));
}

function informalGerman(text: string): string[] {
  return [...text.matchAll(germanInformal)].map((match) => match[0]);
}

/** The folder of the newest version of each built-in guide (by `id`, compared by version number). */
function newestGuideFolders(): string[] {
  const root = join(templatesDir, 'frameworks');
  const newest = new Map<string, { folder: string; version: string }>();
  for (const folder of readdirSync(root)) {
    const { id, version } = JSON.parse(readFileSync(join(root, folder, 'en.json'), 'utf8')) as { id: string; version: string };
    const held = newest.get(id);
    if (!held || compareVersions(version, held.version) > 0) newest.set(id, { folder, version });
  }
  return [...newest.values()].map((item) => join(root, item.folder));
}

describe('form of address', () => {
  it('finds what it looks for (the detectors themselves)', () => {
    expect(formalSpanish('Pulsa Guardar. Valore el modelo; si usted quiere, Ud. puede.')).toEqual(['Valore', 'usted', 'Ud.']);
    expect(formalSpanish('Valora el modelo. Que la institución valore sus registros; teórico.')).toEqual([]);
    expect(informalGerman('Wählen Sie. Prüfe deine Angaben, du. Starten Sie mit --data-dir.')).toEqual(['deine', 'du']);
  });

  it('the interface says tú in Spanish and Sie in German', () => {
    const locale = (language: string) => readFileSync(join(repoRoot, 'shared', 'i18n', 'locales', `${language}.json`), 'utf8');
    expect(formalSpanish(locale('es'))).toEqual([]);
    expect(informalGerman(locale('de'))).toEqual([]);
  });

  const folders = newestGuideFolders();
  it('there is a newest built-in guide to check', () => {
    expect(folders.length).toBeGreaterThan(0);
  });

  for (const folder of folders) {
    const name = folder.slice(folder.lastIndexOf('frameworks') + 'frameworks/'.length);
    it(`the newest guide (${name}) says tú in Spanish and Sie in German`, () => {
      expect(formalSpanish(readFileSync(join(folder, 'es.json'), 'utf8'))).toEqual([]);
      expect(informalGerman(readFileSync(join(folder, 'de.json'), 'utf8'))).toEqual([]);
    });
  }

  it('guide 1.0 keeps the wording assessments pinned, formal imperatives included', () => {
    const text = readFileSync(join(templatesDir, 'frameworks', 'trustbridge-guide', 'es.json'), 'utf8');
    expect(formalSpanish(text)).toEqual(['Valore', 'Compruebe', 'Marque']);
  });
});
