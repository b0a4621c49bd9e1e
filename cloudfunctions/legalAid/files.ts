import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { FileType } from '../../src/contracts/legalAid/schemas'

/**
 * Private file storage for evidence. The gateway's ctx has no filesystem port, so this domain brings its own:
 * a local adapter writing under `FILES_DIR` (default `${DATA_DIR:-.data}/files`) and a CloudBase adapter on the
 * environment's storage. Keys are server-made ids, never a user's file name, so no path can be smuggled in.
 */
export interface FileStorage {
  /** stores the bytes; returns the storage reference to keep in the file's record */
  put(key: string, bytes: Buffer, type: FileType): Promise<string>
  get(ref: string): Promise<Buffer>
}

const KEY_RE = /^[A-Za-z0-9_-]{1,80}$/

export function localFileStorage(dir = process.env.FILES_DIR ?? join(process.env.DATA_DIR ?? '.data', 'files')): FileStorage {
  const root = resolve(dir)
  const pathOf = (key: string) => {
    if (!KEY_RE.test(key)) throw new Error('bad file key')
    return join(root, key)
  }
  return {
    async put(key, bytes) {
      mkdirSync(root, { recursive: true, mode: 0o700 })
      const path = pathOf(key)
      // write then rename: a reader never sees half a file
      writeFileSync(path + '.part', bytes, { mode: 0o600 })
      renameSync(path + '.part', path)
      return key
    },
    async get(ref) {
      return readFileSync(pathOf(ref))
    },
  }
}

/** The slice of `@cloudbase/node-sdk`'s app this needs (its documented storage calls). */
export interface CloudStorageApp {
  uploadFile(opts: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  downloadFile(opts: { fileID: string }): Promise<{ fileContent: string | Buffer | undefined }>
}

/**
 * CloudBase storage: files go under `legal-aid/` in the environment's bucket, whose security rule must be
 * 「仅管理端可读写」 (private) so that only this function, never a client, reads them.
 */
export function cloudFileStorage(app: CloudStorageApp, prefix = 'legal-aid'): FileStorage {
  return {
    async put(key, bytes) {
      if (!KEY_RE.test(key)) throw new Error('bad file key')
      const { fileID } = await app.uploadFile({ cloudPath: `${prefix}/${key}`, fileContent: bytes })
      if (!fileID) throw new Error('upload returned no fileID')
      return fileID
    },
    async get(ref) {
      const { fileContent } = await app.downloadFile({ fileID: ref })
      if (fileContent === undefined) throw new Error('download returned no content')
      return Buffer.isBuffer(fileContent) ? fileContent : Buffer.from(fileContent)
    },
  }
}

let chosen: FileStorage | null = null

/** Cloud when running inside CloudBase (TCB_ENV / SCF_NAMESPACE set), else local. Tests may swap it. */
export function fileStorage(): FileStorage {
  if (!chosen) {
    if (process.env.TCB_ENV || process.env.SCF_NAMESPACE) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const tcb = require('@cloudbase/node-sdk') as typeof import('@cloudbase/node-sdk')
      chosen = cloudFileStorage(tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }) as unknown as CloudStorageApp)
    } else chosen = localFileStorage()
  }
  return chosen
}

export function setFileStorage(s: FileStorage | null): void {
  chosen = s
}

/** The type the bytes really are, from their first bytes; null when none of the accepted kinds. */
export function sniffType(b: Buffer): FileType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp'
  if (b.length >= 5 && b.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf'
  return null
}
