import { readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { FileType } from '../../src/contracts/legalAid/schemas'
import type { Ctx } from '../_core/contract'
import { FILES, type FileDoc } from './model'

/**
 * Evidence lives in the shared file port under `legal-aid/`, written by this function (so in CloudBase only admins,
 * never a client, may read it) and read by others only through the short-lived link `fileData` hands out.
 */

const EXT: Record<FileType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' }

/** Where an evidence file is kept: a server-made id, never the user's file name. */
export function evidencePath(id: string, type: FileType): string {
  return `legal-aid/${id}.${EXT[type]}`
}

/** Before the shared port, the local gateway kept evidence as a bare key (its id) directly under the files folder. */
const LEGACY_KEY_RE = /^[A-Za-z0-9_-]{1,80}$/

function legacyDir(): string {
  return resolve(process.env.FILES_DIR ?? join(process.env.DATA_DIR ?? '.data', 'files'))
}

/**
 * The file id to read evidence by. Cloud refs were CloudBase file ids already and are read as they are; a legacy
 * local key is moved into the port on its first read (copy, record the new ref, then delete the old file), so the
 * old folder empties as files are opened and nothing stored is lost.
 */
export async function evidenceRef(ctx: Ctx, file: FileDoc): Promise<string> {
  if (file.ref.includes('://')) return file.ref
  if (!LEGACY_KEY_RE.test(file.ref)) throw new Error(`unreadable evidence ref for ${file._id}`)
  const old = join(legacyDir(), file.ref)
  const ref = await ctx.files.put(evidencePath(file._id, file.type), readFileSync(old))
  await ctx.store.update(FILES, { _id: file._id }, { set: { ref } })
  rmSync(old, { force: true })
  ctx.log.info('evidence_moved', { id: file._id })
  return ref
}

/** The type the bytes really are, from their first bytes; null when none of the accepted kinds. */
export function sniffType(b: Buffer): FileType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp'
  if (b.length >= 5 && b.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf'
  return null
}
