import Taro from '@tarojs/taro'

/**
 * Back when there is somewhere to go back to; otherwise (opened from a share card, a scan or a reload in H5)
 * to a sensible parent page, so a "返回" or a finished form never leaves the user stuck.
 */
export function goBackOr(fallbackUrl: string, opts: { tab?: boolean } = {}): void {
  if (Taro.getCurrentPages().length > 1) {
    Taro.navigateBack()
  } else if (opts.tab) {
    Taro.switchTab({ url: fallbackUrl })
  } else {
    Taro.redirectTo({ url: fallbackUrl })
  }
}

/** Brings the first invalid field into view after a failed submit. */
export function scrollToFirstError(): void {
  setTimeout(() => {
    Taro.pageScrollTo({ selector: '.field--invalid', duration: 200 }).catch(() => undefined)
  }, 50)
}
