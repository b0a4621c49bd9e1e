import { randomBytes } from 'node:crypto'
import { fileExt, UPLOAD_KINDS, uploadProblem, type UploadKind, type UploadTarget } from '../../src/contracts/files'
import { beijingDay } from '../../src/contracts/time'
import type { Ctx } from './contract'
import { invalid } from './errors'
import { pathOfFileId, safePath } from './files'

const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/

/** Each caller uploads only into `uploads/<openid>/`: the storage rule (creator only) and `ownUpload` both hold to it. */
export function uploadFolder(openid: string): string {
  if (!OPENID_RE.test(openid)) throw new Error('openid not usable as a folder name')
  return `uploads/${openid}`
}

/**
 * A fresh path for one upload; the name the user chose is kept only for its extension. The declared size goes
 * into the path too (`…-n<bytes>.<ext>`): the client writes to storage directly, so the path is what the server
 * later has of the declaration, and `declaredSize` reads it back for kinds that hold to it (evidence).
 * Every path handed out is recorded (UPLOAD_PATHS), so that 删除我的数据 can remove files that were uploaded but
 * never used (cloud storage cannot be listed from a function); entries older than a day go with the bucket's
 * lifecycle rule (profile's timer removes them).
 */
export const UPLOAD_PATHS = 'upload_paths'
const UPLOAD_TTL_MS = 24 * 3600e3

export async function uploadTarget(ctx: Ctx, input: { kind: UploadKind; name: string; size: number }): Promise<UploadTarget> {
  const ext = fileExt(input.name) === 'jpeg' ? 'jpg' : fileExt(input.name)
  const now = ctx.now()
  const day = beijingDay(now).replace(/-/g, '')
  const cloudPath = safePath(`${uploadFolder(ctx.caller.openid)}/${input.kind}/${day}-${randomBytes(9).toString('base64url')}-n${input.size}.${ext}`)
  await ctx.store.insert(UPLOAD_PATHS, {
    _id: cloudPath,
    openid: ctx.caller.openid,
    at: now.toISOString(),
    expiresAt: new Date(now.getTime() + UPLOAD_TTL_MS).toISOString(),
  })
  return { cloudPath }
}

/** The size declared when the upload's path was issued; null for paths issued before sizes were recorded. */
export function declaredSize(path: string): number | null {
  const m = /-n(\d{1,12})\.[a-z0-9]+$/.exec(path)
  return m ? Number(m[1]) : null
}

export interface Upload {
  fileId: string
  path: string
  ext: string
  bytes: Buffer
}

/**
 * Reads a file the caller uploaded for `kind`. A file id naming anyone else's folder, or another kind's, is
 * refused before anything is read: a function reads the whole bucket as admin, so this check is the only one.
 */
export async function ownUpload(ctx: Ctx, fileId: string, kind: UploadKind, field = 'fileId'): Promise<Upload> {
  const spec = UPLOAD_KINDS[kind]
  const path = pathOfFileId(fileId)
  const prefix = `${uploadFolder(ctx.caller.openid)}/${kind}/`
  if (!path || !path.startsWith(prefix)) throw invalid([{ path: field, message: `${spec.label}不是您本人上传的，请重新上传` }])
  let bytes: Buffer
  try {
    bytes = await ctx.files.get(fileId)
  } catch (e) {
    ctx.log.error('upload_read_failed', { kind, error: e instanceof Error ? e.message : String(e) })
    throw invalid([{ path: field, message: `找不到上传的${spec.label}，请重新上传` }])
  }
  const problem = uploadProblem(kind, path, bytes.length)
  if (problem) throw invalid([{ path: field, message: problem }])
  return { fileId, path, ext: fileExt(path), bytes }
}

/**
 * Deletes an upload once what it was for is done (an import applied, evidence copied to its own place), so the
 * uploads folder does not grow forever. A failure is logged, not thrown: the work itself has already succeeded,
 * and the bucket's 1-day lifecycle rule on `uploads/` removes what is left.
 */
export async function discardUpload(ctx: Ctx, upload: Pick<Upload, 'fileId' | 'path'>): Promise<void> {
  try {
    await ctx.files.remove([upload.fileId])
  } catch (e) {
    ctx.log.error('upload_remove_failed', { path: upload.path, error: e instanceof Error ? e.message : String(e) })
  }
}
