import { Text, View } from '@tarojs/components'
import Check from '@/components/Check'
import FieldError from '@/components/FieldError'
import TextField from '@/components/TextField'
import type { Category, MeansPolicy } from '@/contracts/legalAid/schemas'

interface MeansValues {
  migrant: boolean
  assistance: boolean
  monthlyIncome: string
  promise: boolean
}

interface Props {
  policy: MeansPolicy
  category: Category | null
  values: MeansValues
  set: <K extends keyof MeansValues>(key: K, value: MeansValues[K]) => void
  error: (path: string) => string | undefined
}

/**
 * The statement a union that means-tests asks for: who the law exempts (农民工 claiming wages or 工伤 compensation,
 * people on social assistance), else the household income per person; always the 个人诚信承诺 (第四十一条).
 */
export default function MeansFields({ policy, category, values, set, error }: Props) {
  const lawExempt = (values.migrant && (category === 'wage' || category === 'injury')) || values.assistance
  return (
    <View className='legal-means'>
      <Text className='legal-means__intro'>
        {policy.orgName || '工会'}对法律援助申请审查经济困难
        {policy.incomeThreshold !== null ? `：家庭人均月收入 ${policy.incomeThreshold} 元以下` : ''}
        {policy.minAmount !== null ? `，涉案金额 ${policy.minAmount} 元以上` : ''}。按您自己的说明办理，不用开证明。
      </Text>
      <Check className='legal-means__migrant' checked={values.migrant} onChange={(v) => set('migrant', v)}>
        我是农民工（讨要工资、工伤赔偿免予审查）
      </Check>
      <Check className='legal-means__assistance' checked={values.assistance} onChange={(v) => set('assistance', v)}>
        我正在领取低保等社会救助或优抚待遇（免予审查）
      </Check>
      {lawExempt ? (
        <Text className='legal-apply__exempt'>您免予经济困难审查，不用填收入。</Text>
      ) : (
        <TextField
          label='家庭人均月收入（元）'
          name='monthly-income'
          type='digit'
          required
          value={values.monthlyIncome}
          placeholder='全家每月收入 ÷ 人数'
          error={error('monthlyIncome')}
          onInput={(x) => set('monthlyIncome', x)}
        />
      )}
      <Check className='legal-means__promise field--promise' checked={values.promise} onChange={(v) => set('promise', v)}>
        本人承诺以上经济状况真实；如有虚假，愿意承担相应责任（个人诚信承诺）
      </Check>
      <FieldError message={error('promise')} />
    </View>
  )
}
