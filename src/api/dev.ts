import type { ApiResult } from '@/contracts/result'
import { NETWORK_ERROR } from './client'

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

/** A notification the local gateway kept instead of sending a WeChat subscribe message. */
export interface OutboxItem {
  openid: string
  template: string
  page?: string
  data: Record<string, string>
  sentAt: string
}

export function listOutbox(): Promise<ApiResult<OutboxItem[]>> {
  return request<OutboxItem[]>('/api/dev/outbox')
}
