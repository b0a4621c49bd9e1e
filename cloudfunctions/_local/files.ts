import type http from 'node:http'
import type { ApiResult } from '../../src/contracts/result'
import { UPLOAD_KINDS, fileExt } from '../../src/contracts/files'
import { safePath, verifyLocalLink, type FileStorage } from '../_core/files'
import { uploadFolder } from '../_core/uploads'

/**
 * The local stand-in for CloudBase storage: `PUT /api/upload/<cloudPath>` is what `wx.cloud.uploadFile` does
 * (into the caller's own folder only), and `GET /api/files/<path>?e=&s=` serves the signed links functions hand out.
 */

const MAX_UPLOAD = Math.max(...Object.values(UPLOAD_KINDS).map((k) => k.maxBytes))

const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
}

type Send = (res: http.ServerResponse, result: ApiResult<unknown>, status?: number) => void

function readBytes(req: http.IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let over = Number(req.headers['content-length'] ?? 0) > max
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > max) over = true
      if (size > max * 4) req.destroy()
      else if (!over) chunks.push(c)
    })
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export async function handleUpload(
  files: FileStorage,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  openid: string | null,
  path: string,
  send: Send,
): Promise<void> {
  if (!openid) return send(res, { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
  const cloudPath = decodeURIComponent(path.slice('/api/upload/'.length))
  let ok: boolean
  try {
    ok = cloudPath.startsWith(uploadFolder(openid) + '/') && safePath(cloudPath) === cloudPath
  } catch {
    ok = false
  }
  if (!ok) return send(res, { ok: false, error: { code: 'FORBIDDEN', message: '只能上传到自己的文件夹' } })
  const bytes = await readBytes(req, MAX_UPLOAD)
  if (!bytes) {
    res.setHeader('connection', 'close')
    return send(res, { ok: false, error: { code: 'VALIDATION_FAILED', message: '文件过大，无法上传' } }, 413)
  }
  const fileId = await files.put(cloudPath, bytes)
  send(res, { ok: true, data: { fileId } })
}

export async function handleFileGet(files: FileStorage, req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local')
  const filePath = decodeURIComponent(path.slice('/api/files/'.length))
  if (!verifyLocalLink(filePath, url.searchParams.get('e'), url.searchParams.get('s'))) {
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' })
    return void res.end('链接已失效，请返回重新获取')
  }
  let bytes: Buffer
  try {
    bytes = await files.get('local://' + filePath)
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    return void res.end('文件不存在或已删除')
  }
  res.writeHead(200, {
    'content-type': TYPES[fileExt(filePath)] ?? 'application/octet-stream',
    'content-length': bytes.length,
    'cache-control': 'private, max-age=300',
    'x-content-type-options': 'nosniff',
  })
  res.end(bytes)
}
