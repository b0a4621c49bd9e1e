/**
 * How names are compared wherever a name is a key (employer routing keys, org and 街道 names): people write
 * 「泰山体育产业集团有限公司」, 「泰山体育 产业集团（有限公司）」…, so spaces, bracket styles and letter case do not count.
 * Shared by the form (duplicate aliases) and the server (routing keys), so both agree on what is "the same name".
 */
export function normalizeName(name: string): string {
  return name.replace(/\s+/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')').toLowerCase()
}

/** Several names in one cell or box: 「泰山体育|泰山集团」, 「泰山体育、泰山集团」, one per line… */
export function splitNames(text: string): string[] {
  return text
    .split(/[|｜、,，;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
}
