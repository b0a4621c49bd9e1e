import { Image, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import StateView from '@/components/StateView'
import type { MemberCard } from '@/contracts/membership/schemas'
import type { ApiError } from '@/contracts/result'
import { ensureSignedIn } from '@/api/session'
import { formatDate } from '@/utils/membership'
import { APPLY_PAGE, getCard, MEMBERSHIP_HOME } from '../shared/api'
import './index.scss'

type Load = { kind: 'loading' } | { kind: 'error'; error: ApiError } | { kind: 'ready'; card: MemberCard }

export default function CardPage() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' })

  const fetchCard = async () => {
    setLoad({ kind: 'loading' })
    const res = await getCard()
    setLoad(res.ok ? { kind: 'ready', card: res.data } : { kind: 'error', error: res.error })
  }

  useLoad(() => {
    if (!ensureSignedIn()) return
    void fetchCard()
  })

  if (load.kind === 'loading') {
    return (
      <View className='page'>
        <StateView kind='loading' title='正在加载会员卡…' />
      </View>
    )
  }
  if (load.kind === 'error') {
    // Not a member (yet): a friendly way on, not an error.
    if (load.error.code === 'NOT_FOUND') {
      return (
        <View className='page'>
          <StateView
            kind='info'
            className='member-card-missing'
            title='您还没有会员卡'
            detail={load.error.message || '入会申请审核通过后，这里会显示您的工会会员电子卡。'}
            actions={[
              { text: '查看入会申请', onClick: () => Taro.redirectTo({ url: MEMBERSHIP_HOME }) },
              { text: '申请入会', onClick: () => Taro.redirectTo({ url: APPLY_PAGE }), kind: 'secondary' },
            ]}
          />
        </View>
      )
    }
    return (
      <View className='page'>
        <StateView kind='error' title='会员卡加载失败' detail={load.error.message} actions={[{ text: '重试', onClick: () => void fetchCard() }]} />
      </View>
    )
  }

  const { card } = load
  const valid = card.status === 'valid'
  return (
    <View className='page member-card-page'>
      <View className={`member-card member-card--${card.status}`}>
        <View className='member-card__head'>
          <View className='member-card__emblem'>工</View>
          <View className='member-card__head-text'>
            <Text className='member-card__issuer'>中华全国总工会</Text>
            <Text className='member-card__title'>工会会员电子卡</Text>
          </View>
          <Text className={`member-card__status member-card__status--${card.status}`}>{valid ? '有效' : '已注销'}</Text>
        </View>

        <View className='member-card__body'>
          <Text className='member-card__name'>{card.name}</Text>
          <View className='member-card__row'>
            <Text className='member-card__key'>会员编号</Text>
            <Text className='member-card__value member-card__no'>{card.memberNo}</Text>
          </View>
          <View className='member-card__row'>
            <Text className='member-card__key'>所属工会</Text>
            <Text className='member-card__value member-card__org'>{card.orgName}</Text>
          </View>
          <View className='member-card__row'>
            <Text className='member-card__key'>入会日期</Text>
            <Text className='member-card__value member-card__date'>{formatDate(card.joinDate)}</Text>
          </View>
        </View>

        <View className='member-card__qr-wrap'>
          <Image className='member-card__qr' src={card.qr.image} mode='aspectFit' showMenuByLongpress={false} />
          <Text className='member-card__qr-hint'>{valid ? '请向工作人员出示此码核验会员身份' : '会籍已注销，此码不再有效'}</Text>
        </View>
      </View>
      <Text className='footnote'>本卡仅限本人使用。工作人员扫码核验时，只看到您的姓氏、会员编号和所属工会。</Text>
    </View>
  )
}
