import { MAX_STATION_PHOTOS, type StationPhoto, type StationPhotos } from '../../src/contracts/stations/schemas'
import type { stationsApi } from '../../src/contracts/stations/api'
import type { Ctx, Implementation } from '../_core/contract'
import { conflict, forbidden, invalid, notFound } from '../_core/errors'
import { newId } from '../_core/ids'
import { sniff } from '../_core/sniff'
import { ownUpload } from '../_core/uploads'
import type { Store, Where } from '../_core/store/port'
import { canEditStation } from './access'
import type { StationDoc, StationPhotoRecord } from './model'

const STATIONS = 'stations'
/** Long enough to look at a page of photos, short enough that a copied link soon stops working. */
const PHOTO_LINK_TTL_SEC = 3600
const FULL = `最多 ${MAX_STATION_PHOTOS} 张照片，请先删除一张`
const IMAGE_TYPES = ['jpg', 'png', 'webp']

/** Stations saved before photos were files hold a list of link strings (always empty in practice): skipped. */
function photoRecords(doc: Pick<StationDoc, 'photos'>): StationPhotoRecord[] {
  return (doc.photos ?? []).filter((p): p is StationPhotoRecord => typeof p === 'object' && p !== null && typeof p.fileId === 'string')
}

/**
 * Links for a station's photos in one storage call. A failure leaves the photos out rather than the page: the
 * detail is how a courier finds the door, the photos only help.
 */
export async function photoLinks(ctx: Ctx, doc: Pick<StationDoc, '_id' | 'photos'>): Promise<StationPhoto[]> {
  const records = photoRecords(doc)
  if (!records.length) return []
  try {
    const urls = await ctx.files.links(
      records.map((p) => p.fileId),
      PHOTO_LINK_TTL_SEC,
    )
    return records.map((p, i) => ({ id: p.id, url: urls[i] }))
  } catch (e) {
    ctx.log.error('station_photo_links_failed', { stationId: doc._id, error: e instanceof Error ? e.message : String(e) })
    return []
  }
}

async function editableStation(ctx: Ctx, id: string): Promise<StationDoc> {
  const doc = await ctx.store.get<StationDoc>(STATIONS, id)
  if (!doc || doc.status !== 'active') throw notFound('驿站不存在或已撤销')
  if (!(await canEditStation(ctx.store, ctx.caller, doc))) throw forbidden('您只能管理自己负责的驿站的照片')
  return doc
}

/**
 * Changes the photo list inside a transaction, from the document read there: two changes at once each see the
 * other's result (so a 7th photo cannot slip in between a count and a write). Like every station write, it
 * raises `version`, so an edit form loaded before it is told to reload rather than saving over it.
 */
async function changePhotos(
  ctx: Ctx,
  stationId: string,
  change: (photos: StationPhotoRecord[]) => StationPhotoRecord[],
): Promise<{ doc: StationDoc; before: StationPhotoRecord[] }> {
  return ctx.store.transaction(async (tx: Store) => {
    const current = await tx.get<StationDoc>(STATIONS, stationId)
    if (!current || current.status !== 'active') throw notFound('驿站不存在或已撤销')
    const before = photoRecords(current)
    const photos = change(before)
    // Entries this code does not understand are kept as they were, after the photos it manages.
    const others = (current.photos ?? []).filter((p) => !before.includes(p))
    const version = current.version ?? 0
    const set = { photos: [...photos, ...others], updatedAt: ctx.now().toISOString(), updatedBy: ctx.caller.openid }
    // A station written before versions existed has none to compare; the transaction still guards it.
    const where: Where = current.version === undefined ? { _id: stationId } : { _id: stationId, version }
    const n = await tx.update(STATIONS, where, { set, inc: { version: 1 } })
    if (!n) throw conflict('该驿站刚被他人修改，请重试')
    await ctx.audit(tx, stationId, { photos: before.map((p) => p.id) }, { photos: photos.map((p) => p.id) })
    return { doc: { ...current, ...set, version: version + 1 }, before }
  })
}

