import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import Btn from '@/components/Btn'
import EnumPicker from '@/components/EnumPicker'
import Field from '@/components/Field'
import FormError from '@/components/FormError'
import PageState from '@/components/PageState'
import TextField from '@/components/TextField'
import { fetchQuery } from '@/api/client'
import { GRADE_LABELS } from '@/contracts/childcare/rules'
import { saveChildInput, type ChildView } from '@/contracts/childcare/schemas'
import { CHILD_RULES_VERSION, type ConsentState } from '@/contracts/childcare/privacy'
import { checkIdNumber } from '@/contracts/membership/idcard'
import type { ApiResult } from '@/contracts/result'
import { useForm, useMutation, useQueryWith } from '@/data'
import { alert, confirm } from '@/utils/dialog'
import ConsentStep from './ConsentStep'
import './index.scss'

const GRADES = GRADE_LABELS.slice(1)
type GradeName = (typeof GRADES)[number]

interface Values {
  id?: string
  name: string
  idNumber: string
  grade: GradeName | ''
  school: string
  health: string
  pickupPeople: string
}
const EMPTY: Values = { name: '', idNumber: '', grade: '', school: '', health: '', pickupPeople: '' }

interface Loaded {
  items: ChildView[]
  consent: ConsentState
}

async function fetchChildren(): Promise<ApiResult<Loaded>> {
  const [kids, consent] = await Promise.all([fetchQuery('childcare', 'myChildren'), fetchQuery('childcare', 'consent')])
  if (!kids.ok) return kids
  if (!consent.ok) return consent
  return { ok: true, data: { items: kids.data.items, consent: consent.data } }
}

/** 孩子信息: kept once, chosen when booking. 身份证号 is checked here as on the server, and shown masked. */
export default function ChildrenPage() {
  const page = useQueryWith(fetchChildren, [])
  // The form being filled in (null: the list), and whether the guardian's consent is asked first.
  const [editing, setEditing] = useState<Values | null>(null)
  const [asking, setAsking] = useState(false)
  const consent = useMutation('childcare', 'giveConsent', {
    onSuccess: (c) => {
      page.setData((d) => ({ ...d, consent: c }))
      setAsking(false)
    },
  })
  const removal = useMutation('childcare', 'deleteChild', {
    success: '已删除',
    onSuccess: () => page.reload(true),
    onError: (e) => void alert('不能删除', e.message),
  })

  const open = (v: Values) => {
    setEditing(v)
    // Nothing of a child is entered before the guardian has agreed to the current rules.
    if (!page.data?.consent.given) {
      consent.reset()
      setAsking(true)
    }
  }

  const remove = async (c: ChildView) => {
    const ok = await confirm({ title: '删除孩子信息？', content: `${c.name}（${c.idNumberMasked}）`, confirmText: '删除', danger: true })
    if (ok) await removal.run({ id: c.id })
  }

  if (asking) {
    return (
      <ConsentStep
        busy={consent.busy}
        error={consent.error?.message ?? ''}
        onAgree={() => void consent.run({ version: CHILD_RULES_VERSION, guardian: true })}
        onCancel={() => {
          setAsking(false)
          setEditing(null)
        }}
      />
    )
  }
  if (editing) {
    return (
      <ChildForm
        initial={editing}
        onDone={() => {
          setEditing(null)
          void page.reload(true)
        }}
        onConsentNeeded={() => {
          page.setData((d) => ({ ...d, consent: { version: CHILD_RULES_VERSION, given: false } }))
          setAsking(true)
        }}
      />
    )
  }

  return (
    <View className='page cc-children'>
      <PageState query={page}>
        {(d) => (
          <>
            {d.items.length ? (
              d.items.map((c) => (
                <View key={c.id} className='card cc-child'>
                  <Text className='cc-row__name'>{c.name}</Text>
                  <Text className='cc-line'>
                    {c.gender} · {GRADE_LABELS[c.grade]} · 身份证 {c.idNumberMasked}
                  </Text>
                  {c.school ? <Text className='cc-line'>{c.school}</Text> : null}
                  <View className='row-actions'>
                    <Btn
                      size='sm'
                      kind='secondary'
                      onClick={() =>
                        open({
                          id: c.id,
                          name: c.name,
                          idNumber: '',
                          grade: GRADES[c.grade - 1] ?? '',
                          school: c.school,
                          health: c.health,
                          pickupPeople: c.pickupPeople,
                        })
                      }
                    >
                      修改
                    </Btn>
                    <Btn size='sm' kind='ghost' onClick={() => remove(c)}>
                      删除
                    </Btn>
                  </View>
                </View>
              ))
            ) : (
              <View className='card cc-children__empty'>
                <Text className='cc-row__name'>还没有孩子信息</Text>
                <Text className='muted'>添加后即可在托管班页面为孩子报名。</Text>
              </View>
            )}
            {d.consent.given && d.consent.givenAt ? (
              <Text className='cc-line cc-children__consent'>您已于 {d.consent.givenAt.slice(0, 10)} 以监护人身份同意《儿童个人信息处理规则》</Text>
            ) : null}
            <Btn className='cc-children__add' onClick={() => open(EMPTY)}>
              添加孩子
            </Btn>
          </>
        )}
      </PageState>
    </View>
  )
}

