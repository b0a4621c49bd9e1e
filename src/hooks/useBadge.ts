import { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { call } from '@/api/client'
import type { ApiResult } from '@/contracts/result'
import type { BadgeSource } from '@/domains'

// BadgeSource admits only actions answering {count}; TypeScript cannot follow that through a union of
// (function, action) pairs, so the call is typed here once.
const countOf = (b: BadgeSource) => (call as (fn: string, action: string) => Promise<ApiResult<{ count: number }>>)(b.fn, b.action)

/** A live count for a manifest entry (待审核 3), refreshed whenever the page shows again. */
export function useBadge(source: BadgeSource | undefined): number | null {
  const [count, setCount] = useState<number | null>(null)
  const load = () => {
    if (!source) return
    void countOf(source).then((res) => setCount(res.ok ? res.data.count : null))
  }
  useEffect(load, [source?.fn, source?.action])
  useDidShow(load)
  return count
}
