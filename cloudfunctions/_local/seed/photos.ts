import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { FileStorage } from '../../_core/files'
import type { Store } from '../../_core/store/port'
import type { StationPhotoRecord } from '../../stations/model'

/** The demo station nearest 乐陵 centre, so the first station a courier opens in `npm start` has photos. */
const PHOTO_STATION = 'st-abc'
const FILES = ['entrance.jpg', 'inside.jpg']

/** Next to this file in the source tree; the bundled gateway runs from the repository root. */
function photosDir(): string | null {
  return [join(__dirname, 'photos'), resolve('cloudfunctions/_local/seed/photos')].find((d) => existsSync(d)) ?? null
}

/** Stores the demo photos (drawn by scripts/seed-photos.mjs) and files them under one station, as addPhoto would. */
export async function seedStationPhotos(store: Store, files: FileStorage, now: Date): Promise<void> {
  const dir = photosDir()
  if (!dir) return
  const photos: StationPhotoRecord[] = []
  for (const [i, name] of FILES.entries()) {
    const id = `ph_demo${i + 1}`
    const fileId = await files.put(`stations/${PHOTO_STATION}/${id}.jpg`, readFileSync(join(dir, name)))
    photos.push({ id, fileId, uploadedBy: 'demo-staff', at: now.toISOString() })
  }
  await store.update('stations', { _id: PHOTO_STATION }, { set: { photos } })
}
