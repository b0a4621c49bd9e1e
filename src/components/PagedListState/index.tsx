import Btn from '@/components/Btn'
import StateView from '@/components/StateView'
import type { PagedList } from '@/data'

interface Props {
  list: PagedList<unknown>
  /** asks for a page: the next one for 加载更多, the failed one again for 重试 */
  onLoad: (page: number) => void
  empty: { title: string; detail?: string; className?: string }
  moreClassName?: string
}

/** What goes under a paged list: loading, the error with 重试, the empty state, or 加载更多 with how many are shown. */
export default function PagedListState({ list, onLoad, empty, moreClassName }: Props) {
  return (
    <>
      {list.loading ? <StateView kind='loading' title='正在加载…' /> : null}
      {list.error ? (
        <StateView
          kind='error'
          title='加载失败'
          detail={list.error.message}
          actions={[{ text: '重试', onClick: () => onLoad(list.page + 1 || 1) }]}
        />
      ) : null}
      {!list.loading && !list.error && !list.items.length ? <StateView kind='empty' {...empty} /> : null}
      {list.items.length < list.total && !list.loading && !list.error ? (
        <Btn kind='ghost' className={moreClassName} onClick={() => onLoad(list.page + 1)}>
          加载更多（已显示 {list.items.length}/{list.total}）
        </Btn>
      ) : null}
    </>
  )
}
