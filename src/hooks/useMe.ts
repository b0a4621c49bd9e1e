import { fetchQuery } from '@/api/client'
import { getToken } from '@/api/session'
import type { ApiError, ApiResult } from '@/contracts/result'
import { STAFF_ROLES, type Me, type Role } from '@/contracts/roles'
import { useQueryWith, type Query } from '@/data'

// Shared across pages so switching tabs or opening a gated page does not ask again; keyed by token so a persona
// switch asks again. Identity changes only by a grant, which the person sees after a reload of the app.
let cache: { token: string; me: Me } | null = null
let inflight: { token: string; promise: Promise<ApiResult<Me>> } | null = null

function fetchMe(): Promise<ApiResult<Me>> {
  const token = getToken()
  if (cache && cache.token === token) return Promise.resolve({ ok: true, data: cache.me })
  if (!inflight || inflight.token !== token) {
    const promise = fetchQuery('account', 'me').then((res) => {
      if (res.ok) cache = { token, me: res.data }
      return res
    })
    inflight = { token, promise }
    void promise.finally(() => {
      if (inflight?.promise === promise) inflight = null
    })
  }
  return inflight.promise
}

export function hasAnyRole(me: Me | null, roles: Role[]): boolean {
  return !!me && me.roles.some((r) => roles.includes(r))
}

export function isStaffLike(me: Me | null): boolean {
  return hasAnyRole(me, STAFF_ROLES)
}

interface MeState {
  me: Me | null
  error: ApiError | null
  loading: boolean
  reload: () => Promise<void>
  query: Query<Me>
}

/** The signed-in person (name, roles, orgs) through the page layer, cached between pages. */
export function useMe(): MeState {
  const cached = cache && cache.token === getToken() ? cache.me : undefined
  const query = useQueryWith(fetchMe, [], { initialData: cached, pullToRefresh: false })
  const { state } = query
  return {
    me: query.data ?? null,
    error: state.kind === 'error' ? state.error : null,
    loading: state.kind === 'loading',
    reload: () => {
      cache = null
      return query.reload()
    },
    query,
  }
}
