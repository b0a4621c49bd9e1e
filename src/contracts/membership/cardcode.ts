/**
 * The membership card's short code (核验码): 8 characters of Crockford base32 that a member reads out or copies
 * when a QR cannot be scanned (the H5 verifier has no camera). The alphabet has no I, L, O or U, so what is
 * misheard or mistyped as one of them is read as the digit it looks like. Shared by the card page, the verify
 * page and the function, so all three agree on what a code looks like.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const CODE_LENGTH = 8

/** Upper-cases, drops spaces and dashes, and reads O as 0 and I/L as 1. */
export function normalizeCardCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-－—_]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
}

/** Whether `input` (as typed) is a short code rather than a scanned QR payload. */
export function isCardCode(input: string): boolean {
  const c = normalizeCardCode(input)
  return c.length === CODE_LENGTH && [...c].every((ch) => CODE_ALPHABET.includes(ch))
}

/** ABCD-EFGH: two groups of four are easier to read out. */
export function formatCardCode(code: string): string {
  return code.length === CODE_LENGTH ? `${code.slice(0, 4)}-${code.slice(4)}` : code
}

/** 4:32 */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}
