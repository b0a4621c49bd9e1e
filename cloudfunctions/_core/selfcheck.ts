import { newId } from './ids'
import { miniprogramStateFromEnv, templatesFromEnv } from './notify-cloudbase'
import type { Store } from './store/port'
import { NO_PERMISSION, openApiAnswer, type WxCloudOpenApi } from './wx-openapi'

/**
 * `npm run deploy -- --check` invokes a function with `{Type: 'SelfCheck'}` through the Tencent Cloud API (no
 * WeChat caller, like a timer). It does only harmless things: one storage round trip on a throwaway document and
 * one open-API call per API that WeChat must refuse for its input (no such user, no such code) — a refusal proves
 * the call got through, while -604101 says the function is not granted the API.
 */
export interface SelfCheckReport {
  storage: { ok: boolean; error?: string }
  openapi: Record<'subscribeMessage.send' | 'phonenumber.getPhoneNumber', { granted: boolean; errcode: number | null; error?: string }>
  templates: string[]
  miniprogramState: string | null
}

export function isSelfCheckEvent(event: unknown): boolean {
  return !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'SelfCheck'
}

async function probe(call: () => Promise<unknown>): Promise<{ granted: boolean; errcode: number | null; error?: string }> {
  try {
    const a = await openApiAnswer(call)
    return { granted: a.errcode !== NO_PERMISSION, errcode: a.errcode }
  } catch (e) {
    return { granted: false, errcode: null, error: e instanceof Error ? e.message : String(e) }
  }
}

export async function selfCheck(store: Store, openapi: WxCloudOpenApi): Promise<SelfCheckReport> {
  const id = `selfcheck-${newId()}`
  let storage: SelfCheckReport['storage']
  try {
    await store.put('settings', { _id: id, at: new Date().toISOString() })
    const back = await store.get('settings', id)
    await store.remove('settings', { _id: id })
    storage = back ? { ok: true } : { ok: false, error: '写入后读不到 / written but not read back' }
  } catch (e) {
    storage = { ok: false, error: e instanceof Error ? e.message : String(e) }
  }
  return {
    storage,
    openapi: {
      'subscribeMessage.send': await probe(() =>
        openapi.subscribeMessage.send({ touser: 'selfcheck', templateId: 'selfcheck', data: {}, lang: 'zh_CN' }),
      ),
      'phonenumber.getPhoneNumber': await probe(() => openapi.phonenumber.getPhoneNumber({ code: 'selfcheck' })),
    },
    templates: Object.keys(templatesFromEnv()),
    miniprogramState: miniprogramStateFromEnv() ?? null,
  }
}
