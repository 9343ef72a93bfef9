import { lazy, Suspense, type ReactElement } from 'react';
import { HomePage } from '../features/home/HomePage';

// Home is in the first script; every other screen loads when first shown (a few KB to a few
// dozen, from the app's own files), so the first screen waits for Home's code alone.
const AgreementPage = lazy(() => import('../features/agreements/AgreementPage').then((module) => ({ default: module.AgreementPage })));
const AgreementsPage = lazy(() => import('../features/agreements/AgreementsPage').then((module) => ({ default: module.AgreementsPage })));
const ComparePage = lazy(() => import('../features/compare/ComparePage').then((module) => ({ default: module.ComparePage })));
const AssessmentPage = lazy(() => import('../features/assessments/AssessmentPage').then((module) => ({ default: module.AssessmentPage })));
const AssessmentsPage = lazy(() => import('../features/assessments/AssessmentsPage').then((module) => ({ default: module.AssessmentsPage })));
const NewAssessmentPage = lazy(() => import('../features/assessments/NewAssessmentPage').then((module) => ({ default: module.NewAssessmentPage })));
const GuidePage = lazy(() => import('../features/guide/GuidePage').then((module) => ({ default: module.GuidePage })));
const ImportPage = lazy(() => import('../features/exchange/ImportPage').then((module) => ({ default: module.ImportPage })));
const InboxPage = lazy(() => import('../features/exchange/InboxPage').then((module) => ({ default: module.InboxPage })));
const PartnerKeysPage = lazy(() => import('../features/exchange/PartnerKeysPage').then((module) => ({ default: module.PartnerKeysPage })));
const OwnProfilePage = lazy(() => import('../features/institution/OwnProfilePage').then((module) => ({ default: module.OwnProfilePage })));
const PartnerEditPage = lazy(() => import('../features/partners/PartnerEditPage').then((module) => ({ default: module.PartnerEditPage })));
const PartnershipPage = lazy(() => import('../features/partnerships/PartnershipPage').then((module) => ({ default: module.PartnershipPage })));
const PartnershipsPage = lazy(() => import('../features/partnerships/PartnershipsPage').then((module) => ({ default: module.PartnershipsPage })));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage').then((module) => ({ default: module.SettingsPage })));
const ConsortiumPage = lazy(() => import('../features/consortium/ConsortiumPage').then((module) => ({ default: module.ConsortiumPage })));
const FrameworkEditorPage = lazy(() => import('../features/guide/FrameworkEditorPage').then((module) => ({ default: module.FrameworkEditorPage })));
const FrameworkComparePage = lazy(() => import('../features/guide/FrameworkComparePage').then((module) => ({ default: module.FrameworkComparePage })));
const ContributionRequestsPage = lazy(() =>
  import('../features/assessments/team/ContributionRequestsPage').then((module) => ({ default: module.ContributionRequestsPage })),
);
const onDemand = (element: ReactElement) => <Suspense fallback={<div className="startup" aria-busy="true" />}>{element}</Suspense>;

export const routes: ReadonlyArray<{ path: string; element: ReactElement }> = [
  { path: '/', element: <HomePage /> },
  { path: '/assessments', element: onDemand(<AssessmentsPage />) },
  { path: '/assessments/new', element: onDemand(<NewAssessmentPage />) },
  { path: '/assessments/:id', element: onDemand(<AssessmentPage />) },
  { path: '/team/requests', element: onDemand(<ContributionRequestsPage />) },
  { path: '/team/requests/:requestId', element: onDemand(<ContributionRequestsPage />) },
  { path: '/compare', element: onDemand(<ComparePage />) },
  { path: '/consortium', element: onDemand(<ConsortiumPage />) },
  { path: '/partnerships', element: onDemand(<PartnershipsPage />) },
  { path: '/partnerships/:id', element: onDemand(<PartnershipPage />) },
  { path: '/agreements', element: onDemand(<AgreementsPage />) },
  { path: '/agreements/:id', element: onDemand(<AgreementPage />) },
  { path: '/partners/:id', element: onDemand(<PartnerEditPage />) },
  { path: '/guide', element: onDemand(<GuidePage />) },
  { path: '/guide/edit/:key', element: onDemand(<FrameworkEditorPage />) },
  { path: '/guide/compare', element: onDemand(<FrameworkComparePage />) },
  { path: '/exchange/import', element: onDemand(<ImportPage />) },
  { path: '/inbox', element: onDemand(<InboxPage />) },
  { path: '/exchange/keys', element: onDemand(<PartnerKeysPage />) },
  { path: '/settings', element: onDemand(<SettingsPage />) },
  { path: '/settings/about', element: onDemand(<SettingsPage />) },
  { path: '/settings/institution', element: onDemand(<OwnProfilePage />) },
];
