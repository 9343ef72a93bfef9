/**
 * Says, before `npm run dist` packs anything, whether this machine's installers will be signed and
 * (on macOS) notarised. electron-builder reads the same environment variables; this only makes
 * the answer plain, so an unsigned build is never mistaken for a release. Nothing is read from
 * or written to the keychain here.
 *
 * macOS: CSC_LINK + CSC_KEY_PASSWORD (a Developer ID Application .p12) or CSC_NAME (that
 *   certificate in the keychain) sign; APPLE_API_KEY + APPLE_API_KEY_ID + APPLE_API_ISSUER, or
 *   APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID, or APPLE_KEYCHAIN_PROFILE notarise.
 * Windows: CSC_LINK (or WIN_CSC_LINK) + CSC_KEY_PASSWORD (or WIN_CSC_KEY_PASSWORD) sign.
 * Linux packages are not signed.
 */
type Env = Record<string, string | undefined>;

export function signingPlan(platform: string, env: Env): string[] {
  const has = (...names: string[]) => names.every((name) => Boolean(env[name]));
  if (platform === 'darwin') {
    const signs = has('CSC_LINK', 'CSC_KEY_PASSWORD') || has('CSC_NAME');
    const notarises = has('APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') || has('APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID') || has('APPLE_KEYCHAIN_PROFILE');
    if (!signs) {
      return [
        'macOS: UNSIGNED. Gatekeeper will refuse to open the app until the user allows it in System Settings.',
        'To sign, set CSC_LINK and CSC_KEY_PASSWORD (a Developer ID Application certificate) or CSC_NAME; to notarise, also set APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER (or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID).',
      ];
    }
    return notarises
      ? ['macOS: signed with the Developer ID certificate and notarised by Apple.']
      : ['macOS: signed but NOT notarised: Gatekeeper will warn. Set APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER (or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID) to notarise.'];
  }
  if (platform === 'win32') {
    const signs = (has('CSC_LINK') || has('WIN_CSC_LINK')) && (has('CSC_KEY_PASSWORD') || has('WIN_CSC_KEY_PASSWORD'));
    return signs
      ? ['Windows: the installer is signed.']
      : ['Windows: UNSIGNED. SmartScreen will warn. To sign, set CSC_LINK and CSC_KEY_PASSWORD (or WIN_CSC_LINK and WIN_CSC_KEY_PASSWORD).'];
  }
  return ['Linux: AppImage and .deb are not signed (as usual for both).'];
}

if (process.argv[1]?.endsWith('signing.ts')) {
  for (const line of signingPlan(process.platform, process.env)) console.log(`  • ${line}`);
}
