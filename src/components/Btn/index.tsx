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
  const cls = ['btn', `btn--${kind}`, `btn--${size}`, disabled ? 'btn--disabled' : '', loading || busy ? 'btn--loading' : '', className ?? '']
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
    <Button className={cls} disabled={disabled} loading={loading || busy} onClick={tap}>
      {children}
    </Button>
  )
}
