import { Input, Text, View } from '@tarojs/components'
import Btn from '@/components/Btn'
import Choice from '@/components/Choice'
import Field from '@/components/Field'
import { PRIZE_KINDS, PRIZE_KIND_LABELS, WEIGHT_TOTAL } from '@/contracts/quiz/schemas'
import { newPrize, type EditForm, type PForm } from './form'
import VoucherTerms from './VoucherTerms'

/** 奖品: name, kind, stock and weight; frozen once the campaign has started (the seed was committed to this table). */
export default function PrizeList({ form, locked }: { form: EditForm; locked: boolean }) {
  const { prizes } = form.values
  const setP = (i: number, patch: Partial<PForm>) =>
    form.set(
      'prizes',
      prizes.map((p, j) => (j === i ? { ...p, ...patch } : p)),
    )
  const weightSum = prizes.reduce((s, p) => s + (Number(p.weight) || 0), 0)
  const pick = form.values.prizeMode === 'pick'
  // The list's own error (权重合计超出), unless it only stands for an item's error, which shows beside the item.
  const itemHasError = prizes.some((_, i) => form.error(`prizes.${i}`))
  const listError = itemHasError ? undefined : form.error('prizes')
  return (
    <View className='card'>
      <Text className='section-title'>{pick ? '奖品（自选）' : `奖品（权重合计 ${weightSum} / ${WEIGHT_TOTAL}，其余为谢谢参与）`}</Text>
      <Field label='发奖方式' name='prizeMode' error={form.error('prizeMode')}>
        <Choice
          options={
            [
              { key: 'draw', label: '抽奖' },
              { key: 'pick', label: '自选奖品' },
            ] as const
          }
          value={form.values.prizeMode}
          onChange={(k) => !locked && form.set('prizeMode', k)}
        />
      </Field>
      {pick ? <Text className='muted'>每次机会由中奖人从有货的奖品里挑一件，发完为止，不用设置概率。</Text> : null}
      {locked ? <Text className='muted'>活动已开始，奖品、权重和发奖方式不能再改。</Text> : null}
      {listError ? <Text className='quiz-error'>{listError}</Text> : null}
      {prizes.map((p, i) => (
        <View key={i} className='quiz-edit-item quiz-edit-prize'>
          <Field label={`奖品 ${i + 1}`} name={`prize-${i}`} error={form.error(`prizes.${i}.name`)}>
            <Input
              className='field__input'
              value={p.name}
              disabled={locked}
              placeholder='如：20 元话费'
              onInput={(ev) => setP(i, { name: ev.detail.value })}
            />
          </Field>
          <Choice
            options={PRIZE_KINDS.map((k) => ({ key: k, label: PRIZE_KIND_LABELS[k] }))}
            value={p.kind}
            onChange={(k) => !locked && setP(i, { kind: k })}
          />
          <View className='quiz-edit-grid'>
            <Field label='数量' name={`prize-${i}-quantity`} error={form.error(`prizes.${i}.quantity`)}>
              <Input
                className='field__input'
                type='number'
                disabled={locked}
                value={p.quantity}
                onInput={(ev) => setP(i, { quantity: ev.detail.value })}
              />
            </Field>
            {pick ? null : (
              <Field label='权重（万分之）' name={`prize-${i}-weight`} error={form.error(`prizes.${i}.weight`)}>
                <Input
                  className='field__input'
                  type='number'
                  disabled={locked}
                  value={p.weight}
                  onInput={(ev) => setP(i, { weight: ev.detail.value })}
                />
              </Field>
            )}
          </View>
          {p.kind === 'voucher' ? <VoucherTerms form={form} index={i} prize={p} locked={locked} onChange={(patch) => setP(i, patch)} /> : null}
          {!locked ? (
            <Text
              className='quiz-edit-link'
              onClick={() =>
                form.set(
                  'prizes',
                  prizes.filter((_, j) => j !== i),
                )
              }
            >
              删除这个奖品
            </Text>
          ) : null}
        </View>
      ))}
      {!locked ? (
        <Btn kind='ghost' size='sm' onClick={() => form.set('prizes', [...prizes, newPrize()])}>
          添加奖品
        </Btn>
      ) : null}
    </View>
  )
}
