/**
 * One handler per IPC channel: each validates nothing itself (the router has checked the request
 * against the contract) and calls a service. Native dialogs are asked for here, with titles in the
 * user's language, so the services stay free of them.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { NewEvidence } from '../../shared/assessment/answer';
import type { Assessment } from '../../shared/assessment/schema';
import { AppError } from '../../shared/errors';
import { homeOverview } from '../../shared/home/overview';
import type { Language } from '../../shared/framework/schema';
import { languageForLocale, translate } from '../../shared/i18n';
import type { AnswerSaved, AssessmentView, PartnershipView } from '../../shared/ipc/contract';
import type { AppEvent } from '../../shared/ipc/events';
import {
  exportAgreement,
  exportConsortiumSummary,
  exportConsortiumWorkbook,
  exportAssessmentReport,
  exportAssessmentWorkbook,
  exportQuestionnaire,
  exportReadinessReport,
  exportBrief,
} from '../export';
import { acceptQuestionnairePreview, keepQuestionnairePreview, previewQuestionnaire } from '../import/questionnaire';
import type { ImportPreviews } from '../services/import-previews';
import type { Handlers } from '../ipc/router';
import type { DialogService } from '../platform/dialogs';
import type { AssessmentService } from '../services/assessments';
import type { FrameworkCatalog } from '../services/frameworks';
import type { InstitutionService } from '../services/institutions';
import type { PartnershipService } from '../services/partnerships';
import type { ExchangeService } from '../services/exchange';
import type { IdentityService } from '../identity/identity';
import type { AgreementService } from '../services/agreements';
import type { InboxService } from '../services/inbox';
import type { ConsortiumService } from '../services/consortium';
import { personalDataOf } from '../services/personal-data';
import { backupFileName, backupStore, restoreStore } from '../services/store-backup';
import type { OpenedFiles } from './opened-files';
import type { TeamService } from '../services/team';
import { teamHandlers } from './team-handlers';
import { writeFileDurably } from '../store/durable-write';
import { fingerprintForDisplay, verificationCode } from '../../shared/exchange/fingerprint';
import type { EvidenceStore } from '../store/evidence-store';
import type { Store } from '../store/store';

export interface HandlerContext {
  store: Store;
  evidence: EvidenceStore;
  identity: IdentityService;
  previews: ImportPreviews;
  frameworks: FrameworkCatalog;
  institutions: InstitutionService;
  assessments: AssessmentService;
  partnerships: PartnershipService;
  exchange: ExchangeService;
  agreements: AgreementService;
  inbox: InboxService;
  consortium: ConsortiumService;
  team: TeamService;
  openedFiles: OpenedFiles;
}

export function createHandlers(
  core: HandlerContext,
  options: {
    dialogs: DialogService;
    appVersion: string;
    platform: string;
    systemLocale: string;
    dataDir: string;
    templatesDir: string;
    /** The clock: dated file names and views follow it (the tests fix it). */
    now?: () => Date;
    emit?: (event: AppEvent) => void;
  },
): Handlers {
  const now = options.now ?? (() => new Date());
  const { store, evidence, identity, previews, frameworks, institutions, assessments, partnerships, exchange, agreements, inbox, consortium, openedFiles } = core;
  const { dialogs, templatesDir } = options;
  /** Files this session wrote: the only ones "show in folder" may point at. */
  const written = new Set<string>();

  /**
   * Asks where to save, writes the file with progress events, and remembers it for "show in folder".
   * Returns null when the user cancels the dialog.
   */
  const saveAs = async (
    task: string,
    defaultName: string,
    filter: { name: string; extensions: string[] },
    write: (outPath: string, onProgress: (done: number, total: number) => void) => Promise<unknown>,
  ): Promise<{ path: string } | null> => {
    const path = await dialogs.saveFile({ title: t(`dialogs.${task}`), defaultName: safeFileName(defaultName), filters: [filter] });
    if (!path) return null;
    await write(path, (done, total) => options.emit?.({ type: 'progress', task, done, total }));
    written.add(path);
    return { path };
  };
  const word = () => ({ name: t('dialogs.wordFiles'), extensions: ['docx'] });
  const excel = () => ({ name: t('dialogs.excelFiles'), extensions: ['xlsx'] });
  const uiLanguage = (): Language => store.settings.language ?? languageForLocale(options.systemLocale);
  const t = (key: string, params?: Record<string, string | number>) => translate(uiLanguage(), key, params);

  const personalData = () => personalDataOf({ store, assessments });

  const answerSaved = (assessment: Assessment, criterionId: string): AnswerSaved => {
    const answer = assessment.answers[criterionId];
    if (!answer) throw new AppError({ code: 'INTERNAL', message: 'The answer was not stored' });
    return { answer, summary: assessments.summary(assessment.id), updatedAt: assessment.updatedAt };
  };

  const assessmentView = async (id: string, language?: Language): Promise<AssessmentView> => {
    const assessment = await assessments.get(id);
    const framework = assessments.frameworkOf(assessment, language);
    const reviewed = assessment.reviewsAssessmentId ? await assessments.get(assessment.reviewsAssessmentId).catch(() => undefined) : undefined;
    return { assessment, framework, ...(reviewed ? { reviewed } : {}) };
  };

  return {
    'app.info': () => ({
      name: 'TrustBridge',
      version: options.appVersion,
      dataDir: options.dataDir,
      platform: options.platform,
      systemLocale: options.systemLocale,
    }),
    'app.openedFiles': () => openedFiles.take(),
    'settings.get': () => store.settings,
    'settings.update': (patch) => store.updateSettings(patch),
    'store.notices': () => store.notices,
    'store.dismissNotice': async ({ id }) => {
      await store.dismissNotice(id);
      return null;
    },

    'home.overview': ({ today, rows }) =>
      homeOverview({
        assessments: assessments.list(),
        partnerships: partnerships.list(),
        agreements: agreements.list(),
        names: new Map(institutions.list().map((item) => [item.id, item.legalName])),
        today,
        rows,
      }),
    'institutions.getOwn': () => institutions.getOwn(),
    'institutions.saveOwn': (profile) => institutions.saveOwn(profile),
    'institutions.list': () => institutions.list(),
    'institutions.get': ({ id }) => institutions.get(id),
    'institutions.createPartner': (profile) => institutions.createPartner(profile),
    'institutions.updatePartner': ({ id, profile }) => institutions.updatePartner(id, profile),
    'institutions.removePartner': async ({ id }) => {
      await institutions.removePartner(id);
      return null;
    },

    'frameworks.list': () => frameworks.list(),
    'frameworks.get': async ({ key, language }) => ({ item: frameworks.item(key), framework: await frameworks.get(key, language) }),
    'frameworks.clone': (input) => frameworks.clone(input),
    'frameworks.updateDraft': ({ key, framework }) => frameworks.updateDraft(key, framework),
    'frameworks.publish': ({ key }) => frameworks.publish(key),
    'frameworks.removeDraft': async ({ key }) => {
      await frameworks.removeDraft(key);
      return null;
    },
    'frameworks.export': async ({ key, language }) => {
      const item = frameworks.item(key);
      const path = await dialogs.saveFile({
        title: t('dialogs.exportFramework'),
        defaultName: `${item.id}-${item.version}${language ? `-${language}` : ''}.json`,
        filters: [{ name: t('dialogs.frameworkFiles'), extensions: ['json'] }],
      });
      if (!path) return null;
      await frameworks.exportTo(key, path, language);
      written.add(path);
      return { path };
    },
    'frameworks.import': async () => {
      const paths = await dialogs.openFiles({ title: t('dialogs.importFramework'), filters: [{ name: t('dialogs.frameworkFiles'), extensions: ['json'] }], multiple: false });
      const path = paths?.[0];
      return path ? frameworks.importFrom(path) : null;
    },
    'frameworks.diff': ({ olderKey, newerKey, language }) => frameworks.diff(olderKey, newerKey, language),

    'assessments.list': () => assessments.list(),
    'assessments.view': ({ id, language }) => assessmentView(id, language),
    'assessments.create': (input) => assessments.create(input),
    'assessments.startFromPrevious': (input) => assessments.startFromPrevious(input),
    'assessments.previewCarryOver': (input) => assessments.previewCarryOver(input),
    'assessments.saveAnswer': async ({ id, criterionId, patch }) => answerSaved(await assessments.saveAnswer(id, criterionId, patch), criterionId),
    'assessments.rename': async ({ id, title }) => {
      await assessments.rename(id, title);
      return assessments.summary(id);
    },
    'assessments.addEvidenceLink': async ({ id, criterionId, label, url }) =>
      answerSaved(await assessments.addEvidence(id, criterionId, { kind: 'link', label: label.trim(), url }), criterionId),
    'assessments.addEvidenceFiles': async ({ id, criterionId }) => {
      const paths = await dialogs.openFiles({ title: t('dialogs.chooseEvidence'), filters: [], multiple: true });
      if (!paths?.length) return null;
      let latest: Assessment | undefined;
      for (const path of paths) {
        const stored = await evidence.addFile(path);
        const item: NewEvidence = {
          kind: 'file',
          label: '',
          fileName: basename(path).slice(0, 255),
          mediaType: '',
          size: stored.size,
          sha256: stored.sha256,
        };
        latest = await assessments.addEvidence(id, criterionId, item);
      }
      return latest ? answerSaved(latest, criterionId) : null;
    },
    'assessments.removeEvidence': async ({ id, criterionId, evidenceId }) =>
      answerSaved(await assessments.removeEvidence(id, criterionId, evidenceId), criterionId),
    'assessments.openEvidence': async ({ id, criterionId, evidenceId }) => {
      const assessment = await assessments.get(id);
      const item = assessment.answers[criterionId]?.evidence.find((candidate) => candidate.id === evidenceId);
      if (!item || item.kind !== 'file') throw new AppError({ code: 'NOT_FOUND', message: 'This evidence file is no longer attached.' });
      // Checked against its SHA-256 each time it is opened; restored from its second copy if needed.
      const checked = await evidence.check(item.sha256);
      if (checked.state === 'damaged') {
        const setAside = [checked.setAsidePath, checked.copySetAsidePath].filter(Boolean).join(' and ');
        throw new AppError({
          code: 'DAMAGED_FILE',
          message:
            `The stored file ${item.fileName} and its second copy are both missing or no longer match their fingerprint (SHA-256 ${item.sha256.slice(0, 16)}…)` +
            (setAside ? `; the damaged files were set aside as ${setAside}` : '') +
            '. Attach the original file again, or restore a whole backup of the data folder (Settings › All data › Restore a backup into a new folder).',
          params: { fileName: item.fileName, sha256: item.sha256 },
        });
      }
      // Stored files have no name; the OS picks the application by the original file name.
      const folder = join(options.dataDir, '.open', item.sha256.slice(0, 16));
      await mkdir(folder, { recursive: true });
      const copy = join(folder, safeFileName(item.fileName));
      await copyFile(evidence.pathOf(item.sha256), copy);
      await dialogs.openFile(copy);
      return null;
    },
    'assessments.complete': async ({ id }) => {
      await assessments.complete(id);
      return assessments.summary(id);
    },
    'assessments.reopen': async ({ id }) => assessments.summary((await assessments.reopen(id)).id),
    'assessments.remove': async ({ id }) => {
      await assessments.remove(id);
      return null;
    },
    'assessments.revisions': ({ seriesId }) => assessments.revisions(seriesId),
    'assessments.history': async ({ id }) => (await assessments.get(id)).history,

    'partnerships.list': () => partnerships.list(),
    'partnerships.view': async ({ id, language }): Promise<PartnershipView> => {
      const partnership = await partnerships.get(id);
      const linked: PartnershipView['assessments'] = {};
      for (const [slot, assessmentId] of Object.entries(partnership.assessments) as Array<[keyof PartnershipView['assessments'], string | undefined]>) {
        if (assessmentId) {
          const assessment = await assessments.get(assessmentId).catch(() => undefined);
          if (assessment) linked[slot] = assessment;
        }
      }
      const first = Object.values(linked)[0];
      return {
        partnership,
        institutionA: await institutions.get(partnership.institutionA),
        institutionB: await institutions.get(partnership.institutionB),
        assessments: linked,
        framework: first ? assessments.frameworkOf(first, language) : null,
      };
    },
    'partnerships.create': (input) => partnerships.create(input),
    'partnerships.link': ({ id, slot, assessmentId }) => partnerships.link(id, slot, assessmentId),
    'partnerships.decide': ({ id, outcome, rationale }) => partnerships.decide(id, { outcome, rationale }),
    'partnerships.saveAction': ({ id, action }) => partnerships.saveAction(id, action),
    'partnerships.removeAction': ({ id, actionId }) => partnerships.removeAction(id, actionId),
    'partnerships.remove': async ({ id }) => {
      await partnerships.remove(id);
      return null;
    },

    'agreements.list': () => agreements.list(),
    'agreements.forPartnership': async ({ id }) => agreements.forPartnership(await partnerships.get(id)),
    'agreements.view': ({ id }) => agreements.view(id),
    'agreements.create': async (input) => {
      const created = await agreements.create(input);
      return store.summary(agreements.kind, created.id)!;
    },
    'agreements.update': async ({ id, edit }) => {
      await agreements.update(id, edit);
      return agreements.view(id);
    },
    'agreements.refreshConditions': async ({ id }) => {
      await agreements.refreshConditions(id);
      return agreements.view(id);
    },
    'agreements.amend': async ({ id }) => {
      await agreements.amend(id);
      return agreements.view(id);
    },
    'agreements.sign': async ({ id }) => {
      await agreements.sign(id);
      return agreements.view(id);
    },
    'agreements.exportFile': async ({ id }) => {
      // Refused before the dialog when there is nothing signed to send.
      const bytes = await agreements.exchangeFile(id);
      const agreement = await agreements.get(id);
      return saveAs('exportExchange', `${agreement.content.title}.trustbridge`, { name: t('dialogs.exchangeFiles'), extensions: ['trustbridge'] }, async (outPath, onProgress) => {
        onProgress(0, 1);
        await writeFileDurably(outPath, bytes);
        onProgress(1, 1);
      });
    },
    'agreements.exportWord': async ({ id, language }) => {
      const agreement = await agreements.get(id);
      const framework = frameworks.byRef(agreement.content.framework, language) ?? frameworks.byRef(agreement.content.framework);
      return saveAs('exportAgreement', `${agreement.content.title}.docx`, word(), (outPath, onProgress) =>
        exportAgreement({ agreement, templatesDir, language, outPath, onProgress, ...(framework ? { framework } : {}) }),
      );
    },
    'agreements.remove': async ({ id }) => {
      await agreements.remove(id);
      return null;
    },

    'exports.assessmentReport': async ({ id, language }) => {
      const summary = assessments.summary(id);
      return saveAs('exportReport', `${summary.title}.docx`, word(), (outPath, onProgress) =>
        exportAssessmentReport({ core, templatesDir, language, id, outPath, onProgress, appVersion: options.appVersion }),
      );
    },
    'exports.readinessReport': async ({ id, language }) => {
      const partnership = await partnerships.get(id);
      return saveAs('exportReport', `${partnership.title}.docx`, word(), (outPath, onProgress) =>
        exportReadinessReport({ core, templatesDir, language, id, outPath, onProgress, appVersion: options.appVersion }),
      );
    },
    'exports.brief': async ({ id, language }) => {
      const partnership = await partnerships.get(id);
      return saveAs('exportReport', `${partnership.title} — brief.docx`, word(), (outPath, onProgress) =>
        exportBrief({ core, templatesDir, language, id, outPath, onProgress, appVersion: options.appVersion }),
      );
    },
    'exports.workbook': async ({ id, language, of }) => {
      const title = of === 'assessment' ? assessments.summary(id).title : (await partnerships.get(id)).title;
      return saveAs('exportWorkbook', `${title}.xlsx`, excel(), (outPath, onProgress) =>
        exportAssessmentWorkbook({ core, templatesDir, language, id, outPath, onProgress, appVersion: options.appVersion }),
      );
    },
    'exports.questionnaire': async ({ partnerId, frameworkKey, language }) => {
      const partner = await institutions.get(partnerId);
      return saveAs('exportQuestionnaire', `${t('dialogs.questionnaireName', { name: partner.legalName })}.xlsx`, excel(), (outPath, onProgress) =>
        exportQuestionnaire({ core, templatesDir, language, institutionId: partnerId, frameworkKey, outPath, onProgress }),
      );
    },
    'imports.questionnairePreview': async () => {
      const paths = await dialogs.openFiles({ title: t('dialogs.importQuestionnaire'), filters: [excel()], multiple: false });
      const path = paths?.[0];
      if (!path) return null;
      const preview = await previewQuestionnaire({ core, path });
      const token = keepQuestionnairePreview(previews, preview);
      return {
        token,
        fileName: preview.fileName,
        framework: {
          title: preview.framework.title,
          version: preview.framework.version,
          match: preview.framework.match,
          madeFor: preview.framework.madeFor ? { id: preview.framework.madeFor.id, version: preview.framework.madeFor.version } : null,
        },
        subject: { legalName: preview.subject.legalName },
        respondent: preview.respondent,
        problems: preview.problems.map((problem) => ({
          row: problem.row ?? null,
          column: problem.column ?? null,
          severity: problem.severity,
          code: problem.code,
          params: problem.params,
          problem: problem.problem,
          whatToDo: problem.whatToDo,
        })),
        canAccept: preview.canAccept,
        counts: preview.counts,
        score: {
          overall: preview.score.overall.raw,
          band: preview.score.band,
          complete: preview.score.complete,
          answered: preview.score.answered,
          total: preview.score.total,
        },
      };
    },
    'imports.questionnaireAccept': async ({ token }) => {
      const stored = await acceptQuestionnairePreview({ core, previews, token });
      return assessments.summary(stored.id);
    },
    'keys.status': () => identity.keyStatus(),
    'keys.create': ({ passphrase }) => identity.createKey(passphrase),
    'keys.unlock': ({ passphrase }) => identity.unlock(passphrase),
    'keys.replace': ({ passphrase }) => identity.replaceKey(passphrase),
    'keys.exportPublic': async () => {
      const own = await institutions.getOwn();
      return saveAs('exportPublicKey', `${own?.legalName ?? 'TrustBridge'} public key.json`, { name: t('dialogs.keyFiles'), extensions: ['json'] }, (outPath) => {
        if (!own) throw new AppError({ code: 'CONFLICT', message: 'Create your own institution’s profile first.' });
        return identity.exportPublicKey(outPath, own);
      });
    },
    'keys.backup': async ({ passphrase }) =>
      saveAs('backupKey', 'TrustBridge signing key backup.tbkey', { name: t('dialogs.keyBackups'), extensions: ['tbkey'] }, (outPath) => identity.backupKey(outPath, passphrase)),
    'keys.restore': async ({ backupPassphrase, newPassphrase }) => {
      const paths = await dialogs.openFiles({ title: t('dialogs.restoreKey'), filters: [{ name: t('dialogs.keyBackups'), extensions: ['tbkey'] }], multiple: false });
      const path = paths?.[0];
      return path ? identity.restoreKey(path, backupPassphrase, newPassphrase) : null;
    },
    'partnerKeys.list': () =>
      identity.partnerIssuers().map((issuer) => ({
        exchangeId: issuer.exchangeId,
        institutionName: issuer.institutionName,
        keys: issuer.keys.map((key) => ({
          fingerprint: key.fingerprint,
          displayFingerprint: fingerprintForDisplay(key.fingerprint),
          verificationCode: verificationCode(key.fingerprint),
          status: key.status,
          firstSeen: key.firstSeen,
          lastSeen: key.lastSeen,
          source: key.source,
        })),
        events: issuer.events.map((event) => ({ at: event.at, kind: event.kind, fingerprint: event.fingerprint, by: event.by })),
      })),
    'partnerKeys.confirm': async ({ exchangeId, fingerprint }) => {
      await identity.confirmPartnerKey(exchangeId, fingerprint, { by: store.settings.userName });
      return null;
    },

    'exchange.export': async ({ assessmentIds, partnershipIds }) => {
      // Ask for the passphrase (if needed) before asking where to save.
      identity.assertUnlocked();
      const first = assessmentIds?.[0] ? assessments.summary(assessmentIds[0]).title : partnershipIds?.[0] ? (await partnerships.get(partnershipIds[0])).title : 'TrustBridge';
      const count = (assessmentIds?.length ?? 0) + (partnershipIds?.length ?? 0);
      const name = count > 1 ? t('dialogs.exchangeName', { count }) : first;
      return saveAs('exportExchange', `${name}.trustbridge`, { name: t('dialogs.exchangeFiles'), extensions: ['trustbridge'] }, async (outPath, onProgress) => {
        onProgress(0, 2);
        const bytes = await exchange.exportItems({ ...(assessmentIds ? { assessmentIds } : {}), ...(partnershipIds ? { partnershipIds } : {}) });
        onProgress(1, 2);
        await writeFileDurably(outPath, bytes);
        onProgress(2, 2);
      });
    },
    'exchange.previewFiles': async ({ paths }) => {
      const chosen =
        paths ??
        (await dialogs.openFiles({ title: t('dialogs.importExchange'), filters: [{ name: t('dialogs.exchangeFiles'), extensions: ['trustbridge'] }], multiple: true }));
      if (!chosen?.length) return null;
      return exchange.preview(chosen, (done, total) => options.emit?.({ type: 'progress', task: 'importExchange', done, total }));
    },
    'exchange.previewFolder': async () => {
      const folder = await dialogs.openFolder({ title: t('dialogs.importFolder') });
      if (!folder) return null;
      const files = await exchange.filesIn(folder);
      return exchange.preview(files, (done, total) => options.emit?.({ type: 'progress', task: 'importExchange', done, total }));
    },
    'exchange.acceptChangedKey': ({ token }) => exchange.acceptChangedKey(token),
    'exchange.apply': ({ tokens }) => exchange.apply(tokens),

    'consortium.model': ({ language, today }) => consortium.model(language, today),
    'consortium.exportWorkbook': async ({ language, today }) =>
      saveAs('exportWorkbook', `${t('dialogs.consortiumName')} ${today}.xlsx`, excel(), async (outPath, onProgress) =>
        exportConsortiumWorkbook({ model: await consortium.model(language, today), templatesDir, language, outPath, onProgress, ...(store.settings.userName ? { preparedBy: store.settings.userName } : {}) }),
      ),
    'consortium.exportSummary': async ({ language, today }) =>
      saveAs('exportReport', `${t('dialogs.consortiumName')} ${today}.docx`, word(), async (outPath, onProgress) =>
        exportConsortiumSummary({ model: await consortium.model(language, today), templatesDir, language, outPath, onProgress, appVersion: options.appVersion }),
      ),
    'inbox.view': () => inbox.view(),
    'inbox.chooseFolder': async () => {
      const folder = await dialogs.openFolder({ title: t('dialogs.chooseSharedFolder') });
      return folder ? inbox.setFolder(folder) : null;
    },
    'inbox.clearFolder': () => inbox.setFolder(null),
    'inbox.check': () => inbox.scan(),
    'inbox.accept': ({ sha256 }) => inbox.accept(sha256),
    'inbox.acceptAll': () => inbox.acceptAll((done, total) => options.emit?.({ type: 'progress', task: 'importExchange', done, total })),
    'inbox.refuse': ({ sha256 }) => inbox.refuse(sha256),
    'inbox.acceptChangedKey': ({ sha256 }) => inbox.acceptChangedKey(sha256),
    'exchange.publish': async ({ assessmentIds, partnershipIds }) => {
      identity.assertUnlocked();
      const first = assessmentIds?.[0] ? assessments.summary(assessmentIds[0]).title : partnershipIds?.[0] ? (await partnerships.get(partnershipIds[0])).title : 'TrustBridge';
      const own = await institutions.getOwn();
      const bytes = await exchange.exportItems({ ...(assessmentIds ? { assessmentIds } : {}), ...(partnershipIds ? { partnershipIds } : {}) });
      const path = await inbox.publish(`${own?.legalName ?? 'TrustBridge'} - ${first} - ${now().toISOString().slice(0, 10)}`, bytes);
      written.add(path);
      return { path };
    },
    'agreements.publish': async ({ id }) => {
      const bytes = await agreements.exchangeFile(id);
      const agreement = await agreements.get(id);
      const signedBy = agreement.signatures.length > 1 ? 'countersigned' : 'signed';
      const path = await inbox.publish(`${agreement.content.title} - ${signedBy} - ${now().toISOString().slice(0, 10)}`, bytes);
      written.add(path);
      return { path };
    },
    'data.backup': async () => {
      let files = 0;
      const result = await saveAs('backupData', backupFileName(now()), { name: t('dialogs.backupFiles'), extensions: ['zip'] }, async (outPath, onProgress) => {
        files = (await backupStore(options.dataDir, outPath, onProgress, { appVersion: options.appVersion })).files;
      });
      return result ? { path: result.path, files } : null;
    },
    'data.restore': async () => {
      const archives = await dialogs.openFiles({ title: t('dialogs.restoreData'), filters: [{ name: t('dialogs.backupFiles'), extensions: ['zip'] }], multiple: false });
      const archive = archives?.[0];
      if (!archive) return null;
      const folder = await dialogs.openFolder({ title: t('dialogs.restoreDataInto') });
      if (!folder) return null;
      const restored = await restoreStore(archive, folder, (done, total) => options.emit?.({ type: 'progress', task: 'restoreData', done, total }));
      written.add(restored.dataDir);
      return { dataDir: restored.dataDir, files: restored.files };
    },
    'personalData.list': async () =>
      (await personalData().list()).map((person) => ({
        key: person.key,
        name: person.name,
        emails: person.emails,
        categories: person.categories,
        places: person.places.length,
        documents: [...new Set(person.places.map((place) => place.documentTitle))].slice(0, 20),
      })),
    'personalData.export': async () =>
      saveAs('exportPersonalData', `${t('dialogs.personalDataName')}.json`, { name: t('dialogs.jsonFiles'), extensions: ['json'] }, (outPath) => personalData().exportTo(outPath)),
    'personalData.erase': async ({ key }) => {
      const result = await personalData().erase(key);
      return { placesChanged: result.placesChanged, documentsChanged: result.documentsChanged, copiesChanged: result.copiesChanged, remainingCopies: result.remainingCopies };
    },
    'files.showInFolder': ({ path }) => {
      if (!written.has(path)) throw new AppError({ code: 'NOT_FOUND', message: 'TrustBridge only shows files it saved in this session.' });
      dialogs.showInFolder(path);
      return null;
    },

    ...teamHandlers(core, { dialogs, templatesDir, t, saveAs }),
  };
}

/** A file name safe on every OS: no folders, no reserved characters. */
function safeFileName(name: string): string {
  // Control characters are exactly what must go, hence the range in the pattern.
  // eslint-disable-next-line no-control-regex
  const cleaned = basename(name).replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').trim();
  return cleaned.length ? cleaned.slice(0, 200) : 'evidence';
}
