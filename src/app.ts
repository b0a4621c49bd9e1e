import type { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { initCloud } from './api/client'
import { watchLoadFailures } from './utils/loadErrors'
import { followBrowserTextSize } from './utils/fontScale'
import './app.scss'

const NOT_FOUND_PAGE = '/pages/notfound/index'

/**
 * An unknown route (an old shared link, a typo): show 页面不存在 with a way home rather than a blank page. H5's
 * router fires this for every unmatched hash; WeChat for an entry page that does not exist.
 */
function onPageNotFound(res: { path: string }) {
  if (res.path && res.path.replace(/^\//, '').startsWith(NOT_FOUND_PAGE.slice(1))) return
  void Taro.reLaunch({ url: `${NOT_FOUND_PAGE}?path=${encodeURIComponent(res.path || '')}` })
}

// At module load, before the router resolves the first route (an entry link may be the unknown one).
if (typeof Taro.onPageNotFound === 'function') Taro.onPageNotFound(onPageNotFound)
watchLoadFailures()
// 关怀模式: H5 follows the browser's text size (the weapp gets WeChat's through page-meta, config/care/page-meta.js).
if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') followBrowserTextSize()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initCloud()
  })
  return children
}

export default App
