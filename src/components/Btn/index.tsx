import { Button } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

interface Props {
  kind?: 'primary' | 'secondary' | 'ghost' | 'danger'
  size?: 'md' | 'sm'
  disabled?: boolean
  className?: string
  onClick?: () => void
  children: ReactNode
}

/** Taro's Button with the platform chrome removed, so it looks the same in WeChat and the browser. */
export default function Btn({ kind = 'primary', size = 'md', disabled, className, onClick, children }: Props) {
  const cls = ['btn', `btn--${kind}`, `btn--${size}`, disabled ? 'btn--disabled' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <Button className={cls} disabled={disabled} onClick={disabled ? undefined : onClick}>
      {children}
    </Button>
  )
}
