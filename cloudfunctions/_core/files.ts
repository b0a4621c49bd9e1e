import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/**
 * The file port: CloudBase storage in the cloud, a folder under `.data/` locally. Paths are made by the server
 * (or checked by `ownUpload`) and limited to a safe alphabet, so no caller can reach outside the storage root.
 */
export interface FileStorage {
  /** stores the bytes at `path`; returns the file id to keep */
  put(path: string, bytes: Buffer): Promise<string>
  get(fileId: string): Promise<Buffer>
  /** a link anyone holding it may download from until it expires */
  link(fileId: string, ttlSec: number): Promise<string>
  links(fileIds: string[], ttlSec: number): Promise<string[]>
  remove(fileIds: string[]): Promise<void>
  /**
   * The file id of a path in this storage, for files known only by the path handed out (an upload never used);
   * null when it cannot be known (CloudBase without STORAGE_BUCKET set).
   */
  idOf(path: string): string | null
}

const PATH_RE = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-][A-Za-z0-9_.-]{0,159})+$/

export function safePath(path: string): string {
  if (!PATH_RE.test(path) || path.split('/').some((s) => s === '.' || s === '..' || s.startsWith('..'))) throw new Error(`bad file path ${path}`)
  return path
}

const LOCAL_PREFIX = 'local://'

/** Links the local adapter signs and the local gateway checks: one key per process, links last minutes. */
const linkKey = randomBytes(32)

function linkSig(path: string, exp: number): string {
  return createHmac('sha256', linkKey).update(`${path}|${exp}`).digest('base64url')
}

/** `/api/files/<path>?e=&s=`: same-origin for the H5 build, served by the gateway after `verifyLocalLink`. */
export function localLink(path: string, ttlSec: number, now = Date.now()): string {
  const exp = Math.floor(now / 1000) + ttlSec
  return `/api/files/${safePath(path)}?e=${exp}&s=${linkSig(path, exp)}`
}

export function verifyLocalLink(path: string, e: string | null, s: string | null, now = Date.now()): boolean {
  const exp = Number(e)
  if (!s || !Number.isInteger(exp) || exp < now / 1000) return false
  try {
    safePath(path)
  } catch {
    return false
  }
  const want = Buffer.from(linkSig(path, exp))
  const got = Buffer.from(s)
  return want.length === got.length && timingSafeEqual(want, got)
}

export function localFiles(
  dir = process.env.FILES_DIR ?? join(process.env.DATA_DIR ?? '.data', 'files'),
): FileStorage & { pathOf(fileId: string): string } {
  const root = resolve(dir)
  const pathOf = (fileId: string) => {
    if (!fileId.startsWith(LOCAL_PREFIX)) throw new Error('not a local file id')
    return safePath(fileId.slice(LOCAL_PREFIX.length))
  }
  const files: FileStorage & { pathOf(fileId: string): string } = {
    pathOf,
    async put(path, bytes) {
      const full = join(root, safePath(path))
      mkdirSync(dirname(full), { recursive: true, mode: 0o700 })
      // write then rename: a reader never sees half a file; the part file's own name keeps two writers of one
      // path (a gateway and a test seeding the same .data/) from renaming each other's
      const part = `${full}.${randomBytes(6).toString('hex')}.part`
      writeFileSync(part, bytes, { mode: 0o600 })
      renameSync(part, full)
      return LOCAL_PREFIX + path
    },
    async get(fileId) {
      return readFileSync(join(root, pathOf(fileId)))
    },
    async link(fileId, ttlSec) {
      return localLink(pathOf(fileId), ttlSec)
    },
    async links(fileIds, ttlSec) {
      return fileIds.map((id) => localLink(pathOf(id), ttlSec))
    },
    async remove(fileIds) {
      for (const id of fileIds) rmSync(join(root, pathOf(id)), { force: true })
    },
    idOf: (path) => LOCAL_PREFIX + safePath(path),
  }
  return files
}

/** The slice of `@cloudbase/node-sdk`'s app this needs (its documented storage calls). */
export interface CloudStorageApp {
  uploadFile(opts: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  downloadFile(opts: { fileID: string }): Promise<{ fileContent: string | Buffer | undefined }>
  getTempFileURL(opts: {
    fileList: Array<{ fileID: string; maxAge?: number }>
  }): Promise<{ fileList: Array<{ fileID: string; tempFileURL: string; code: string }> }>
  deleteFile(opts: { fileList: string[] }): Promise<unknown>
}

/**
 * CloudBase storage. The bucket's rule is 「仅创建者可读写」 (PRIVATE, set by `npm run deploy`): a client writes
 * and reads only what it uploaded; functions, as admin, read everything and hand out temporary links.
 */
export function cloudFiles(app: CloudStorageApp): FileStorage {
  const links = async (fileIds: string[], ttlSec: number) => {
    if (!fileIds.length) return []
    const { fileList } = await app.getTempFileURL({ fileList: fileIds.map((fileID) => ({ fileID, maxAge: ttlSec })) })
    const byId = new Map(fileList.map((f) => [f.fileID, f]))
    return fileIds.map((id) => {
      const f = byId.get(id)
      if (!f || !f.tempFileURL) throw new Error(`no temporary link for ${id}: ${f?.code ?? 'missing'}`)
      return f.tempFileURL
    })
  }
  return {
    async put(path, bytes) {
      const { fileID } = await app.uploadFile({ cloudPath: safePath(path), fileContent: bytes })
      if (!fileID) throw new Error('upload returned no fileID')
      return fileID
    },
    async get(fileId) {
      const { fileContent } = await app.downloadFile({ fileID: fileId })
      if (fileContent === undefined) throw new Error('download returned no content')
      return Buffer.isBuffer(fileContent) ? fileContent : Buffer.from(fileContent)
    },
    link: async (fileId, ttlSec) => (await links([fileId], ttlSec))[0],
    links,
    async remove(fileIds) {
      if (fileIds.length) await app.deleteFile({ fileList: fileIds })
    },
    // A CloudBase file id is cloud://<env>.<bucket>/<path>; the bucket comes from the deploy (.env STORAGE_BUCKET).
    idOf: (path) =>
      process.env.TCB_ENV && process.env.STORAGE_BUCKET ? `cloud://${process.env.TCB_ENV}.${process.env.STORAGE_BUCKET}/${safePath(path)}` : null,
  }
}

/** The path inside the bucket of a file id of either adapter. */
export function pathOfFileId(fileId: string): string | null {
  if (fileId.startsWith(LOCAL_PREFIX)) return fileId.slice(LOCAL_PREFIX.length)
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId)
  return m ? m[1] : null
}
