import * as z from 'zod'
import { type Area, upsertInput, stationFields, type ImportReport, type StationSummary } from '../../src/contracts/stations/schemas'
import { implement, type Ctx } from '../_core/contract'
import { saveExport } from '../_core/exports'
import { discardUpload, ownUpload } from '../_core/uploads'
import { stationsApi } from '../../src/contracts/stations/api'
import { AppError, conflict, forbidden, notFound } from '../_core/errors'
import { scopesOf } from '../_core/auth'
import { DuplicateKeyError, type Doc } from '../_core/store/port'
import { canEditStation, managedWhere } from './access'
import { parseImportFile, parseStationsCsv, type CsvParse } from './csv'
import { importTemplateWorkbook, TEMPLATE_FILENAME } from './template'
import { isCurrent, isOpenNow, stationKeyId, toDetail, toSummary, type StationDoc } from './model'
import { assessmentStats, withCompleteness } from './assessment'
import { locationChange } from './moves'
import { reportActions } from './reports'
import { photoActions, photoLinks } from './photos'
import { checkin, poster, visitStats } from './visits'
import { confirmOpen, lastConfirmedOpen } from './confirms'
import { exportMap } from './mapExport'
import { distanceMeters } from '../../src/contracts/geo'

const STATIONS = 'stations'
/** the most keyword matches ranked by distance in one search */
const SEARCH_SCAN = 300

async function activeStation(ctx: Ctx, id: string): Promise<StationDoc> {
  const doc = await ctx.store.get<StationDoc>(STATIONS, id)
  if (!doc || doc.status !== 'active') throw notFound('驿站不存在或已撤销')
  return doc
}

/** Where a new station of this caller belongs: the first org they are staff or admin of. */
function homeOrg(ctx: Ctx): string {
  const org = [...scopesOf(ctx.caller, 'staff'), ...scopesOf(ctx.caller, 'admin')][0]
  if (!org) throw forbidden('驿站站长只能编辑自己负责的驿站，新增驿站请联系工会')
  return org
}

type Fields = z.output<typeof stationFields>
type UpsertFields = z.output<typeof upsertInput>

function stationBody(fields: Fields, ctx: Ctx) {
  return {
    name: fields.name,
    address: fields.address,
    location: { lat: fields.lat, lng: fields.lng },
    hours: fields.hours,
    amenities: fields.amenities,
    phone: fields.phone,
    updatedAt: ctx.now().toISOString(),
    updatedBy: ctx.caller.openid,
  }
}

/** The form's extras as stored: only those sent are changed ('' clears a date). */
function extrasBody(fields: UpsertFields): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (fields.validFrom !== undefined) out.validFrom = fields.validFrom || null
  if (fields.validTo !== undefined) out.validTo = fields.validTo || null
  if (fields.seasons !== undefined) out.seasons = [...fields.seasons].sort((a, b) => (a.from < b.from ? -1 : 1))
  if (fields.assessment !== undefined) out.assessment = fields.assessment
  return out
}

/** Non-null extras for a new document (null would be stored as a field). */
function newExtras(fields: UpsertFields): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extrasBody(fields)).filter(([, v]) => v !== null))
}

/**
 * Creates or updates one imported station, safely under concurrency: the id derives from (org, name, address), so
 * two imports racing both end on one document; an update raises `version`, and is retried on a fresh read if
 * another write got in between.
 */
/** What importRow would do with this row, read only: the 预览 (dry run) answer. */
async function previewRow(ctx: Ctx, orgId: string, fields: z.output<typeof stationFields>): Promise<{ status: 'created' | 'updated'; id: string }> {
  const [legacy] = await ctx.store.find<StationDoc>(STATIONS, {
    where: { orgId, name: fields.name, address: fields.address, status: 'active' },
    limit: 1,
  })
  if (legacy) return { status: 'updated', id: legacy._id }
  const id = stationKeyId(orgId, fields.name, fields.address)
  return { status: (await ctx.store.get<StationDoc>(STATIONS, id)) ? 'updated' : 'created', id }
}

