import { Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'

interface Props {
  /** the public commitment code shown before the end */
  seedHash: string
  /** the revealed draw password, once the campaign has ended */
  seed?: string
  /** more details for this page (the number table, the draws) */
  children?: ReactNode
}

/**
 * 「如何验证公平」: closed by default, in plain words. The technical names (SHA-256, HMAC) stay in the README for
 * whoever recomputes; a worker reads what is promised and what to compare.
 */
export default function FairHow({ seedHash, seed, children }: Props) {
  const [open, setOpen] = useState(false)
  return (
    <View className='card quiz-fair'>
      <View className='quiz-row quiz-fair__toggle' onClick={() => setOpen(!open)}>
        <Text className='section-title'>如何验证公平</Text>
        <Text className='muted'>{open ? '收起' : '展开 ›'}</Text>
      </View>
      <Text className='muted quiz-block'>每次抽奖的结果在活动开始前就定好了，工会和任何人都不能事后更改。</Text>
      {open ? (
        <View className='quiz-fair__body'>
          <Text className='quiz-block'>1. 活动开始前，系统生成一串保密的「抽奖密码」，并公布由它算出的「承诺码」：</Text>
          <Text className='quiz-hash quiz-block'>{seedHash}</Text>
          <Text className='quiz-block'>
            2. 每次抽奖，用抽奖密码和这次抽奖的编号算出一个 0 到 9999 之间的号码，号码落在哪个奖品的范围就中哪个奖品。
          </Text>
          <Text className='quiz-block'>3. 活动结束后公布抽奖密码。谁都可以用它算出承诺码，核对和上面的一致，再逐次算出每个号码。</Text>
          {seed ? (
            <View>
              <Text className='muted quiz-block'>已公布的抽奖密码：</Text>
              <Text className='quiz-hash quiz-seed quiz-block'>{seed}</Text>
            </View>
          ) : (
            <Text className='muted quiz-block'>活动还没结束，抽奖密码暂不公布。</Text>
          )}
          {children}
        </View>
      ) : null}
    </View>
  )
}
