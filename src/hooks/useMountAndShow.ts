import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef } from 'react'

/**
 * Runs `load` when the component mounts and again whenever the page shows later (back from another page), the
 * way useLoader does. A page opened cold (from a shared card or a scanned code) shows once, before a RoleGate
 * child mounts: a child that loaded only in useDidShow or useLoad would stay on 「正在加载…」 for good.
 */
export function useMountAndShow(load: () => void): void {
  const latest = useRef(load)
  latest.current = load
  const mounted = useRef(false)
  useEffect(() => {
    mounted.current = true
    latest.current()
  }, [])
  useDidShow(() => {
    // The first show comes before the mount's effect (or before the component existed); later ones load again.
    if (mounted.current) latest.current()
  })
}
