import Taro from '@tarojs/taro'
import type { NoticeKey } from '@/contracts/notices'

/** Whether every one of these notices has a long-term template: one acceptance covers all later notices. */
export function isLongTerm(noticeKeys: NoticeKey[]): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false
  const longTerm: string[] = SUBSCRIBE_LONG_TERM
  return noticeKeys.length > 0 && noticeKeys.every((k) => longTerm.includes(k))
}

/** Whether any of these notices can reach WeChat at all: the deployment configured a template for it. */
export function canRemind(noticeKeys: NoticeKey[]): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false
  const templates: Record<string, string> = SUBSCRIBE_TEMPLATES
  return noticeKeys.some((k) => !!templates[k])
}

/**
 * Asks the user to allow the subscribe messages for these notices (WeChat sends none without it). A one-time
 * subscription delivers one message, so pages ask again at the worker's next tap on the same case or booking.
 * Must run in the chain of a tap (here: right after the confirm dialog), never throws, and does nothing in H5 or
 * when the deployment configured no template for the notice (SUBSCRIBE_TEMPLATES, from subscribe-templates.json).
 * Answers the notices the user accepted.
 */
export async function askForNotices(noticeKeys: NoticeKey[]): Promise<NoticeKey[]> {
  if (process.env.TARO_ENV !== 'weapp') return []
  // Through a variable: the build substitutes an object literal, and `(k) => {}[k]` would parse as a block.
  const templates: Record<string, string> = SUBSCRIBE_TEMPLATES
  // WeChat refuses a request for more than three templates at once; callers list the likeliest first.
  const tmplIds = noticeKeys
    .map((k) => templates[k])
    .filter((id): id is string => !!id)
    .slice(0, 3)
  if (!tmplIds.length) return []
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds } as unknown as Parameters<
      typeof Taro.requestSubscribeMessage
    >[0])) as unknown as Record<string, string>
    return noticeKeys.filter((k) => templates[k] && res[templates[k]] === 'accept')
  } catch (e) {
    // Refused, cancelled, or the main switch is off: the 消息中心 still shows the notice.
    console.warn('subscribe_request_failed', { errMsg: (e as { errMsg?: string } | null)?.errMsg })
    return []
  }
}
