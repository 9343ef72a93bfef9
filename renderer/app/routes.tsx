import type { ReactElement } from 'react';
import { AgreementPage } from '../features/agreements/AgreementPage';
import { AgreementsPage } from '../features/agreements/AgreementsPage';
import { ComparePage } from '../features/compare/ComparePage';
import { ConsortiumPage } from '../features/consortium/ConsortiumPage';
import { AssessmentPage } from '../features/assessments/AssessmentPage';
import { AssessmentsPage } from '../features/assessments/AssessmentsPage';
import { NewAssessmentPage } from '../features/assessments/NewAssessmentPage';
import { FrameworkComparePage } from '../features/guide/FrameworkComparePage';
import { FrameworkEditorPage } from '../features/guide/FrameworkEditorPage';
import { GuidePage } from '../features/guide/GuidePage';
import { ImportPage } from '../features/exchange/ImportPage';
import { InboxPage } from '../features/exchange/InboxPage';
import { PartnerKeysPage } from '../features/exchange/PartnerKeysPage';
import { HomePage } from '../features/home/HomePage';
import { OwnProfilePage } from '../features/institution/OwnProfilePage';
import { PartnerEditPage } from '../features/partners/PartnerEditPage';
import { PartnershipPage } from '../features/partnerships/PartnershipPage';
import { PartnershipsPage } from '../features/partnerships/PartnershipsPage';
import { SettingsPage } from '../features/settings/SettingsPage';

export const routes: ReadonlyArray<{ path: string; element: ReactElement }> = [
  { path: '/', element: <HomePage /> },
  { path: '/assessments', element: <AssessmentsPage /> },
  { path: '/assessments/new', element: <NewAssessmentPage /> },
  { path: '/assessments/:id', element: <AssessmentPage /> },
  { path: '/compare', element: <ComparePage /> },
  { path: '/consortium', element: <ConsortiumPage /> },
  { path: '/partnerships', element: <PartnershipsPage /> },
  { path: '/partnerships/:id', element: <PartnershipPage /> },
  { path: '/agreements', element: <AgreementsPage /> },
  { path: '/agreements/:id', element: <AgreementPage /> },
  { path: '/partners/:id', element: <PartnerEditPage /> },
  { path: '/guide', element: <GuidePage /> },
  { path: '/guide/edit/:key', element: <FrameworkEditorPage /> },
  { path: '/guide/compare', element: <FrameworkComparePage /> },
  { path: '/exchange/import', element: <ImportPage /> },
  { path: '/inbox', element: <InboxPage /> },
  { path: '/exchange/keys', element: <PartnerKeysPage /> },
  { path: '/settings', element: <SettingsPage /> },
  { path: '/settings/about', element: <SettingsPage /> },
  { path: '/settings/institution', element: <OwnProfilePage /> },
];
