import { createHash, timingSafeEqual } from 'node:crypto'
import type { legalAidApi } from '../../src/contracts/legalAid/api'
import { maxCaseFiles, STATUS_LABELS } from '../../src/contracts/legalAid/schemas'
import type { Impl } from '../_core/contract'
import { conflict, forbidden, invalid, notFound } from '../_core/errors'
import { newId } from '../_core/ids'
import type { Keys } from '../_core/keys'
import { declaredSize, discardUpload, ownUpload } from '../_core/uploads'
import { fileExt } from '../../src/contracts/files'
import { evidencePath, evidenceRef, sniffType } from './files'
import type { FileType } from '../../src/contracts/legalAid/schemas'
import { CASES, FILES, type CaseDoc, type FileDoc } from './model'
import { keysOf, loadCase, logAccess, roleOn } from './shared'

/** 证据材料: taking an uploaded file into the case, and the short-lived signed link through which it is read. */

/** Each accepted extension and the type its bytes must be. */
const EXT_TYPES: Record<string, FileType> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', pdf: 'application/pdf' }
const TYPE_LABELS: Record<FileType, string> = {
  'image/jpeg': ' JPG 图片',
  'image/png': ' PNG 图片',
  'image/webp': ' WebP 图片',
  'application/pdf': ' PDF',
}

/** A file link lives this long: long enough to open a photo, too short to pass around. */
const LINK_TTL_MS = 5 * 60 * 1000
/**
 * The storage link `fileData` answers is fetched at once by the previewer, so it lives shorter still. Storage
 * cannot revoke a link it signed: a reader who loses access keeps a link already fetched until it expires, so
 * this is the longest that can be (the README says so).
 */
export const FILE_URL_TTL_SEC = 60

function linkMac(keys: Keys, payload: string): string {
  return keys.pii.hash(`legalAid.fileLink|${payload}`)
}

export const uploadAction: Impl<typeof legalAidApi.upload> = {
  rateLimit: { key: (_i, c) => c.caller.openid, max: 40, perMs: 3600e3, message: '上传太频繁，请稍后再试' },
  handler: async (input, ctx) => {
    let doc: CaseDoc | null = null
    if (input.caseId) {
      doc = await loadCase(ctx.store, input.caseId)
      const role = await roleOn(ctx, doc)
      if (doc.status === 'closed' || doc.status === 'declined') throw conflict(`案件${STATUS_LABELS[doc.status]}，不能再补充材料`)
      if (doc.fileIds.length >= maxCaseFiles(!!doc.docsRequest)) throw conflict(`每个案件最多 ${maxCaseFiles(!!doc.docsRequest)} 个证据文件`)
      if (input.docItem !== undefined) {
        if (role !== 'applicant') throw forbidden('只有申请人本人能按清单补充材料')
        if (doc.status !== 'needs_docs' || !doc.docsRequest?.items[input.docItem]) throw conflict('这个案件现在不需要补充这项材料，请刷新')
      }
    } else if (input.docItem !== undefined) throw invalid([{ path: 'docItem', message: '请在案件页按清单补充材料' }])
    const upload = await ownUpload(ctx, input.fileId, 'evidence')
    const bytes = upload.bytes
    // The bytes decide the type, whatever the file was called.
    const real = sniffType(bytes)
    if (!real) throw invalid([{ path: 'fileId', message: '只能上传 JPG、PNG、WebP 图片或 PDF 文件，这个文件不是其中之一' }])
    // What was declared must be what arrived: the type the name gave (at upload and here), and the size.
    const declared = [upload.ext, fileExt(input.name)].filter((e) => e in EXT_TYPES)
    if (declared.some((e) => EXT_TYPES[e] !== real)) {
      throw invalid([{ path: 'fileId', message: `文件内容是${TYPE_LABELS[real]}，与文件名的类型不符，请确认选对了文件后重新上传` }])
    }
    const size = declaredSize(upload.path)
    if (size !== null && size !== bytes.length) {
      await discardUpload(ctx, upload)
      throw invalid([{ path: 'fileId', message: '上传的文件与选择的文件大小不一致，可能没有传完整，请重新上传' }])
    }
    const id = `lf_${newId()}`
    // Copied out of the uploader's folder, which they may still write to, into one only functions write.
    const ref = await ctx.files.put(evidencePath(id, real), bytes)
    const at = ctx.now().toISOString()
    const file: FileDoc = {
      _id: id,
      ownerOpenid: ctx.caller.openid,
      caseId: doc ? doc._id : null,
      name: input.name,
      type: real,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      ref,
      uploadedAt: at,
    }
    if (!doc) await ctx.store.insert(FILES, file)
    else {
      const caseId = doc._id
      const ok = await ctx.store.transaction(async (tx) => {
        const current = await tx.get<CaseDoc>(CASES, caseId)
        if (!current || current.fileIds.length >= maxCaseFiles(!!current.docsRequest) || current.status === 'closed' || current.status === 'declined')
          return false
        const item = input.docItem
        let docsRequest = current.docsRequest ?? null
        if (item !== undefined) {
          // Against one item of the list: only while the case still waits for it.
          if (current.status !== 'needs_docs' || !docsRequest?.items[item]) return false
          docsRequest = { ...docsRequest, items: docsRequest.items.map((x, i) => (i === item ? { ...x, fileIds: [...x.fileIds, id] } : x)) }
        }
        const what = item !== undefined && docsRequest ? `补充材料「${docsRequest.items[item].label}」` : '补充材料'
        await tx.insert(FILES, file)
        await tx.put(CASES, {
          ...current,
          docsRequest,
          fileIds: [...current.fileIds, id],
          timeline: [...current.timeline, { at, status: 'file', note: `${what}：${input.name}`, by: ctx.caller.name || '申请人' }],
        })
        return true
      })
      if (!ok) {
        await ctx.files.remove([ref])
        throw conflict('案件已变化，不能再补充材料，请刷新')
      }
    }
    await discardUpload(ctx, upload)
    return { id, name: file.name, type: file.type, size: file.size }
  },
}

