/**
 * The partner questionnaire: an Excel file for a partner that does not use TrustBridge. The partner
 * reads the guidance and the five level descriptors of each criterion, picks a level (or "not
 * applicable") from a drop-down, and writes a justification and links to evidence. Everything but
 * the answer cells is protected, so the structure survives; hidden identifiers tie every row to
 * the criterion and the workbook to the exact framework version, so the answers can be imported
 * back as the partner's self-assessment (see electron/import/questionnaire-import.ts).
 */
import ExcelJS from 'exceljs';
import { frameworkFingerprint, frameworkStructureFingerprint } from '../../../shared/framework/fingerprint';
import { criteriaOf, type Framework } from '../../../shared/framework/schema';
import type { ReportTexts } from '../../../shared/report/texts';
import { cellText, excelColours, printSetup, rowHeight, writeHeader, writeTitle, type SheetColumn } from './kit';
import {
  columns,
  identityKeys,
  keyHeader,
  lastColumn,
  levelListRange,
  questionnaireFormat,
  questionnaireFormatVersion,
  respondentColumn,
  respondentFields,
  respondentFirstRow,
  sheetNames,
  yesNoListRange,
  type IdentityKey,
} from './questionnaire-layout';

interface QuestionnaireInput {
  framework: Framework;
  /** The partner the questionnaire is for. */
  institution: { id: string; legalName: string; country: string };
  /** Who sends it (shown in the instructions). */
  sender: { institution: string; contact?: string };
  texts: ReportTexts;
  now: Date;
  /** Team contribution requests: only these criteria get a row (electron/export/xlsx/team-questionnaire.ts). */
  only?: ReadonlySet<string>;
  /** More key/value pairs for the hidden identity sheet, after its own (the reader ignores keys it does not know). */
  extraIdentity?: Readonly<Record<string, string>>;
}

/** How a level is offered in the drop-down: "3 – Established". The reader also accepts "3" or "Established". */
function levelOption(level: number, label: string): string {
  return `${level} – ${label}`;
}

export async function questionnaireXlsx(input: QuestionnaireInput): Promise<Buffer> {
  const { texts } = input;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'TrustBridge';
  workbook.created = input.now;
  workbook.modified = input.now;
  workbook.title = texts.t('questionnaire.title');

  const instructions = workbook.addWorksheet(sheetNames.instructions);
  const sheet = workbook.addWorksheet(sheetNames.questionnaire);
  const identity = workbook.addWorksheet(sheetNames.identity);
  writeIdentity(identity, input);
  await writeInstructions(instructions, input);
  await writeQuestions(sheet, input);
  // Guide 2.0: what the auditor will check, so the partner prepares it. Its own sheet, after the
  // questions, so the layout the import reads does not change (1.0 questionnaires have none).
  if (criteriaOf(input.framework).some((criterion) => criterion.auditorGuidance)) {
    await writeAuditorGuidance(workbook.addWorksheet(cellText(texts.t('guide2.auditorSheet')).slice(0, 31)), input);
  }
  // Very hidden: not listed by Excel's "Unhide" dialog, so it is not changed by accident.
  identity.state = 'veryHidden';
  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function writeAuditorGuidance(sheet: ExcelJS.Worksheet, input: QuestionnaireInput): Promise<void> {
  const { framework, texts } = input;
  const layout: SheetColumn[] = [
    { header: texts.t('columns.id'), width: 8 },
    { header: texts.t('columns.criterion'), width: 28, wrap: true },
    { header: texts.t('guide2.verify'), width: 48, wrap: true },
    { header: texts.t('guide2.sample'), width: 36, wrap: true },
    { header: texts.t('guide2.redFlags'), width: 40, wrap: true },
    { header: texts.t('guide2.twoVersusThree'), width: 40, wrap: true },
  ];
  writeHeader(sheet, layout);
  const asked = criteriaOf(framework).filter((criterion) => !input.only || input.only.has(criterion.id));
  asked.forEach((criterion, i) => {
    const guidance = criterion.auditorGuidance;
    const values = [
      criterion.id,
      criterion.title,
      guidance?.verify ?? '',
      guidance?.sample ?? '',
      (guidance?.redFlags ?? []).map((flag) => `• ${flag}`).join('\n'),
      guidance?.twoVersusThree ?? '',
    ];
    const row = sheet.getRow(i + 2);
    values.forEach((value, c) => {
      const cell = row.getCell(c + 1);
      cell.value = cellText(value);
      cell.alignment = { vertical: 'top', wrapText: layout[c]?.wrap ?? false };
      if (c === 0) cell.font = { bold: true };
    });
    row.height = rowHeight(layout, values);
  });
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }];
  printSetup(sheet, { texts, institution: input.institution.legalName, title: texts.t('guide2.auditorSheet'), orientation: 'landscape' });
  // Read-only, like every part of the questionnaire the partner does not answer.
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true });
}

