import { Input, View } from '@tarojs/components'
import Btn from '@/components/Btn'
import './index.scss'

interface Props {
  value: string
  onInput: (value: string) => void
  /** runs the search with the trimmed text: on 搜索, on the keyboard's search key, and with '' on 清除 */
  onSearch: (query: string) => void
  placeholder: string
  /** a search is in force: offer 清除 */
  applied?: boolean
  className?: string
}

/** The staff lists' search: a field, 搜索, and 清除 once a search is in force. */
export default function SearchBar({ value, onInput, onSearch, placeholder, applied, className = '' }: Props) {
  return (
    <View className={`search-bar ${className}`}>
      <Input
        className='search-bar__input'
        value={value}
        maxlength={30}
        confirmType='search'
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
        onConfirm={() => onSearch(value.trim())}
      />
      <Btn size='sm' className='search-bar__go' onClick={() => onSearch(value.trim())}>
        搜索
      </Btn>
      {applied ? (
        <Btn
          kind='ghost'
          size='sm'
          className='search-bar__clear'
          onClick={() => {
            onInput('')
            onSearch('')
          }}
        >
          清除
        </Btn>
      ) : null}
    </View>
  )
}
