/**
 * The home page's overview: what is due, open and recent across assessments, partnerships and
 * agreements, computed by shared/home from the services' summaries.
 */
import { homeOverview, type HomeOverview } from '../../shared/home/overview';
import type { AgreementService } from './agreements';
import type { AssessmentService } from './assessments';
import type { InstitutionService } from './institutions';
import type { PartnershipService } from './partnerships';

interface HomeServices {
  assessments: AssessmentService;
  partnerships: PartnershipService;
  agreements: AgreementService;
  institutions: InstitutionService;
}

/** The overview for `today` (the window's date), with at most `rows` rows in each list. */
export function homeOverviewOf(services: HomeServices, request: { today: string; rows: number }): HomeOverview {
  return homeOverview({
    assessments: services.assessments.list(),
    partnerships: services.partnerships.list(),
    agreements: services.agreements.list(),
    names: new Map(services.institutions.list().map((item) => [item.id, item.legalName])),
    institutions: services.institutions.list(),
    today: request.today,
    rows: request.rows,
  });
}
