/**
 * electron-builder afterPack hook: sets Electron's fuses on the packaged binary (Electron's
 * security checklist, "check which fuses you can change"): no ELECTRON_RUN_AS_NODE, no
 * NODE_OPTIONS, no --inspect, the app only from its asar, with the asar's integrity checked
 * where the platform supports it, cookies encrypted, and no extra privileges for file://.
 *
 * A stand-in Electron (used by the packaging test where Electron's binary cannot be downloaded)
 * has no fuse wire to flip; the hook says so and goes on.
 */
const { join } = require('node:path');
const { existsSync, readFileSync } = require('node:fs');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

exports.default = async function afterPack(context) {
  const name = context.packager.appInfo.productFilename;
  const platform = context.electronPlatformName;
  const executable =
    platform === 'darwin'
      ? join(context.appOutDir, `${name}.app`)
      : join(context.appOutDir, platform === 'win32' ? `${name}.exe` : context.packager.executableName ?? name);
  const binary = platform === 'darwin' ? join(executable, 'Contents', 'MacOS', name) : executable;
  if (!existsSync(binary) || !readFileSync(binary).includes('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX')) {
    console.warn(`  • after-pack: ${binary} is not a real Electron binary (no fuse wire); fuses not set`);
    return;
  }
  await flipFuses(executable, {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: platform === 'darwin',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  });
};
