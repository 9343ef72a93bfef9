export type * from './model';
export { assessmentReport, pinnedFingerprint, type AssessmentReportInput } from './assessment-report';
export { partnershipReport, type PartnershipReportInput } from './partnership-report';
export { topConditions, importantConditionCount, type ConditionSources } from './conditions';
export { figure, defaultRankingSize } from './parts';
export { cleanText, cleanShortText } from './clean-text';
export {
  fillPlaceholders,
  flattenTexts,
  lookup,
  noFigure,
  placeholderPattern,
  reportLanguages,
  reportTexts,
  type ReportText,
  type ReportTexts,
  type TextParams,
  type TextRef,
  type TextTree,
} from './texts';