async function answer(ctx: Ctx, doc: StationDoc): Promise<StationPhotos> {
  return { photos: await photoLinks(ctx, doc), version: doc.version }
}

/** Best effort: a file left behind costs storage, never correctness, so a failure here is logged, not raised. */
async function discard(ctx: Ctx, fileIds: string[], why: string): Promise<void> {
  try {
    await ctx.files.remove(fileIds)
  } catch (e) {
    ctx.log.error('station_photo_discard_failed', { why, error: e instanceof Error ? e.message : String(e) })
  }
}

function safeFolder(stationId: string): string {
  // Station ids may hold ':' or '.', which storage paths do not allow.
  return stationId.replace(/[^A-Za-z0-9_-]/g, '_')
}

export const photoActions: Pick<Implementation<typeof stationsApi>, 'addPhoto' | 'removePhoto' | 'coverPhoto'> = {
  addPhoto: {
    audit: 'stations.addPhoto',
    rateLimit: { key: (_i, ctx) => `station-photo:${ctx.caller.openid}`, max: 60, perMs: 3600_000, message: '上传照片太频繁，请一小时后再试' },
    handler: async ({ stationId, fileId }, ctx) => {
      const station = await editableStation(ctx, stationId)
      // Refused before reading anything: a file id in someone else's folder is never touched.
      const upload = await ownUpload(ctx, fileId, 'stationPhoto')
      try {
        if (photoRecords(station).length >= MAX_STATION_PHOTOS) throw conflict(FULL)
        const type = sniff(upload.bytes)
        if (!type || !IMAGE_TYPES.includes(type)) {
          throw invalid([{ path: 'fileId', message: '这个文件不是 JPG、PNG 或 WebP 图片，请重新选择照片' }])
        }
        const id = `ph_${newId()}`
        // The extension the bytes really have: files are served with the content type it names.
        const stored = await ctx.files.put(`stations/${safeFolder(stationId)}/${id}.${type}`, upload.bytes)
        const record: StationPhotoRecord = { id, fileId: stored, uploadedBy: ctx.caller.openid, at: ctx.now().toISOString() }
        const { doc } = await changePhotos(ctx, stationId, (photos) => {
          if (photos.length >= MAX_STATION_PHOTOS) throw conflict(FULL)
          return [...photos, record]
        }).catch(async (e: unknown) => {
          await discard(ctx, [stored], 'not_recorded')
          throw e
        })
        ctx.log.info('station_photo_added', { stationId, photoId: id, by: ctx.caller.openid })
        return answer(ctx, doc)
      } finally {
        // Copied or refused, the upload has served its purpose.
        await discard(ctx, [upload.fileId], 'upload')
      }
    },
  },

  removePhoto: {
    audit: 'stations.removePhoto',
    handler: async ({ stationId, photoId }, ctx) => {
      await editableStation(ctx, stationId)
      let removed: StationPhotoRecord | undefined
      const { doc } = await changePhotos(ctx, stationId, (photos) => {
        removed = photos.find((p) => p.id === photoId)
        if (!removed) throw notFound('这张照片不存在或已删除')
        return photos.filter((p) => p.id !== photoId)
      })
      // Only once no document names it: a failed removal leaves an unused file, never a broken photo.
      if (removed) await discard(ctx, [removed.fileId], 'removed')
      ctx.log.info('station_photo_removed', { stationId, photoId, by: ctx.caller.openid })
      return answer(ctx, doc)
    },
  },

  coverPhoto: {
    audit: 'stations.coverPhoto',
    handler: async ({ stationId, photoId }, ctx) => {
      await editableStation(ctx, stationId)
      const { doc } = await changePhotos(ctx, stationId, (photos) => {
        const cover = photos.find((p) => p.id === photoId)
        if (!cover) throw notFound('这张照片不存在或已删除')
        return [cover, ...photos.filter((p) => p.id !== photoId)]
      })
      return answer(ctx, doc)
    },
  },
}
