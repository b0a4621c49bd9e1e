import Taro from '@tarojs/taro'

const LOAD_FAILED_MESSAGE = '页面加载失败，请检查网络后重试'

/** webpack's failed `import()` of a page chunk (JS or CSS) on a weak network. */
export function isChunkLoadError(reason: unknown): boolean {
  if (!reason || typeof reason !== 'object') return typeof reason === 'string' && /Loading (CSS )?chunk .* failed/i.test(reason)
  const e = reason as { name?: unknown; message?: unknown; type?: unknown }
  if (e.name === 'ChunkLoadError') return true
  return typeof e.message === 'string' && /Loading (CSS )?chunk .* failed/i.test(e.message)
}

let asking = false

/** One prompt at a time (a page pulls several chunks; each failure would ask again). */
async function askToRetry(retry: () => void) {
  if (asking) return
  asking = true
  try {
    const res = await Taro.showModal({ title: '加载失败', content: LOAD_FAILED_MESSAGE, confirmText: '重试', cancelText: '取消' })
    if (res.confirm) retry()
  } catch {
    // No modal possible (page torn down): the next failure will ask again.
  } finally {
    asking = false
  }
}

let watching = false

/**
 * A page chunk that fails to load left the old page on screen with no word. H5: webpack rejects the page's
 * `import()` with a ChunkLoadError, which Taro's router rethrows: catch it on window and offer a reload. The
 * mini-program: WeChat reports a failed subpackage or component load through onLazyLoadError (base library
 * 2.24.3+; guarded, older clients simply don't report).
 */
export function watchLoadFailures(): void {
  if (watching) return
  watching = true
  if (process.env.TARO_ENV === 'h5') {
    if (typeof window === 'undefined') return
    const reload = () => window.location.reload()
    window.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
      if (isChunkLoadError(e.reason)) {
        e.preventDefault()
        void askToRetry(reload)
      }
    })
    window.addEventListener('error', (e: ErrorEvent) => {
      if (isChunkLoadError(e.error) || isChunkLoadError(e.message)) void askToRetry(reload)
    })
    return
  }
  const onLazyLoadError = (Taro as unknown as { onLazyLoadError?: (cb: (res: unknown) => void) => void }).onLazyLoadError
  if (typeof onLazyLoadError !== 'function') return
  onLazyLoadError(() => {
    void askToRetry(() => {
      const pages = Taro.getCurrentPages()
      const top = pages[pages.length - 1]
      if (!top?.route) return void Taro.reLaunch({ url: '/pages/home/index' })
      const query = Object.entries((top as { options?: Record<string, string> }).options ?? {})
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .join('&')
      void Taro.reLaunch({ url: `/${top.route}${query ? `?${query}` : ''}` })
    })
  })
}
