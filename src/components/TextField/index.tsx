import { Input } from '@tarojs/components'
import type { ReactNode } from 'react'
import Field from '../Field'

interface Props {
  label: string
  /** class suffix for tests and styles, and the path errors come back under */
  name: string
  value: string
  onInput: (value: string) => void
  required?: boolean
  error?: string
  hint?: ReactNode
  placeholder?: string
  maxlength?: number
  type?: 'text' | 'number' | 'idcard' | 'digit'
  className?: string
}

/** A labelled one-line input with its error under it: the common case of Field + Input. */
export default function TextField({ label, name, value, onInput, required, error, hint, placeholder, maxlength, type = 'text', className }: Props) {
  return (
    <Field label={label} name={name} required={required} error={error} hint={hint}>
      <Input
        className={`field__input ${className ?? ''}`}
        type={type}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
      />
    </Field>
  )
}
