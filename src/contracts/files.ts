import * as z from 'zod'
import { LONE_SURROGATE, loneSurrogateMessage } from './fields'

/**
 * Files never travel inside a function call (CloudBase asks callFunction data to stay small): the client uploads
 * to storage first, into a folder only it may write (`uploads/<openid>/…`), and passes the file's id; exports come
 * back as a short-lived download link. These are the kinds of upload, with what each accepts.
 */
export const UPLOAD_KINDS = {
  /** 驿站照片: compressed on the phone before upload */
  stationPhoto: { label: '照片', exts: ['jpg', 'jpeg', 'png', 'webp'], maxBytes: 2 * 1024 * 1024 },
  /** Excel/CSV imports */
  sheet: { label: '表格文件', exts: ['xlsx', 'csv'], maxBytes: 5 * 1024 * 1024 },
  /** 法律援助 evidence */
  evidence: { label: '证据文件', exts: ['jpg', 'jpeg', 'png', 'webp', 'pdf'], maxBytes: 5 * 1024 * 1024 },
} as const

export type UploadKind = keyof typeof UPLOAD_KINDS
const UPLOAD_KIND_NAMES = Object.keys(UPLOAD_KINDS) as [UploadKind, ...UploadKind[]]

export function fileExt(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name.trim())
  return m ? m[1].toLowerCase() : ''
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`
}

/** The check the phone makes before uploading, and the server makes again before handing out a folder. */
export function uploadProblem(kind: UploadKind, name: string, size: number): string | null {
  const spec = UPLOAD_KINDS[kind]
  const ext = fileExt(name)
  if (!(spec.exts as readonly string[]).includes(ext)) return `${spec.label}只能是 ${spec.exts.filter((e) => e !== 'jpeg').join('、')} 格式`
  if (size <= 0) return `${spec.label}是空的，请重新选择`
  if (size > spec.maxBytes) return `${spec.label}不能超过 ${sizeText(spec.maxBytes)}（这个文件 ${sizeText(size)}）`
  return null
}

export const uploadTargetInput = z
  .object({
    kind: z.enum(UPLOAD_KIND_NAMES, { error: '上传类型不正确' }),
    name: z
      .string({ error: '缺少文件名' })
      .trim()
      .min(1, '缺少文件名')
      .max(120, '文件名过长')
      .refine((s) => !LONE_SURROGATE.test(s), loneSurrogateMessage('文件名')),
    size: z.number({ error: '文件大小不正确' }).int('文件大小不正确').min(0, '文件大小不正确'),
  })
  .superRefine((v, c) => {
    const problem = uploadProblem(v.kind, v.name, v.size)
    const typeOk = (UPLOAD_KINDS[v.kind].exts as readonly string[]).includes(fileExt(v.name))
    if (problem) c.addIssue({ code: 'custom', path: [typeOk ? 'size' : 'name'], message: problem })
  })

/** Where the client puts the bytes: a path in the caller's own upload folder. */
export interface UploadTarget {
  cloudPath: string
}

/**
 * A file a client uploaded: `cloud://<env>.<bucket>/uploads/…` in CloudBase, `local://uploads/…` on the local
 * gateway. Which caller it belongs to is checked on the server, not here.
 */
export function uploadedFile(label: string) {
  return z
    .string({ error: `请先上传${label}` })
    .trim()
    .min(1, `请先上传${label}`)
    .max(400, `${label}编号不正确`)
    .regex(/^(cloud:\/\/[A-Za-z0-9._-]+|local:\/)\/uploads\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_./-]{1,160}$/, `${label}编号不正确，请重新上传`)
    .refine((v) => !v.includes('..') && !v.includes('//', v.indexOf('/uploads/')), `${label}编号不正确，请重新上传`)
}

/** What an export action answers: a link valid for a few minutes, and the name to save it under. */
export interface DownloadLink {
  filename: string
  url: string
  expiresAt: string
  rows?: number
}
