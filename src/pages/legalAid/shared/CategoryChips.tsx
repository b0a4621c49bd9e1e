import { Text, View } from '@tarojs/components'
import { CATEGORIES, CATEGORY_LABELS, type Category } from '@/contracts/legalAid/schemas'

/** The 案由 as tappable chips: the consultation, the frequent answers and their editor pick one the same way. */
export default function CategoryChips({ value, onChange }: { value: Category | null; onChange: (c: Category) => void }) {
  return (
    <View className='legal-cats field--category'>
      {CATEGORIES.map((c) => (
        <View key={c} className={`legal-cat legal-cat--${c} ${value === c ? 'legal-cat--on' : ''}`} onClick={() => onChange(c)}>
          <Text>{CATEGORY_LABELS[c]}</Text>
        </View>
      ))}
    </View>
  )
}
