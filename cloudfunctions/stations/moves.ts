import type { StationMove } from '../../src/contracts/stations/schemas'
import type { StationDoc } from './model'

/** Enough to show where a mobile station has been this year and last; older places are dropped first. */
const MAX_MOVES = 30

/**
 * When a save changes the station's place (address or coordinates), the place it leaves goes on top of its
 * history. The new `location` itself is written with the rest of the save: both adapters re-index a document
 * whose `location` is set (SQLite's R*Tree row, CloudBase's geo point), so nearest finds it at the new place only.
 */
export function locationChange(
  existing: Pick<StationDoc, 'address' | 'location' | 'moves'>,
  next: { address: string; lat: number; lng: number },
  now: Date,
): { moves?: StationMove[] } {
  const same = existing.address === next.address && existing.location.lat === next.lat && existing.location.lng === next.lng
  if (same) return {}
  const left: StationMove = { address: existing.address, lat: existing.location.lat, lng: existing.location.lng, until: now.toISOString() }
  return { moves: [left, ...(existing.moves ?? [])].slice(0, MAX_MOVES) }
}
