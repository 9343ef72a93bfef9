/**
 * Team assessment for a colleague without TrustBridge: the partner questionnaire, limited to the
 * criteria assigned to the colleague, with the request's identity (request, assessment,
 * colleague) on its hidden identity sheet; and the filled workbook read back with the
 * questionnaire import's own checks (zip guard, sheet layout, formulas, levels, N/A rules).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Assessment } from '../../shared/assessment/schema';
import type { Language } from '../../shared/framework/schema';
import type { ContributionProblem } from '../../shared/team/view';
import { writeFileDurably } from '../store/durable-write';
import type { FrameworkCatalog } from '../services/frameworks';
import type { InstitutionService } from '../services/institutions';
import type { AssessmentService } from '../services/assessments';
import { readWorkbookTeamKeys, workbookTeamKeys, type TeamService, type WorkbookAnswers } from '../services/team';
import { loadReportTexts } from '../platform/templates';
import { questionnaireXlsx } from '../export/xlsx/questionnaire';
import { readQuestionnaire } from './questionnaire-import';
import { sheetNames } from '../export/xlsx/questionnaire-layout';

interface TeamWorkbookServices {
  frameworks: FrameworkCatalog;
  institutions: InstitutionService;
  assessments: AssessmentService;
  team: TeamService;
}

/** Writes the colleague's questionnaire (records the request first, so its answer can be recognised). */
export async function exportTeamQuestionnaire(options: {
  services: TeamWorkbookServices;
  templatesDir: string;
  language: Language;
  assessmentId: string;
  contributorId: string;
  sender: { name: string };
  outPath: string;
  now?: () => Date;
}): Promise<{ path: string }> {
  const now = options.now ?? (() => new Date());
  const { services } = options;
  const request = await services.team.workbookRequest(options.assessmentId, options.contributorId);
  // The catalogue's framework as it is (not narrowed to the profile): its fingerprint is what the reader matches.
  const framework = services.assessments.frameworkOf(request.assessment, options.language);
  const texts = await loadReportTexts(options.templatesDir, options.language);
  const own = await services.institutions.getOwn();
  const subject = request.assessment.subject;
  const bytes = await questionnaireXlsx({
    framework,
    institution: { id: subject.institutionId, legalName: subject.legalName, country: subject.country },
    sender: { institution: own?.legalName ?? subject.legalName, contact: [options.sender.name, own?.qaContact.email].filter(Boolean).join(', ') },
    texts,
    now: now(),
    only: request.criteria,
    extraIdentity: {
      [workbookTeamKeys.requestId]: request.requestId,
      [workbookTeamKeys.assessmentId]: request.assessment.id,
      [workbookTeamKeys.contributorId]: request.contributor.id,
    },
  });
  await writeFileDurably(options.outPath, bytes);
  return { path: options.outPath };
}

/** Reads a filled colleague's questionnaire; the size was checked by the caller. */
export async function readTeamWorkbook(services: Pick<TeamWorkbookServices, 'frameworks'>, path: string, assessment: Assessment, now: () => Date): Promise<WorkbookAnswers> {
  const bytes = new Uint8Array(await readFile(path));
  const fileName = basename(path);
  const subject = assessment.subject;
  const preview = await readQuestionnaire(bytes, {
    frameworks: services.frameworks,
    fileName,
    now,
    importedBy: 'TrustBridge',
    // The questionnaire names the assessed institution (the own one); only that one is accepted.
    institution: (id) => (id === subject.institutionId ? subject : undefined),
  });
  const identity = await readWorkbookTeamKeys(bytes, sheetNames.identity);
  const problems: ContributionProblem[] = preview.problems.map((problem) => ({
    criterionId: problem.criterionId,
    severity: problem.severity,
    code: problem.code,
    params: problem.params,
    problem: problem.problem,
    whatToDo: problem.whatToDo,
  }));
  return { fileName, answers: preview.assessment.answers, problems, identity, respondent: { name: preview.respondent.name, date: preview.respondent.date } };
}
