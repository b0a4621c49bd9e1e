import type { ApiError } from '@/contracts/result'

/**
 * What a failed `wx.cloud.callFunction` means, in words a worker can act on. The SDK rejects with
 * `{ errCode, errMsg }`; the codes are CloudBase's (-501000 family: the request was refused before the
 * function ran; -504002: the function failed or ran out of time) and the message text carries the detail.
 */
interface CloudFailure {
  error: ApiError
  /** the request never reached the function or timed out, so asking again is safe for a read */
  transient: boolean
  /** for the log */
  errCode: number | string | null
}

export const NETWORK_ERROR: ApiError = { code: 'INTERNAL', message: '网络连接失败，请检查网络后重试' }

export function mapCloudError(e: unknown): CloudFailure {
  const o = (e && typeof e === 'object' ? e : {}) as { errCode?: unknown; errMsg?: unknown; message?: unknown; code?: unknown }
  const errCode = typeof o.errCode === 'number' || typeof o.errCode === 'string' ? o.errCode : typeof o.code === 'number' ? o.code : null
  const text = `${String(o.errMsg ?? '')} ${String(o.message ?? '')} ${e instanceof Error ? '' : typeof e === 'string' ? e : ''}`
  const code = String(errCode ?? '')
  if (
    /FUNCTION_NOT_FOUND|FunctionName|ResourceNotFound\.Function|function not found|找不到.*函数/i.test(text) ||
    (code === '-501000' && /not ?found|不存在/i.test(text))
  ) {
    return { error: { code: 'NOT_FOUND', message: '这项服务尚未开通（云函数未部署），请联系工会管理员' }, transient: false, errCode }
  }
  if (/timed? ?out|timeout|超时|ESOCKETTIMEDOUT|ETIMEDOUT/i.test(text) || code === '-504003') {
    return { error: { code: 'INTERNAL', message: '服务响应超时，请稍后重试' }, transient: true, errCode }
  }
  if (/LimitExceeded|quota|exceed|配额|超出.*限制|频率/i.test(text) || code === '-501004' || code === '-502003') {
    return { error: { code: 'RATE_LIMITED', message: '当前使用人数较多，服务已达上限，请稍后再试' }, transient: false, errCode }
  }
  if (/env.*(not|invalid)|环境.*(不存在|未开通)|-601034|-501023/i.test(text) || code === '-601034' || code === '-501023') {
    return { error: { code: 'INTERNAL', message: '云开发环境不可用，请联系工会管理员' }, transient: false, errCode }
  }
  if (/request:fail|network|网络|ECONNRESET|ENOTFOUND|EAI_AGAIN/i.test(text) || code === '-1' || (code === '-404011' && /network/i.test(text))) {
    return { error: NETWORK_ERROR, transient: true, errCode }
  }
  if (code === '-504002') {
    return { error: { code: 'INTERNAL', message: '服务出错了，请稍后再试' }, transient: false, errCode }
  }
  return {
    error: { code: 'INTERNAL', message: errCode === null ? NETWORK_ERROR.message : `服务暂时不可用（错误码 ${code}），请稍后再试` },
    transient: errCode === null,
    errCode,
  }
}