async function importRow(ctx: Ctx, orgId: string, fields: z.output<typeof stationFields>): Promise<{ status: 'created' | 'updated'; id: string }> {
  // Stations created before ids were derived (the demo seed, older data) are found by their fields.
  const [legacy] = await ctx.store.find<StationDoc>(STATIONS, {
    where: { orgId, name: fields.name, address: fields.address, status: 'active' },
    limit: 1,
  })
  const id = legacy?._id ?? stationKeyId(orgId, fields.name, fields.address)
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = legacy && attempt === 0 ? legacy : await ctx.store.get<StationDoc>(STATIONS, id)
    if (!existing) {
      try {
        await ctx.store.insert(STATIONS, {
          _id: id,
          ...stationBody(fields, ctx),
          photos: [],
          orgId,
          status: 'active',
          version: 1,
          createdAt: ctx.now().toISOString(),
        })
        return { status: 'created', id }
      } catch (e) {
        if (!(e instanceof DuplicateKeyError)) throw e
        continue // another import created it a moment ago: update it instead
      }
    }
    const body = stationBody(fields, ctx)
    const n = await ctx.store.update(
      STATIONS,
      { _id: id, version: existing.version ?? 0 },
      { set: { ...body, ...locationChange(existing, fields, ctx.now()), status: 'active' }, inc: { version: 1 } },
    )
    if (n) return { status: 'updated', id }
  }
  throw conflict('该驿站正被他人同时修改，请稍后重新导入')
}

