/**
 * WeChat open APIs as a CloudBase function calls them: 云调用 through wx-server-sdk's `cloud.openapi`, the path
 * WeChat documents for cloud functions (developers.weixin.qq.com → 云开发 → 云调用). It needs no access token and
 * honours the function's config.json `permissions.openapi`. The older route, node-sdk's
 * `callWxOpenApi({apiName: '/cgi-bin/…'})`, is what wx-server-sdk itself keeps only under a `// DEPRECATED` file
 * (callOpenAPI.ts); its own `openapi.*` methods go through `callCompatibleWxOpenApi` instead.
 *
 * wx-server-sdk answers `{errCode: 0, …}` and throws `{errCode, errMsg}` for WeChat's refusals (43101, 47003…) and
 * for CloudBase's own (-604101: the function is not granted the API). `openApiAnswer` turns both into one answer;
 * a throw with no code (network, timeout) is rethrown, for the caller to retry.
 */
import { createRequire } from 'node:module'

export interface SubscribeSendParams {
  touser: string
  templateId: string
  page?: string
  data: Record<string, { value: string }>
  miniprogramState?: 'developer' | 'trial' | 'formal'
  lang: 'zh_CN'
}

/** The part of wx-server-sdk's `cloud.openapi` this project calls; tests stand in for it. */
export interface WxCloudOpenApi {
  subscribeMessage: { send(params: SubscribeSendParams): Promise<unknown> }
  phonenumber: { getPhoneNumber(params: { code: string }): Promise<unknown> }
}

interface OpenApiAnswer {
  errcode: number
  errmsg: string
  body: Record<string, unknown>
}

/** CloudBase's code for "this function's config.json does not grant that API" (or the grant is still cached). */
export const NO_PERMISSION = -604101

export async function openApiAnswer(call: () => Promise<unknown>): Promise<OpenApiAnswer> {
  try {
    const body = ((await call()) ?? {}) as Record<string, unknown>
    return { errcode: Number(body.errCode ?? body.errcode ?? 0), errmsg: String(body.errMsg ?? body.errmsg ?? ''), body }
  } catch (e) {
    const err = (e ?? {}) as { errCode?: unknown; errcode?: unknown; errMsg?: unknown; message?: unknown }
    const code = err.errCode ?? err.errcode
    if (typeof code === 'number' && code !== 0) return { errcode: code, errmsg: String(err.errMsg ?? err.message ?? ''), body: {} }
    throw e
  }
}

let cloud: WxCloudOpenApi | null = null

/** wx-server-sdk's openapi in the function's own environment; loaded on first use so nothing local needs it. */
function wxCloudOpenApi(): WxCloudOpenApi {
  if (!cloud) {
    // Through createRequire, so no bundler (the functions', the gateway's, a test's) tries to resolve it: only the
    // cloud function's own node_modules has it (build-functions.mjs adds it to the function's package.json).
    const sdk = createRequire(__filename)('wx-server-sdk') as { init(o: object): void; DYNAMIC_CURRENT_ENV: unknown; openapi: WxCloudOpenApi }
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
    cloud = sdk.openapi
  }
  return cloud
}

/** The same, resolved on the first call rather than at start, so a function that never notifies never loads the SDK. */
export const lazyWxCloudOpenApi: WxCloudOpenApi = {
  subscribeMessage: { send: (p) => wxCloudOpenApi().subscribeMessage.send(p) },
  phonenumber: { getPhoneNumber: (p) => wxCloudOpenApi().phonenumber.getPhoneNumber(p) },
}