function writeIdentity(sheet: ExcelJS.Worksheet, input: QuestionnaireInput): void {
  const { framework, institution, texts } = input;
  const values: Record<IdentityKey, string | number> = {
    format: questionnaireFormat,
    formatVersion: questionnaireFormatVersion,
    frameworkId: framework.id,
    frameworkVersion: framework.version,
    frameworkFingerprint: frameworkFingerprint(framework),
    frameworkStructure: frameworkStructureFingerprint(framework),
    frameworkLanguage: framework.language,
    questionnaireLanguage: texts.language,
    institutionId: institution.id,
    institutionName: institution.legalName,
    institutionCountry: institution.country,
    criteria: criteriaOf(framework).length,
    generatedAt: input.now.toISOString(),
  };
  Object.entries(values).forEach(([key, value], i) => {
    sheet.getCell(i + 1, 1).value = key;
    sheet.getCell(i + 1, 2).value = typeof value === 'string' ? cellText(value) : value;
  });
  Object.entries(input.extraIdentity ?? {}).forEach(([key, value], i) => {
    sheet.getCell(identityKeys.length + 2 + i, 1).value = key;
    sheet.getCell(identityKeys.length + 2 + i, 2).value = cellText(value);
  });
  framework.scale.forEach((level, i) => {
    sheet.getCell(i + 1, 4).value = cellText(levelOption(level.value, level.label));
  });
  sheet.getCell(1, 5).value = texts.t('common.yes');
  sheet.getCell(2, 5).value = texts.t('common.no');
}

async function writeInstructions(sheet: ExcelJS.Worksheet, input: QuestionnaireInput): Promise<void> {
  const { framework, texts, institution } = input;
  sheet.getColumn(1).width = 4;
  sheet.getColumn(2).width = 26;
  sheet.getColumn(3).width = 90;
  writeTitle(sheet, 1, texts.t('questionnaire.title'));
  const subtitle = sheet.getCell(2, 2);
  subtitle.value = cellText(texts.t('questionnaire.subtitle', { institution: institution.legalName, sender: input.sender.institution }));
  subtitle.font = { size: 12, color: { argb: excelColours.muted } };

  const section = (row: number, text: string) => {
    const cell = sheet.getCell(row, 2);
    cell.value = text;
    cell.font = { bold: true, size: 12, color: { argb: excelColours.title } };
    sheet.getRow(row).height = 22;
  };
  section(respondentFirstRow - 1, texts.t('questionnaire.respondentHeading'));
  respondentFields.forEach((field, i) => {
    const row = respondentFirstRow + i;
    const label = sheet.getCell(row, 2);
    label.value = texts.t(`questionnaire.respondent.${field}`);
    label.font = { bold: true };
    const answer = sheet.getCell(row, respondentColumn);
    answer.protection = { locked: false };
    answer.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: excelColours.answerFill } };
    answer.border = { bottom: { style: 'thin', color: { argb: excelColours.rule } } };
  });

  let row = respondentFirstRow + respondentFields.length + 1;
  section(row++, texts.t('questionnaire.howHeading'));
  const steps = ['step1', 'step2', 'step3', 'step4', 'step5', 'step6'].map((key) => texts.t(`questionnaire.${key}`));
  steps.forEach((step, i) => {
    sheet.getCell(row, 2).value = `${i + 1}.`;
    sheet.getCell(row, 2).alignment = { horizontal: 'right', vertical: 'top' };
    const cell = sheet.getCell(row, 3);
    cell.value = cellText(step);
    cell.alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(row).height = rowHeight([{ header: '', width: 90, wrap: true }], [step]);
    row += 1;
  });
  row += 1;
  section(row++, texts.t('questionnaire.scaleHeading'));
  for (const level of framework.scale) {
    const label = sheet.getCell(row, 2);
    label.value = cellText(levelOption(level.value, level.label));
    label.font = { bold: true };
    label.alignment = { vertical: 'top' };
    const meaning = sheet.getCell(row, 3);
    meaning.value = cellText(level.meaning);
    meaning.alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(row).height = rowHeight([{ header: '', width: 90, wrap: true }], [level.meaning]);
    row += 1;
  }
  row += 1;
  section(row++, texts.t('questionnaire.aboutHeading'));
  const about: Array<[string, string]> = [
    [texts.t('titlePage.framework'), texts.t('titlePage.frameworkValue', { title: framework.title, version: framework.version, publisher: framework.publisher })],
    [texts.t('titlePage.fingerprint'), frameworkFingerprint(framework)],
    [texts.t('questionnaire.sentBy'), [input.sender.institution, input.sender.contact].filter(Boolean).join(' — ')],
    [texts.t('questionnaire.criticalNote'), texts.t('questionnaire.criticalExplained', { level: framework.thresholds.blockerBelowLevel })],
    [texts.t('questionnaire.privacyHeading'), texts.t('questionnaire.privacy')],
  ];
  for (const [label, value] of about) {
    const labelCell = sheet.getCell(row, 2);
    labelCell.value = cellText(label);
    labelCell.font = { bold: true };
    labelCell.alignment = { vertical: 'top', wrapText: true };
    const valueCell = sheet.getCell(row, 3);
    valueCell.value = cellText(value);
    valueCell.alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(row).height = rowHeight([{ header: '', width: 90, wrap: true }], [value]);
    row += 1;
  }
  printSetup(sheet, { texts, institution: institution.legalName, title: texts.t('questionnaire.title'), orientation: 'portrait' });
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true });
}

