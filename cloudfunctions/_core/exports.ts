import { randomBytes } from 'node:crypto'
import type { DownloadLink } from '../../src/contracts/files'
import { fileExt } from '../../src/contracts/files'
import { beijingDay } from '../../src/contracts/time'
import type { Ctx } from './contract'
import { uploadFolder } from './uploads'

/** Long enough to tap 下载 and open it, too short to pass the link around. */
const EXPORT_LINK_TTL_SEC = 10 * 60

/**
 * Puts an export in storage and answers a short-lived link: an inline 50k-row workbook would be megabytes of
 * base64 in the call's answer. The file sits in the requester's own folder, under a random name.
 */
export async function saveExport(ctx: Ctx, filename: string, bytes: Buffer, rows?: number): Promise<DownloadLink> {
  const ext = fileExt(filename) || 'xlsx'
  const day = beijingDay(ctx.now()).replace(/-/g, '')
  const path = `exports/${uploadFolder(ctx.caller.openid).slice('uploads/'.length)}/${day}-${randomBytes(9).toString('base64url')}.${ext}`
  const files = ctx.files
  const fileId = await files.put(path, bytes)
  const url = await files.link(fileId, EXPORT_LINK_TTL_SEC)
  const expiresAt = new Date(ctx.now().getTime() + EXPORT_LINK_TTL_SEC * 1000).toISOString()
  return rows === undefined ? { filename, url, expiresAt } : { filename, url, expiresAt, rows }
}

/**
 * exceljs's `writeBuffer` answers a Node Buffer typed as its own interface: use it as it is, since
 * `Buffer.from` would copy a workbook that may be megabytes.
 */
export function asBuffer(bytes: ArrayBuffer | Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes as ArrayBuffer)
}
