import type { ApiResult } from '@/contracts/result'
import type { Role } from '@/contracts/roles'
import { useQueryWith, type Query } from '@/data'
import { todoText, workbenchTiles, type WorkbenchTile } from '@/domains'
import { badgeKey, countOf } from './useBadge'

export { badgeKey }

interface Todo {
  tile: WorkbenchTile
  count: number
  /** the 待办 line: the tile's `todo` with the count in it, else 「入会审核 3 项」 */
  text: string
}

export interface Todos {
  /** every badged tile this person sees with its count (0 included), in manifest order */
  counts: Todo[]
  /** the ones with something waiting */
  open: Todo[]
  /** how many things wait in all, for the home page's 工作台 card */
  total: number
}

/**
 * What waits for this person, from the count actions the manifest's 工作台 tiles declare: one request per count,
 * all at once. A count that fails (one service down) is left out rather than failing the rest; only when every one
 * fails is it an error. It waits while `roles` is undefined (the person not known yet).
 */
export function useTodos(roles: readonly Role[] | undefined): Query<Todos> {
  const tiles = roles ? workbenchTiles(roles).filter((t) => t.badge) : []
  const sources = [...new Map(tiles.map((t) => [badgeKey(t.badge!), t.badge!])).values()]
  const key = sources.map(badgeKey).join(',')

  return useQueryWith<Todos>(
    async () => {
      const answers = await Promise.all(sources.map(async (s) => [badgeKey(s), await countOf(s)] as const))
      const failed = answers.find(([, r]) => !r.ok)
      if (failed && answers.every(([, r]) => !r.ok)) return failed[1] as ApiResult<never>
      const byKey = new Map(answers.flatMap(([k, r]) => (r.ok ? [[k, r.data.count] as const] : [])))
      const counts = tiles
        .filter((t) => byKey.has(badgeKey(t.badge!)))
        .map((t) => {
          const count = byKey.get(badgeKey(t.badge!))!
          return { tile: t, count, text: todoText(t, count) }
        })
      const open = counts.filter((c) => c.count > 0)
      return { ok: true, data: { counts, open, total: open.reduce((n, c) => n + c.count, 0) } }
    },
    [key],
    { enabled: roles !== undefined },
  )
}
