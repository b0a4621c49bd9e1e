import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import Btn from '@/components/Btn'
import { call } from '@/api/client'
import type { CaseDetail } from '@/contracts/legalAid/schemas'
import type { CaseAct } from './act'

/** After a case ends (not withdrawn), the applicant rates it once. */
export default function RatingBox({ c, act }: { c: CaseDetail; act: CaseAct }) {
  const [score, setScore] = useState(0)
  const [comment, setComment] = useState('')
  if (c.viewerRole !== 'applicant' || c.status !== 'closed' || c.outcome === 'withdrawn') return null
  return (
    <View className='card legal-detail__actions'>
      {c.rating ? (
        <Text>
          您的评价：{'★'.repeat(c.rating.score)}
          {c.rating.comment ? ` ${c.rating.comment}` : ''}
        </Text>
      ) : (
        <>
          <Text className='legal-detail__label'>给这次法律援助打分</Text>
          <View className='legal-stars'>
            {[1, 2, 3, 4, 5].map((s) => (
              <Text key={s} className={`legal-star ${s <= score ? 'legal-star--on' : ''}`} onClick={() => setScore(s)}>
                ★
              </Text>
            ))}
          </View>
          <Textarea
            className='field__textarea legal-detail__note'
            value={comment}
            maxlength={300}
            placeholder='说说您的感受（选填）'
            onInput={(e) => setComment(e.detail.value)}
          />
          <Btn
            disabled={act.busy || !score}
            onClick={() => act.run({ send: () => call('legalAid', 'rate', { caseId: c.id, score, comment }), done: '谢谢评价' })}
          >
            提交评价
          </Btn>
        </>
      )}
    </View>
  )
}