/** One child's form. Gender comes from the 身份证号, so it is never asked. */
function ChildForm({ initial, onDone, onConsentNeeded }: { initial: Values; onDone: () => void; onConsentNeeded: () => void }) {
  const form = useForm({
    initial,
    schema: saveChildInput,
    toInput: (v: Values) => {
      const id = checkIdNumber(v.idNumber)
      return {
        ...(v.id ? { id: v.id } : {}),
        name: v.name,
        idNumber: v.idNumber,
        gender: id.ok ? id.gender : '男',
        grade: v.grade ? GRADES.indexOf(v.grade) + 1 : undefined,
        school: v.school,
        health: v.health,
        pickupPeople: v.pickupPeople,
      }
    },
  })
  const save = useMutation('childcare', 'saveChild', {
    success: '已保存',
    onSuccess: onDone,
    // The rules changed since the page loaded: ask again, keeping what was typed.
    onError: (e) => (e.fields?.some((f) => f.path === 'consent') ? onConsentNeeded() : undefined),
  })
  const v = form.values
  const id = checkIdNumber(v.idNumber)

  return (
    <View className='page cc-child-form'>
      <View className='card'>
        <TextField
          label='孩子姓名'
          name='name'
          required
          className='cc-child-form__name'
          value={v.name}
          maxlength={30}
          onInput={(x) => form.set('name', x)}
          error={form.error('name')}
        />
        <TextField
          label='身份证号'
          name='idNumber'
          required
          type='idcard'
          className='cc-child-form__id'
          value={v.idNumber}
          maxlength={18}
          onInput={(x) => form.set('idNumber', x)}
          error={form.error('idNumber')}
          hint={
            id.ok
              ? `${id.gender}，${id.birth.year} 年 ${id.birth.month} 月出生（由身份证号得出）`
              : v.id
                ? '修改时需重新填写完整号码'
                : '加密保存，列表中只显示部分号码'
          }
        />
        <Field label='现在的年级' name='grade' required error={form.error('grade')} hint='暑假里填刚读完的年级；每年 9 月 1 日自动升一级'>
          <EnumPicker
            className='cc-child-form__grade'
            options={GRADES}
            value={v.grade}
            placeholder='选择年级'
            onChange={(g) => form.set('grade', g)}
          />
        </Field>
        <TextField
          label='就读学校'
          name='school'
          value={v.school}
          maxlength={40}
          onInput={(x) => form.set('school', x)}
          error={form.error('school')}
        />
        <Field label='健康情况' name='health' error={form.error('health')} hint='过敏、慢性病等需要老师知道的情况'>
          <Textarea className='field__textarea' value={v.health} maxlength={200} onInput={(e) => form.set('health', e.detail.value)} />
        </Field>
        <TextField
          label='接送人'
          name='pickupPeople'
          value={v.pickupPeople}
          maxlength={100}
          onInput={(x) => form.set('pickupPeople', x)}
          error={form.error('pickupPeople')}
          hint='姓名和关系，如：李秀梅（母亲）'
        />
      </View>
      <FormError message={form.formError} />
      <View className='row-actions'>
        <Btn kind='secondary' onClick={onDone}>
          取消
        </Btn>
        <Btn className='cc-child-form__save' loading={save.busy} onClick={() => form.submit((data) => save.run(data))}>
          保存
        </Btn>
      </View>
    </View>
  )
}
