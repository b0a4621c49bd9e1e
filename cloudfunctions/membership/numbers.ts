import type { Store } from '../_core/store/port'

/**
 * 会员编号: the county's 6-digit administrative code, the year of joining, a 6-digit sequence —
 * 3714812026000001. Allocated inside the approving transaction, so two approvals never share one.
 */
export async function nextMemberNo(tx: Store, regionCode: string, year: number): Promise<string> {
  const id = `member-no-${regionCode}-${year}`
  const counter = await tx.get<{ _id: string; n: number }>('counters', id)
  const n = (counter?.n ?? 0) + 1
  if (counter) await tx.update('counters', { _id: id }, { set: { n } })
  else await tx.insert('counters', { _id: id, n })
  return `${regionCode}${year}${String(n).padStart(6, '0')}`
}
