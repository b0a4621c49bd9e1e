import type { ApiResult } from '@/contracts/result'
import { NETWORK_ERROR } from './client'
import { getToken } from './session'

/** Demo identities offered by the local gateway (H5 only). */
export interface Persona {
  openid: string
  name: string
  description: string
}

async function request<T>(path: string, init?: RequestInit): Promise<ApiResult<T>> {
  // Constant test: the weapp build has no gateway, so this code is dropped from it entirely.
  if (process.env.TARO_ENV === 'h5') {
    try {
      const res = await fetch(path, init)
      const body = (await res.json()) as ApiResult<T>
      return body && typeof body === 'object' && 'ok' in body ? body : { ok: false, error: NETWORK_ERROR }
    } catch {
      return { ok: false, error: NETWORK_ERROR }
    }
  }
  return { ok: false, error: NETWORK_ERROR }
}

export function listPersonas(): Promise<ApiResult<Persona[]>> {
  return request<Persona[]>('/api/dev/personas')
}

export function devLogin(openid: string): Promise<ApiResult<{ token: string }>> {
  return request<{ token: string }>('/api/dev/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  })
}

/** A notice from the outbox: the caller's own, or everyone's (recipients masked) for the admin. */
interface OutboxItem {
  id: string
  openid: string
  template: string
  title: string
  body: string
  page?: string
  data: Record<string, string>
  createdAt: string
  status: 'pending' | 'sending' | 'sent' | 'skipped' | 'refused' | 'failed'
  reason?: string
  sentAt?: string
}

export function listOutbox(): Promise<ApiResult<OutboxItem[]>> {
  return request<OutboxItem[]>('/api/dev/outbox', { headers: { authorization: 'Bearer ' + getToken() } })
}

/**
 * 本地演示 of WeChat's 手机号快速验证: the gateway issues the one-time code WeChat would hand the page for this
 * number. Only the H5 build has it; the mini program gets its code from WeChat's getPhoneNumber button.
 */
export function demoPhoneCode(phone: string): Promise<ApiResult<{ code: string }>> {
  return request<{ code: string }>('/api/dev/phone-code', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + getToken() },
    body: JSON.stringify({ phone }),
  })
}
