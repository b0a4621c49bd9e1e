import { useCallback, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { ApiError, ApiResult } from '@/contracts/result'
import { STAFF_ROLES, type Me, type Role } from '@/contracts/roles'
import { call } from '@/api/client'
import { ensureSignedIn, getToken } from '@/api/session'

// Shared across pages so switching tabs does not refetch; keyed by token so a persona switch refetches.
let cache: { token: string; me: Me } | null = null
let inflight: { token: string; promise: Promise<ApiResult<Me>> } | null = null

function fetchMe(token: string) {
  if (!inflight || inflight.token !== token) {
    const promise = call('account', 'me')
    inflight = { token, promise }
    promise.finally(() => {
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

export function useMe() {
  const [me, setMe] = useState<Me | null>(cache?.me ?? null)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(!cache)

  const load = useCallback(async (force: boolean) => {
    if (!ensureSignedIn()) return
    const token = getToken()
    if (!force && cache && cache.token === token) {
      setMe(cache.me)
      setLoading(false)
      return
    }
    setLoading(true)
    setError(null)
    const res = await fetchMe(token)
    if (res.ok) {
      cache = { token, me: res.data }
      setMe(res.data)
    } else {
      setError(res.error)
    }
    setLoading(false)
  }, [])

  useDidShow(() => {
    void load(false)
  })

  return { me, error, loading, reload: () => load(true) }
}
