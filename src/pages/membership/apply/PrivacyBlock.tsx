import { ScrollView, Text, View } from '@tarojs/components'
import Check from '@/components/Check'
import FieldError from '@/components/FieldError'

interface Props {
  notice: string
  consent: boolean
  error?: string
  onChange: (next: boolean) => void
}

/** The notice is shown in full before the box, not behind a link: consent under PIPL has to be informed. */
export default function PrivacyBlock({ notice, consent, error, onChange }: Props) {
  return (
    <View className={`card apply__privacy field--consent ${error ? 'field--invalid' : ''}`}>
      <Text className='apply__section-title'>个人信息保护说明</Text>
      <ScrollView scrollY className='apply__privacy-text'>
        {notice
          .split('\n')
          .filter(Boolean)
          .map((line, i) => (
            <Text key={i} className='apply__privacy-line'>
              {line}
            </Text>
          ))}
      </ScrollView>
      <Check checked={consent} onChange={onChange} className='apply__consent'>
        <Text>我已阅读并同意《个人信息保护说明》，同意工会为办理入会处理上述信息</Text>
      </Check>
      <FieldError message={error} />
    </View>
  )
}
