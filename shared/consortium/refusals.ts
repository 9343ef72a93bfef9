/**
 * Why a file of a consortium folder was refused, as a kind with a translated label (report texts
 * `consortium.refusal.<kind>`, the same names in the interface): verifyExchangeFile's error codes,
 * plus `EMPTY` and `UNREADABLE` for files that could not be read at all and `NOT_ON_ROSTER` for
 * files signed with a key the consortium's roster does not list. Anything else is `other`;
 * the refusal's own message always says the detail.
 */
export const refusalKinds = ['EMPTY', 'UNREADABLE', 'FILE_TOO_LARGE', 'INVALID_FILE', 'NEWER_VERSION', 'SIGNATURE_INVALID', 'KEY_CHANGED', 'NOT_ON_ROSTER', 'other'] as const;
type RefusalKind = (typeof refusalKinds)[number];

export function refusalKind(code: string): RefusalKind {
  return (refusalKinds as readonly string[]).includes(code) ? (code as RefusalKind) : 'other';
}
