import Taro from '@tarojs/taro'
import { call } from '@/api/client'
import { mapCloudError, NETWORK_ERROR } from '@/api/errors'
import { getToken } from '@/api/session'
import { uploadProblem, type UploadKind } from '@/contracts/files'
import type { ApiResult } from '@/contracts/result'

/** A file the person picked: a temp path in WeChat, a File (or blob: URL) in the browser. */
export interface LocalFile {
  name: string
  size: number
  /** weapp temp path, or an H5 blob: URL */
  path?: string
  blob?: Blob
}

async function putToGateway(cloudPath: string, file: LocalFile): Promise<ApiResult<{ fileId: string }>> {
  const blob = file.blob ?? (file.path ? await (await fetch(file.path)).blob() : null)
  if (!blob) return { ok: false, error: { code: 'VALIDATION_FAILED', message: '读取文件失败，请重新选择' } }
  const res = await fetch('/api/upload/' + cloudPath, { method: 'PUT', headers: { authorization: 'Bearer ' + getToken() }, body: blob })
  const body = (await res.json()) as ApiResult<{ fileId: string }>
  return body && typeof body === 'object' && 'ok' in body ? body : { ok: false, error: NETWORK_ERROR }
}

async function putToCloud(cloudPath: string, file: LocalFile): Promise<ApiResult<{ fileId: string }>> {
  if (!file.path) return { ok: false, error: { code: 'VALIDATION_FAILED', message: '读取文件失败，请重新选择' } }
  try {
    const res = await Taro.cloud.uploadFile({ cloudPath, filePath: file.path })
    return { ok: true, data: { fileId: res.fileID } }
  } catch (e) {
    const failure = mapCloudError(e)
    // handled: the page shows 上传失败 with the reason
    console.warn('upload_failed', { errCode: failure.errCode, errMsg: (e as { errMsg?: string } | null)?.errMsg })
    return { ok: false, error: { ...failure.error, message: `上传失败：${failure.error.message}` } }
  }
}

/**
 * Uploads into the caller's own storage folder and answers the file id an action takes. Files never ride
 * inside a function call: CloudBase wants call data small, and a 5 MB base64 string would be 6.7 MB of it.
 */
export async function uploadFile(kind: UploadKind, file: LocalFile): Promise<ApiResult<{ fileId: string }>> {
  const problem = uploadProblem(kind, file.name, file.size)
  if (problem) return { ok: false, error: { code: 'VALIDATION_FAILED', message: problem, fields: [{ path: 'file', message: problem }] } }
  const target = await call('account', 'uploadTarget', { kind, name: file.name, size: file.size })
  if (!target.ok) return target
  try {
    return process.env.TARO_ENV === 'weapp' ? await putToCloud(target.data.cloudPath, file) : await putToGateway(target.data.cloudPath, file)
  } catch {
    return { ok: false, error: NETWORK_ERROR }
  }
}
