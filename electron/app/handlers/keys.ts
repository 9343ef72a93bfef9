/** The own signing key (create, unlock, replace, back up, restore) and the partners' keys. */
import { AppError } from '../../../shared/errors';
import type { AreaHandlers, HandlerContext, HandlerTools } from './tools';

export function keyHandlers(core: HandlerContext, tools: HandlerTools): AreaHandlers<'keys'> & AreaHandlers<'partnerKeys'> {
  const { identity, institutions, store } = core;
  const { dialogs, t, saveAs } = tools;
  const keyBackups = () => ({ name: t('dialogs.keyBackups'), extensions: ['tbkey'] });
  return {
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
      saveAs('backupKey', 'TrustBridge signing key backup.tbkey', keyBackups(), (outPath) => identity.backupKey(outPath, passphrase)),
    'keys.restore': async ({ backupPassphrase, newPassphrase }) => {
      const paths = await dialogs.openFiles({ title: t('dialogs.restoreKey'), filters: [keyBackups()], multiple: false });
      const path = paths?.[0];
      return path ? identity.restoreKey(path, backupPassphrase, newPassphrase) : null;
    },
    'partnerKeys.list': () => identity.partnerKeysView(),
    'partnerKeys.confirm': async ({ exchangeId, fingerprint }) => {
      await identity.confirmPartnerKey(exchangeId, fingerprint, { by: store.settings.userName });
      return null;
    },
  };
}
