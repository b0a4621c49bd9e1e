import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { Loaded, Query } from '@/data/query'
import { NETWORK_ERROR } from '@/api/errors'
import StateView, { type StateAction } from '../StateView'

const OFFLINE_CODES = ['INTERNAL']

type Source<T> = { query: Query<T>; state?: never; onRetry?: never } | { query?: never; state: Loaded<T>; onRetry: () => void }

type Props<T> = Source<T> & {
  /** what "nothing here" means on this page; when given and `isEmpty(data)`, shown instead of children */
  empty?: { title: string; detail?: string; actions?: StateAction[] }
  isEmpty?: (data: T) => boolean
  loadingText?: string
  children: (data: T) => ReactNode
}

/**
 * The states every data page has, drawn one way: loading, error with retry (no network said plainly, and 没有
 * 权限 when the server refused), empty with what to do next, then the content.
 */
export default function PageState<T>(props: Props<T>) {
  const { empty, isEmpty, loadingText = '正在加载…', children } = props
  const state = props.query ? props.query.state : props.state
  const onRetry = props.query ? () => void props.query.reload() : props.onRetry
  if (state.kind === 'loading') return <StateView kind='loading' title={loadingText} />
  if (state.kind === 'error') {
    const { code, message } = state.error
    const offline = message === NETWORK_ERROR.message
    const title =
      code === 'FORBIDDEN'
        ? '没有权限'
        : code === 'NOT_FOUND'
          ? '内容不存在'
          : offline
            ? '网络连接失败'
            : OFFLINE_CODES.includes(code)
              ? '加载失败'
              : '暂时无法显示'
    return (
      <StateView
        kind='error'
        title={title}
        detail={offline ? '请检查网络后点「重试」' : message}
        actions={code === 'FORBIDDEN' || code === 'NOT_FOUND' ? [] : [{ text: '重试', onClick: onRetry }]}
      />
    )
  }
  if (empty && isEmpty?.(state.data)) return <StateView kind='empty' title={empty.title} detail={empty.detail} actions={empty.actions} />
  return <View className='page-state__content'>{children(state.data)}</View>
}
