import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import Btn from '@/components/Btn'
import FormError from '@/components/FormError'
import TextField from '@/components/TextField'
import { lookupInput, type LookupAnswer } from '@/contracts/membership/roster'
import { useForm, useMutation } from '@/data'
import './index.scss'

const orUndefined = (v: string) => (v.trim() === '' ? undefined : v)

/** 会员查询: is this person a union member, and of which union. The answer holds nothing more. */
export default function LookupPage() {
  const [answer, setAnswer] = useState<(LookupAnswer & { name: string }) | null>(null)
  const form = useForm({
    initial: { name: '', idNumber: '' },
    schema: lookupInput,
    toInput: (v) => ({ name: orUndefined(v.name), idNumber: orUndefined(v.idNumber) }),
  })
  const lookup = useMutation('membership', 'lookup', { onSuccess: (a, input) => setAnswer({ ...a, name: input.name }) })
  const v = form.values
  const edit = (key: 'name' | 'idNumber', value: string) => {
    form.set(key, value)
    setAnswer(null)
  }

  return (
    <View className='page lookup'>
      <View className='card lookup__form'>
        <Text className='muted lookup__hint'>输入姓名和身份证号，查询是否为工会会员及所属工会。只显示「是 / 不是」和工会名称。</Text>
        <TextField
          label='姓名'
          name='name'
          required
          className='lookup__name'
          value={v.name}
          maxlength={30}
          placeholder='与身份证一致'
          error={form.error('name')}
          onInput={(x) => edit('name', x)}
        />
        <TextField
          label='身份证号'
          name='idNumber'
          required
          className='lookup__id-number'
          type={process.env.TARO_ENV === 'weapp' ? 'idcard' : 'text'}
          value={v.idNumber}
          maxlength={18}
          placeholder='18 位居民身份证号'
          error={form.error('idNumber')}
          onInput={(x) => edit('idNumber', x)}
        />
        <FormError message={form.formError} />
        <Btn className='lookup__submit' loading={lookup.busy} onClick={() => void form.submit((d) => lookup.run(d))}>
          {lookup.busy ? '正在查询…' : '查询'}
        </Btn>
      </View>
      {answer ? (
        <View className={`card lookup-result lookup-result--${answer.member ? 'yes' : 'no'}`}>
          <Text className='lookup-result__verdict'>{answer.member ? `${answer.name} 是工会会员` : '没有查到会员记录'}</Text>
          <Text className='lookup-result__detail'>
            {answer.member ? `所属工会：${answer.orgName}` : '请核对姓名和身份证号；如确已入会，请联系所在单位工会或县总工会核对。'}
          </Text>
        </View>
      ) : null}
    </View>
  )
}