async function writeQuestions(sheet: ExcelJS.Worksheet, input: QuestionnaireInput): Promise<void> {
  const { framework, texts } = input;
  const levelHeader = (level: number) => levelOption(level, framework.scale[level]!.label);
  const layout: SheetColumn[] = [
    { header: keyHeader, width: 12, hidden: true },
    { header: texts.t('columns.dimension'), width: 18, wrap: true },
    { header: texts.t('columns.id'), width: 8 },
    { header: texts.t('columns.criterion'), width: 28, wrap: true },
    { header: texts.t('columns.critical'), width: 9 },
    { header: texts.t('questionnaire.columns.guidance'), width: 48, wrap: true },
    { header: texts.t('questionnaire.columns.examples'), width: 30, wrap: true },
    ...[0, 1, 2, 3, 4].map((level) => ({ header: levelHeader(level), width: 30, wrap: true })),
    { header: texts.t('questionnaire.columns.level'), width: 20 },
    { header: texts.t('questionnaire.columns.notApplicable'), width: 12 },
    { header: texts.t('questionnaire.columns.naReason'), width: 28, wrap: true },
    { header: texts.t('questionnaire.columns.justification'), width: 50, wrap: true },
    { header: texts.t('questionnaire.columns.evidence'), width: 40, wrap: true },
  ];
  writeHeader(sheet, layout);
  // The answer columns stand out from the reading columns.
  for (let c = columns.level; c <= lastColumn; c += 1) {
    sheet.getCell(1, c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFB45309' } };
  }
  const criteria = criteriaOf(framework).filter((criterion) => !input.only || input.only.has(criterion.id));
  const dimensionTitles = new Map(framework.dimensions.map((dimension) => [dimension.id, dimension.title]));
  criteria.forEach((criterion, i) => {
    const rowNumber = i + 2;
    const values = [
      criterion.id,
      `${criterion.dimensionId} — ${dimensionTitles.get(criterion.dimensionId) ?? ''}`,
      criterion.id,
      criterion.title,
      criterion.critical ? texts.t('common.yes') : texts.t('common.no'),
      criterion.guidance,
      criterion.evidenceExamples.map((example) => `• ${example}`).join('\n'),
      ...criterion.levels,
    ];
    const row = sheet.getRow(rowNumber);
    values.forEach((value, c) => {
      const cell = row.getCell(c + 1);
      cell.value = cellText(value);
      cell.alignment = { vertical: 'top', wrapText: layout[c]?.wrap ?? false };
      if (c + 1 === columns.critical && criterion.critical) cell.font = { bold: true, color: { argb: excelColours.warning } };
      if (c + 1 === columns.id) cell.font = { bold: true };
    });
    for (const c of [columns.level, columns.notApplicable, columns.naReason, columns.justification, columns.evidence]) {
      const cell = row.getCell(c);
      cell.protection = { locked: false };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: excelColours.answerFill } };
      cell.alignment = { vertical: 'top', wrapText: c !== columns.level && c !== columns.notApplicable };
      cell.border = { left: { style: 'hair', color: { argb: excelColours.rule } }, bottom: { style: 'hair', color: { argb: excelColours.rule } } };
    }
    row.getCell(columns.level).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [levelListRange],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: texts.t('questionnaire.levelErrorTitle'),
      error: texts.t('questionnaire.levelError'),
      showInputMessage: true,
      promptTitle: texts.t('questionnaire.columns.level'),
      prompt: texts.t('questionnaire.levelPrompt'),
    };
    row.getCell(columns.notApplicable).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [yesNoListRange],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: texts.t('questionnaire.columns.notApplicable'),
      error: texts.t('questionnaire.naError'),
      showInputMessage: criterion.critical,
      ...(criterion.critical ? { promptTitle: texts.t('columns.critical'), prompt: texts.t('questionnaire.naCriticalPrompt') } : {}),
    };
    // Tall enough for the guidance and descriptors, capped so one row never fills the screen.
    row.height = Math.min(180, rowHeight(layout, values));
  });
  const lastRow = criteria.length + 1;
  sheet.views = [{ state: 'frozen', xSplit: columns.criterion, ySplit: 1, activeCell: `M2`, topLeftCell: 'B2' }];
  printSetup(sheet, { texts, institution: input.institution.legalName, title: texts.t('questionnaire.title') });
  sheet.pageSetup.printTitlesRow = '1:1';
  sheet.pageSetup.printArea = `B1:Q${lastRow}`;
  // Structure protected; answer cells unlocked. No password: it guards against accidents, and the
  // import treats the returned file as untrusted whatever the protection says.
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true, sort: false });
}
