import { Button } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import './index.scss'

interface Props {
  kind?: 'primary' | 'secondary' | 'ghost' | 'danger'
  size?: 'md' | 'sm'
  disabled?: boolean
  /** shown busy and deaf to taps, e.g. while its request is in flight */
  loading?: boolean
  className?: string
  /** when it returns a promise, the button stays busy until it settles: a double tap sends nothing twice */
  onClick?: () => unknown
  children: ReactNode
}

/** Taro's Button with the platform chrome removed, so it looks the same in WeChat and the browser. */
export default function Btn({ kind = 'primary', size = 'md', disabled, loading, className, onClick, children }: Props) {
  const [busy, setBusy] = useState(false)
  const inert = disabled || loading || busy
  // Only the weapp's native button draws its own spinner. In H5, Taro's button (a Stencil element) inserts its
  // spinner before the slot it shares with React's children; when a save changes the label at the same time, that
  // insert lands on a node React has replaced (「insertBefore … not a child of this node」). There the spinner is
  // CSS (.btn--spin), so the element's children never change under React.
  const weapp = process.env.TARO_ENV === 'weapp'
  const cls = [
    'btn',
    `btn--${kind}`,
    `btn--${size}`,
    disabled ? 'btn--disabled' : '',
    loading || busy ? 'btn--loading' : '',
    (loading || busy) && !weapp ? 'btn--spin' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ')
  const tap = () => {
    if (inert || !onClick) return
    const out = onClick()
    if (out && typeof (out as Promise<unknown>).then === 'function') {
      setBusy(true)
      void (out as Promise<unknown>).finally(() => setBusy(false))
    }
  }
  return (
    <Button className={cls} disabled={disabled} loading={weapp ? loading || busy : undefined} onClick={tap}>
      {children}
    </Button>
  )
}
