import { fetchQuery } from '@/api/client'
import type { ApiResult } from '@/contracts/result'
import { useQueryWith } from '@/data'
import type { BadgeSource } from '@/domains'

/** the key a count is known by: two entries may share one count action */
export const badgeKey = (b: BadgeSource) => `${b.fn}.${b.action}`

// BadgeSource admits only actions answering {count}; every one of them is a query (the authz matrix test holds
// each query to writing nothing), but TypeScript cannot follow that through the union of (function, action) pairs.
export const countOf = (b: BadgeSource) => (fetchQuery as (fn: string, action: string) => Promise<ApiResult<{ count: number }>>)(b.fn, b.action)

/** A live count for a manifest entry (未读 3), asked again whenever the page shows; null until known. */
export function useBadge(source: BadgeSource | undefined): number | null {
  const q = useQueryWith(() => countOf(source!), [source?.fn, source?.action], { enabled: !!source, pullToRefresh: false })
  return q.data?.count ?? null
}
