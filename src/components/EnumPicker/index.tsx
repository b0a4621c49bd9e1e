import PickerBox from '../PickerBox'

interface Props<T extends string> {
  options: readonly T[]
  /** '' (or any value not among the options) when nothing is chosen yet */
  value: string
  placeholder?: string
  disabled?: boolean
  className?: string
  onChange: (value: T) => void
}

/** A picker over a fixed list of words (民族, 学历, 年级…): value in, value out, no index bookkeeping. */
export default function EnumPicker<T extends string>({ options, value, onChange, ...rest }: Props<T>) {
  return <PickerBox {...rest} range={options} value={options.indexOf(value as T)} onChange={(i) => onChange(options[i])} />
}