export const stationsActions = implement(stationsApi, {
  nearby: {
    handler: async (input, ctx) => {
      const now = ctx.now()
      const where: Record<string, unknown> = { status: 'active' }
      if (input.amenities.length) where.amenities = { $all: input.amenities }
      const near = await ctx.store.nearest<StationDoc>(STATIONS, input, {
        maxKm: input.radiusKm,
        limit: input.limit,
        where: where as never,
        // Past its last day (or before its first) a station leaves the list by itself, by today's Beijing date.
        accept: input.openNow ? (doc: Doc) => isOpenNow(doc as StationDoc, now) : (doc: Doc) => isCurrent(doc as StationDoc, now),
      })
      const items: StationSummary[] = near.map((n) => toSummary(n.doc, now, n.distanceM))
      return { items, radiusKm: input.radiusKm }
    },
  },

  nearest: {
    handler: async ({ lat, lng, radiusKm }, ctx) => {
      const now = ctx.now()
      const where = { status: 'active' } as never
      // Two questions, not one: the home card once asked only for open stations and so showed an open one 402 m
      // away while a closed one stood 78 m off. The courier should see both and decide.
      const [first] = await ctx.store.nearest<StationDoc>(
        STATIONS,
        { lat, lng },
        { maxKm: radiusKm, limit: 1, where, accept: (doc: Doc) => isCurrent(doc as StationDoc, now) },
      )
      if (!first) return { nearest: null, nearestOpen: null }
      const nearest = toSummary(first.doc, now, first.distanceM)
      if (nearest.openNow) return { nearest, nearestOpen: nearest }
      const [open] = await ctx.store.nearest<StationDoc>(
        STATIONS,
        { lat, lng },
        {
          maxKm: radiusKm,
          limit: 1,
          where,
          accept: (doc: Doc) => isOpenNow(doc as StationDoc, now),
        },
      )
      return { nearest, nearestOpen: open ? toSummary(open.doc, now, open.distanceM) : null }
    },
  },

  get: {
    handler: async ({ id, lat, lng }, ctx) => {
      const doc = await activeStation(ctx, id)
      const [canEdit, photos, confirmedOpenAt] = await Promise.all([
        canEditStation(ctx.store, ctx.caller, doc),
        photoLinks(ctx, doc),
        lastConfirmedOpen(ctx, doc._id),
      ])
      const here = lat !== undefined && lng !== undefined ? { lat, lng } : null
      const detail = toDetail(doc, ctx.now(), canEdit, photos, here ? distanceMeters(here, doc.location) : undefined)
      return confirmedOpenAt ? { ...detail, confirmedOpenAt } : detail
    },
  },

  search: {
    handler: async ({ keyword, limit, lat, lng }, ctx) => {
      const now = ctx.now()
      if (lat === undefined || lng === undefined) {
        // A few more than asked: expired stations are dropped after reading (their end is a date, not a field to filter).
        const docs = await ctx.store.find<StationDoc>(STATIONS, {
          where: { status: 'active', name: { $includes: keyword } },
          orderBy: [['name', 'asc']],
          limit: Math.min(SEARCH_SCAN, limit * 2 + 10),
        })
        return {
          items: docs
            .filter((d) => isCurrent(d, now))
            .slice(0, limit)
            .map((d) => toSummary(d, now)),
        }
      }
      // With a position, "nearest first" must hold across every match, not only the first `limit` by name: a
      // county has a few hundred stations, so a keyword matches few enough to rank them all (capped by SEARCH_SCAN).
      const docs = await ctx.store.find<StationDoc>(STATIONS, {
        where: { status: 'active', name: { $includes: keyword } },
        orderBy: [['name', 'asc']],
        limit: SEARCH_SCAN,
      })
      const here = { lat, lng }
      const items = docs
        .filter((d) => isCurrent(d, now))
        .map((d) => toSummary(d, now, distanceMeters(here, d.location)))
        .sort((a, b) => (a.distanceM ?? 0) - (b.distanceM ?? 0))
        .slice(0, limit)
      return { items }
    },
  },

  areas: {
    handler: async (_input, ctx) => {
      const docs = await ctx.store.find<Doc & { name: string; center?: { lat: number; lng: number }; disabled?: boolean }>('areas', {
        orderBy: [['order', 'asc']],
        limit: 200,
      })
      // The centre is optional in 组织架构: an area without one cannot be jumped to on the map.
      const items: Area[] = docs.flatMap((a) => (a.center && !a.disabled ? [{ id: a._id, name: a.name, lat: a.center.lat, lng: a.center.lng }] : []))
      return { items }
    },
  },

  report: {
    // One courier should not be able to bury a station's keeper in reports.
    rateLimit: { key: (_i, ctx) => `station-report:${ctx.caller.openid}`, max: 5, perMs: 3600_000, message: '反馈太频繁了，请一小时后再试' },
    handler: async (input, ctx) => {
      const station = await activeStation(ctx, input.id)
      const now = ctx.now()
      const id = await ctx.store.insert('station_reports', {
        stationId: station._id,
        stationName: station.name,
        orgId: station.orgId,
        kind: input.kind,
        text: input.text,
        openid: ctx.caller.openid,
        status: 'open',
        createdAt: now.toISOString(),
      })
      ctx.log.info('station_reported', { stationId: station._id, kind: input.kind })
      return { id }
    },
  },

  ...reportActions,
  ...photoActions,

  confirmOpen: {
    rateLimit: { key: (_i, ctx) => `station-confirm:${ctx.caller.openid}`, max: 20, perMs: 3600_000, message: '操作太频繁了，请稍后再试' },
    handler: (input, ctx) => confirmOpen(ctx, input),
  },

  checkin: {
    // Many scans of one person count once anyway; this keeps one phone from hammering the store.
    rateLimit: { key: (_i, ctx) => `station-checkin:${ctx.caller.openid}`, max: 30, perMs: 3600_000, message: '签到太频繁了，请稍后再试' },
    handler: (input, ctx) => checkin(ctx, input),
  },
  poster: { handler: (input, ctx) => poster(ctx, input) },
  exportMap: { handler: (_input, ctx) => exportMap(ctx) },
  visitStats: { handler: (input, ctx) => visitStats(ctx, input) },

  listManaged: {
    handler: async ({ page, pageSize, q }, ctx) => {
      const wheres = (await managedWhere(ctx.store, ctx.caller)).map((w) => (q ? { ...w, name: { $includes: q } } : w))
      const now = ctx.now()
      // A keeper who is also staff has two filters; the port has no OR, so page over their union.
      const counts = await Promise.all(wheres.map((where) => ctx.store.count(STATIONS, where)))
      const all: StationDoc[] = []
      let skip = (page - 1) * pageSize
      for (const [i, where] of wheres.entries()) {
        if (all.length >= pageSize) break
        if (skip >= counts[i]) {
          skip -= counts[i]
          continue
        }
        all.push(...(await ctx.store.find<StationDoc>(STATIONS, { where, orderBy: [['name', 'asc']], skip, limit: pageSize - all.length })))
        skip = 0
      }
      const total = counts.reduce((a, b) => a + b, 0)
      return { items: all.map((d) => withCompleteness(toSummary(d, now), d)), total }
    },
  },

  assessmentStats: { handler: (_input, ctx) => assessmentStats(ctx) },

  upsert: {
    handler: async (input, ctx) => {
      if (input.id) {
        const existing = await activeStation(ctx, input.id)
        if (!(await canEditStation(ctx.store, ctx.caller, existing))) throw forbidden('您只能编辑自己负责的驿站')
        // Only if nobody saved since this form loaded: otherwise one of two concurrent edits would be lost.
        // The version condition also keeps the move history whole: it is written from the document just read.
        const { updatedAt, updatedBy, ...body } = stationBody(input, ctx)
        const moved = locationChange(existing, input, ctx.now())
        const n = await ctx.store.update(
          STATIONS,
          { _id: input.id, status: 'active', version: input.version ?? -1 },
          { set: { ...body, ...extrasBody(input), ...moved, updatedAt, updatedBy }, inc: { version: 1 } },
        )
        if (moved.moves) ctx.log.info('station_moved', { id: input.id, by: ctx.caller.openid })
        if (!n) throw conflict('该驿站刚被他人修改，请刷新后再改')
        ctx.log.info('station_updated', { id: input.id, by: ctx.caller.openid })
        return { id: input.id, created: false }
      }
      const orgId = homeOrg(ctx)
      try {
        const id = await ctx.store.insert(STATIONS, {
          _id: stationKeyId(orgId, input.name, input.address),
          ...stationBody(input, ctx),
          ...newExtras(input),
          // Photos are added one by one once the station exists (addPhoto), never with the form.
          photos: [],
          orgId,
          status: 'active',
          version: 1,
          createdAt: ctx.now().toISOString(),
        })
        ctx.log.info('station_created', { id, by: ctx.caller.openid })
        return { id, created: true }
      } catch (e) {
        if (e instanceof DuplicateKeyError) throw conflict('本工会已有同名同地址的驿站，请直接编辑它')
        throw e
      }
    },
  },

  importCsv: {
    handler: async ({ csv, fileId, dryRun, coordSystem }, ctx) => {
      const orgId = homeOrg(ctx)
      const upload = fileId ? await ownUpload(ctx, fileId, 'sheet') : null
      const parsed: CsvParse & { format?: string } = upload
        ? await parseImportFile(upload.path, upload.bytes, coordSystem)
        : parseStationsCsv(csv ?? '', coordSystem)
      const path = upload ? 'fileId' : 'csv'
      if (!parsed.ok) throw new AppError('VALIDATION_FAILED', parsed.message, [{ path, message: parsed.message }])
      const report: ImportReport = { created: 0, updated: 0, refused: 0, skipped: parsed.skipped, dryRun, rows: [], coords: parsed.coords }
      const seen = new Map<string, number>()
      for (const row of parsed.rows) {
        if (!row.ok) {
          report.refused++
          report.rows.push({ row: row.row, name: row.name, status: 'refused', errors: row.errors })
          continue
        }
        const key = `${row.fields.name}\u0000${row.fields.address}`
        const dup = seen.get(key)
        if (dup) {
          report.refused++
          report.rows.push({
            row: row.row,
            name: row.name,
            status: 'refused',
            errors: [{ path: 'name', message: `与第 ${dup} 行重复（名称和地址相同）` }],
          })
          continue
        }
        seen.set(key, row.row)
        let result: Awaited<ReturnType<typeof importRow>>
        try {
          result = dryRun ? await previewRow(ctx, orgId, row.fields) : await importRow(ctx, orgId, row.fields)
        } catch (e) {
          if (!(e instanceof AppError)) throw e
          report.refused++
          report.rows.push({ row: row.row, name: row.name, status: 'refused', errors: [{ path: 'name', message: e.message }] })
          continue
        }
        report[result.status]++
        report.rows.push({ row: row.row, name: row.name, status: result.status, id: result.id })
      }
      if (!dryRun) {
        ctx.log.info('stations_imported', {
          by: ctx.caller.openid,
          format: upload ? (parsed.format ?? 'file') : 'paste',
          created: report.created,
          updated: report.updated,
          refused: report.refused,
        })
        // The preview read the same upload; once applied, it is no longer needed.
        if (upload) await discardUpload(ctx, upload)
      }
      return report
    },
  },

  importTemplate: {
    handler: async (_input, ctx) => {
      homeOrg(ctx)
      const buf = await importTemplateWorkbook()
      return saveExport(ctx, TEMPLATE_FILENAME, buf)
    },
  },
})
