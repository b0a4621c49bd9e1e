/** A Beijing calendar day as 2026年11月23日. */
export function longDay(day: string): string {
  const [y, m, d] = day.split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}
