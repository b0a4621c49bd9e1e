import { useCallback, useRef, useState } from 'react'
import type { ApiError } from '@/contracts/result'
import type { AmenityKey } from '@/contracts/stations/amenities'
import type { StationSummary } from '@/contracts/stations/schemas'
import { nearby, searchStations } from '../shared/api'

export interface Origin {
  lat: number
  lng: number
  /** '当前位置' or the chosen area's name */
  label: string
  fromGps: boolean
}

export interface Filters {
  amenities: AmenityKey[]
  openNow: boolean
  radiusKm: number
}

export type Results =
  { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ok'; items: StationSummary[]; radiusKm?: number }

/** Runs nearby / search calls and drops answers that arrive after a newer request was made. */
export function useStationQuery() {
  const [results, setResults] = useState<Results>({ status: 'idle' })
  const seq = useRef(0)

  const run = useCallback(async (request: () => ReturnType<typeof nearby> | ReturnType<typeof searchStations>) => {
    const mine = ++seq.current
    setResults({ status: 'loading' })
    const res = await request()
    if (mine !== seq.current) return
    if (res.ok) {
      const data = res.data as { items: StationSummary[]; radiusKm?: number }
      setResults({ status: 'ok', items: data.items, radiusKm: data.radiusKm })
    } else {
      setResults({ status: 'error', error: res.error })
    }
  }, [])

  const loadNearby = useCallback(
    (origin: Origin, filters: Filters) =>
      run(() => nearby({ lat: origin.lat, lng: origin.lng, radiusKm: filters.radiusKm, amenities: filters.amenities, openNow: filters.openNow })),
    [run],
  )

  const loadSearch = useCallback((keyword: string, origin: Origin | null) => run(() => searchStations(keyword, origin)), [run])

  const reset = useCallback(() => {
    seq.current++
    setResults({ status: 'idle' })
  }, [])

  return { results, loadNearby, loadSearch, reset }
}