export const fileLinkAction: Impl<typeof legalAidApi.fileLink> = {
  handler: async ({ fileId }, ctx) => {
    const keys = keysOf(ctx)
    const file = await ctx.store.get<FileDoc>(FILES, fileId)
    if (!file) throw notFound('文件不存在')
    if (file.caseId) await roleOn(ctx, await loadCase(ctx.store, file.caseId))
    else if (file.ownerOpenid !== ctx.caller.openid) throw forbidden('您无权查看这个文件')
    const exp = ctx.now().getTime() + LINK_TTL_MS
    const payload = Buffer.from(JSON.stringify({ f: fileId, o: ctx.caller.openid, e: exp })).toString('base64url')
    return { token: `${payload}.${linkMac(keys, payload)}`, expiresAt: new Date(exp).toISOString() }
  },
}

export const fileDataAction: Impl<typeof legalAidApi.fileData> = {
  handler: async ({ token }, ctx) => {
    const keys = keysOf(ctx)
    const [payload, mac] = token.split('.')
    const expected = payload ? linkMac(keys, payload) : ''
    if (!payload || !mac || mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected)))
      throw forbidden('文件链接无效')
    let claims: { f: string; o: string; e: number }
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    } catch {
      throw forbidden('文件链接无效')
    }
    if (claims.o !== ctx.caller.openid) throw forbidden('这个文件链接不是发给您的')
    if (!(claims.e > ctx.now().getTime())) throw forbidden('文件链接已过期，请重新打开')
    const file = await ctx.store.get<FileDoc>(FILES, claims.f)
    if (!file) throw notFound('文件不存在')
    // Access is checked again: a lawyer reassigned away since the link was issued reads nothing.
    if (file.caseId) {
      const doc = await loadCase(ctx.store, file.caseId)
      await logAccess(ctx, doc, await roleOn(ctx, doc), 'file', file._id)
    } else if (file.ownerOpenid !== ctx.caller.openid) throw forbidden('您无权查看这个文件')
    const url = await ctx.files.link(await evidenceRef(ctx, file), FILE_URL_TTL_SEC)
    return { filename: file.name, type: file.type, url, expiresAt: new Date(ctx.now().getTime() + FILE_URL_TTL_SEC * 1000).toISOString() }
  },
}
